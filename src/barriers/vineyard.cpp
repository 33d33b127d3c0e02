#include "barriers/vineyard.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <stdexcept>

namespace anodekmc::barriers {

namespace {

// 1 eV / (Å² amu) in s⁻²: 1.602176634e-19 J / (1e-20 m² × 1.66053906660e-27 kg) (CODATA 2018).
constexpr double kSquaredFrequencyPerEvA2Amu = 1.602176634e-19 / (1e-20 * 1.66053906660e-27);
constexpr double kTwoPi = 6.283185307179586;

}  // namespace

Eigen::MatrixXd finite_difference_hessian(const EnergySurface &surface, const Eigen::VectorXd &coordinates_A,
                                          const std::vector<std::size_t> &atoms, double displacement_A) {
  if (!(displacement_A > 0)) throw std::invalid_argument("Hessian displacement must be positive");
  const long n = 3 * static_cast<long>(atoms.size());
  Eigen::MatrixXd hessian(n, n);
  Eigen::VectorXd x = coordinates_A, forces_plus(coordinates_A.size()), forces_minus(coordinates_A.size());
  for (long i = 0; i < n; ++i) {
    const long ci = 3 * static_cast<long>(atoms[static_cast<std::size_t>(i / 3)]) + i % 3;
    x[ci] = coordinates_A[ci] + displacement_A;
    surface(x, forces_plus);
    x[ci] = coordinates_A[ci] - displacement_A;
    surface(x, forces_minus);
    x[ci] = coordinates_A[ci];
    for (long j = 0; j < n; ++j) {
      const long cj = 3 * static_cast<long>(atoms[static_cast<std::size_t>(j / 3)]) + j % 3;
      hessian(i, j) = -(forces_plus[cj] - forces_minus[cj]) / (2.0 * displacement_A);
    }
  }
  return 0.5 * (hessian + hessian.transpose());
}

Eigen::VectorXd squared_angular_frequencies(const Eigen::MatrixXd &hessian_eV_A2,
                                            const std::vector<double> &atom_masses_amu) {
  const long n = hessian_eV_A2.rows();
  if (n != 3 * static_cast<long>(atom_masses_amu.size()))
    throw std::invalid_argument("Hessian size does not match the number of atoms");
  Eigen::VectorXd inv_sqrt_mass(n);
  for (long i = 0; i < n; ++i) inv_sqrt_mass[i] = 1.0 / std::sqrt(atom_masses_amu[static_cast<std::size_t>(i / 3)]);
  const Eigen::MatrixXd weighted = inv_sqrt_mass.asDiagonal() * hessian_eV_A2 * inv_sqrt_mass.asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(weighted, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("Hessian eigenvalue decomposition failed");
  return solver.eigenvalues() * kSquaredFrequencyPerEvA2Amu;  // ascending
}

std::vector<std::size_t> atoms_near(const Eigen::VectorXd &first_A, const Eigen::VectorXd &second_A,
                                    std::size_t moving, double radius_A, const Eigen::VectorXd &mobile) {
  std::vector<std::size_t> atoms;
  const std::size_t count = static_cast<std::size_t>(first_A.size() / 3);
  for (std::size_t a = 0; a < count; ++a) {
    const long c = 3 * static_cast<long>(a);
    if (mobile[c] == 0 || mobile[c + 1] == 0 || mobile[c + 2] == 0) continue;
    const long m = 3 * static_cast<long>(moving);
    const double d1 = (first_A.segment<3>(c) - first_A.segment<3>(m)).norm();
    const double d2 = (second_A.segment<3>(c) - second_A.segment<3>(m)).norm();
    if (a == moving || d1 <= radius_A || d2 <= radius_A) atoms.push_back(a);
  }
  return atoms;
}

VineyardResult vineyard_prefactor(const EnergySurface &surface, const Eigen::VectorXd &minimum_A,
                                  const Eigen::VectorXd &saddle_A, const std::vector<std::size_t> &atoms,
                                  const std::vector<double> &masses_amu, const VineyardSettings &settings) {
  VineyardResult result;
  result.atoms = atoms.size();
  std::vector<double> subset_masses;
  for (std::size_t a : atoms) subset_masses.push_back(masses_amu.at(a));
  const Eigen::VectorXd w2_min =
      squared_angular_frequencies(finite_difference_hessian(surface, minimum_A, atoms, settings.displacement_A), subset_masses);
  const Eigen::VectorXd w2_sad =
      squared_angular_frequencies(finite_difference_hessian(surface, saddle_A, atoms, settings.displacement_A), subset_masses);
  for (long i = 0; i < w2_min.size(); ++i) result.negative_modes_minimum += w2_min[i] < 0 ? 1 : 0;
  for (long i = 0; i < w2_sad.size(); ++i) result.negative_modes_saddle += w2_sad[i] < 0 ? 1 : 0;
  if (result.negative_modes_minimum != 0 || result.negative_modes_saddle != 1) {
    result.failure = "the minimum has " + std::to_string(result.negative_modes_minimum) +
                     " unstable modes (expected 0) and the saddle " + std::to_string(result.negative_modes_saddle) +
                     " (expected 1)";
    return result;
  }
  result.imaginary_frequency_THz = std::sqrt(-w2_sad[0]) / kTwoPi * 1e-12;
  // ν* = Π ω_min / Π' ω_saddle / 2π, summed in logarithms (3n factors of ~1e13 overflow nothing,
  // but their ratio is what matters and logs keep its precision).
  double log_ratio = 0.0;
  for (long i = 0; i < w2_min.size(); ++i) log_ratio += 0.5 * std::log(w2_min[i]);
  for (long i = 1; i < w2_sad.size(); ++i) log_ratio -= 0.5 * std::log(w2_sad[i]);
  result.prefactor_per_s = std::exp(log_ratio) / kTwoPi;
  result.valid = std::isfinite(result.prefactor_per_s) && result.prefactor_per_s > 0;
  if (!result.valid) result.failure = "prefactor is not a positive finite number";
  return result;
}

}  // namespace anodekmc::barriers
