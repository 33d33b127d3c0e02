#include "potential/lattice_stability.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <stdexcept>

#include "potential/eam_calculator.hpp"

namespace anodekmc::potential {

double lowest_force_constant_eV_A2(const EamModel &model, const PeriodicStructure &cell) {
  const int n = static_cast<int>(cell.size());
  const int dof = 3 * n;
  const double step_A = 1e-4;
  Eigen::MatrixXd hessian(dof, dof);
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) {
      PeriodicStructure plus = cell, minus = cell;
      plus.positions_A[i][a] += step_A;
      minus.positions_A[i][a] -= step_A;
      const std::vector<Eigen::Vector3d> f_plus = evaluate_eam(model, plus).forces_eV_A;
      const std::vector<Eigen::Vector3d> f_minus = evaluate_eam(model, minus).forces_eV_A;
      for (int j = 0; j < n; ++j)
        for (int b = 0; b < 3; ++b) hessian(3 * j + b, 3 * i + a) = -(f_plus[j][b] - f_minus[j][b]) / (2.0 * step_A);
    }
  hessian = 0.5 * (hessian + hessian.transpose()).eval();
  // Uniform translations cost nothing; lifting them far above every physical mode (instead of
  // skipping the three smallest eigenvalues) keeps the unstable modes, which may be the smallest.
  Eigen::MatrixXd translations = Eigen::MatrixXd::Zero(dof, 3);
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) translations(3 * i + a, a) = 1.0 / std::sqrt(static_cast<double>(n));
  const Eigen::MatrixXd projector = Eigen::MatrixXd::Identity(dof, dof) - translations * translations.transpose();
  const double lift_eV_A2 = 1e3;
  const Eigen::MatrixXd physical =
      projector * hessian * projector + lift_eV_A2 * translations * translations.transpose();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(physical, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("force-constant eigenvalues did not converge");
  return solver.eigenvalues()[0];
}

PeriodicStructure zone_boundary_supercell(const PeriodicStructure &cubic) {
  const double a = cubic.cell_A(0, 0);
  if (!(a > 0) || !cubic.cell_A.isApprox(a * Eigen::Matrix3d::Identity(), 1e-9))
    throw std::invalid_argument("zone_boundary_supercell needs a cubic conventional cell (a times the identity)");
  PeriodicStructure out;
  out.cell_A << 0, a, a, a, 0, a, a, a, 0;
  const Eigen::Matrix3d to_fractional = out.cell_A.transpose().inverse();
  const PeriodicStructure big = cubic.replicated(2, 2, 2);  // holds every point of the new cell
  std::vector<Eigen::Vector3d> kept;
  for (std::size_t k = 0; k < big.size(); ++k) {
    Eigen::Vector3d f = to_fractional * big.positions_A[k];
    for (int d = 0; d < 3; ++d) {
      f[d] -= std::floor(f[d]);
      if (f[d] > 1.0 - 1e-9) f[d] = 0.0;
    }
    bool seen = false;
    for (const auto &g : kept) {
      Eigen::Vector3d delta = f - g;
      for (int d = 0; d < 3; ++d) delta[d] -= std::round(delta[d]);
      if (delta.norm() < 1e-6) seen = true;
    }
    if (seen) continue;
    kept.push_back(f);
    out.add(out.cell_A.transpose() * f, big.species[k]);
  }
  if (out.size() != 2 * cubic.size())
    throw std::logic_error("zone_boundary_supercell: expected twice the atoms of the conventional cell");
  return out;
}

}  // namespace anodekmc::potential
