#include "barriers/saddle_refinement.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "barriers/fire_minimizer.hpp"
#include "barriers/vineyard.hpp"

namespace anodekmc::barriers {

namespace {

double largest_force_of(const Eigen::VectorXd &forces, const std::vector<std::size_t> &atoms) {
  double largest = 0.0;
  for (std::size_t a : atoms) largest = std::max(largest, forces.segment<3>(3 * static_cast<long>(a)).norm());
  return largest;
}

}  // namespace

SaddleRefinement refine_saddle(const EnergySurface &surface, const Eigen::VectorXd &start,
                               const std::vector<std::size_t> &atoms, const SaddleSettings &settings) {
  if (atoms.empty()) throw std::invalid_argument("saddle refinement needs at least one atom");
  SaddleRefinement result;
  result.coordinates_A = start;
  Eigen::VectorXd &x = result.coordinates_A;
  Eigen::VectorXd forces(x.size());
  const long n = 3 * static_cast<long>(atoms.size());
  for (int iteration = 0;; ++iteration) {
    result.energy_eV = surface(x, forces);
    result.max_force_eV_A = largest_force_of(forces, atoms);
    // The Hessian is needed at the final point too (mode count and unstable mode).
    const Eigen::MatrixXd hessian = finite_difference_hessian(surface, x, atoms, settings.hessian_step_A);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> modes(hessian);
    if (modes.info() != Eigen::Success) {
      result.failure = "Hessian eigenvalue decomposition failed";
      return result;
    }
    const Eigen::VectorXd &curvature = modes.eigenvalues();
    result.unstable_modes = static_cast<int>((curvature.array() < 0.0).count());
    result.iterations = iteration;
    if (result.max_force_eV_A < settings.max_force_eV_A) {
      result.unstable_mode = Eigen::VectorXd::Zero(x.size());
      for (std::size_t k = 0; k < atoms.size(); ++k)
        result.unstable_mode.segment<3>(3 * static_cast<long>(atoms[k])) = modes.eigenvectors().col(0).segment<3>(3 * static_cast<long>(k));
      result.stationary = true;
      result.converged = result.unstable_modes == 1;
      if (!result.converged)
        result.failure = "the stationary point has " + std::to_string(result.unstable_modes) +
                         " unstable modes (a saddle has exactly 1)";
      return result;
    }
    if (iteration == settings.max_iterations) {
      result.failure = "not converged after " + std::to_string(iteration) + " Newton iterations (largest force " +
                       std::to_string(result.max_force_eV_A) + " eV/A)";
      return result;
    }
    // Newton step in the eigenbasis: maximise along the lowest mode, minimise along the rest.
    Eigen::VectorXd gradient(n);
    for (std::size_t k = 0; k < atoms.size(); ++k)
      gradient.segment<3>(3 * static_cast<long>(k)) = -forces.segment<3>(3 * static_cast<long>(atoms[k]));
    const Eigen::VectorXd projected = modes.eigenvectors().transpose() * gradient;
    Eigen::VectorXd step_in_modes(n);
    for (long i = 0; i < n; ++i) {
      const double magnitude = std::max(std::abs(curvature[i]), settings.curvature_floor_eV_A2);
      step_in_modes[i] = (i == 0 ? projected[i] : -projected[i]) / magnitude;
    }
    Eigen::VectorXd step = modes.eigenvectors() * step_in_modes;
    const double length = step.norm();
    if (length > settings.trust_radius_A) step *= settings.trust_radius_A / length;
    for (std::size_t k = 0; k < atoms.size(); ++k)
      x.segment<3>(3 * static_cast<long>(atoms[k])) += step.segment<3>(3 * static_cast<long>(k));
  }
}

SaddleDescent descend_from_saddle(const EnergySurface &surface, const SaddleRefinement &saddle,
                                  const Eigen::VectorXd &mobile, const SaddleSettings &settings) {
  if (saddle.unstable_mode.size() != saddle.coordinates_A.size())
    throw std::invalid_argument("descend_from_saddle needs a refined saddle with its unstable mode");
  SaddleDescent descent;
  bool relaxed = true;
  for (int side : {-1, 1}) {
    Eigen::VectorXd x = saddle.coordinates_A + side * settings.descent_displacement_A * saddle.unstable_mode;
    const MinimizeOutcome outcome =
        minimize(surface, x, mobile, settings.descent_max_force_eV_A, settings.descent_max_steps);
    relaxed = relaxed && outcome.converged;
    (side < 0 ? descent.minus_A : descent.plus_A) = x;
    (side < 0 ? descent.minus_energy_eV : descent.plus_energy_eV) = outcome.energy_eV;
  }
  descent.relaxed = relaxed;
  return descent;
}

double largest_atom_distance(const Eigen::VectorXd &a_A, const Eigen::VectorXd &b_A) {
  if (a_A.size() != b_A.size()) throw std::invalid_argument("configurations of different sizes");
  double largest = 0.0;
  for (long c = 0; c + 2 < a_A.size(); c += 3) largest = std::max(largest, (a_A.segment<3>(c) - b_A.segment<3>(c)).norm());
  return largest;
}

bool same_state(const Eigen::VectorXd &a_A, const Eigen::VectorXd &b_A, const SaddleSettings &settings) {
  return largest_atom_distance(a_A, b_A) <= settings.same_state_A;
}

bool connects(const SaddleDescent &descent, const Eigen::VectorXd &initial_A, const Eigen::VectorXd &final_A,
              const SaddleSettings &settings) {
  return (same_state(descent.minus_A, initial_A, settings) && same_state(descent.plus_A, final_A, settings)) ||
         (same_state(descent.minus_A, final_A, settings) && same_state(descent.plus_A, initial_A, settings));
}

}  // namespace anodekmc::barriers
