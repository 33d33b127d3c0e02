// Climbing-image nudged elastic band (Henkelman, Uberuaga and Jónsson, J. Chem. Phys. 113,
// 9901 (2000)) with the improved tangent (Henkelman and Jónsson, J. Chem. Phys. 113, 9978
// (2000)), all images moved together by FIRE. The end points are relaxed first. Convergence:
// the largest per-atom NEB force over the intermediate images below `max_force_eV_A` with the
// climbing image on (SCIENCE.md §3: default 0.01 eV/Å).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "barriers/energy_surface.hpp"
#include "barriers/fire_minimizer.hpp"

namespace anodekmc::barriers {

struct NebSettings {
  int intermediate_images = 7;
  double spring_eV_A2 = 5.0;
  double max_force_eV_A = 0.01;
  int max_steps = 5000;
  bool climbing_image = true;
  /// The climbing image is switched on once the band's force falls below this (a rough path
  /// first, so the image that climbs is the right one).
  double climb_when_force_below_eV_A = 0.3;
  bool relax_end_points = true;
  FireSettings fire;
};

struct NebResult {
  std::vector<Eigen::VectorXd> images;   // end points included
  std::vector<double> energies_eV;       // per image
  double barrier_eV = 0;                 // max energy - initial energy
  double reverse_barrier_eV = 0;         // max energy - final energy
  int highest_image = 0;
  int steps = 0;
  double max_force_eV_A = 0;             // at the end, intermediate images
  bool converged = false;
  std::string failure;                   // why not converged (empty if converged)
};

/// Runs the NEB from `initial` to `final` (same size, coordinates of the same atoms in the same
/// order, unwrapped: an atom crossing a periodic boundary must have continuous coordinates).
/// `mobile` holds 1 for coordinates that move and 0 for fixed ones.
NebResult run_neb(const EnergySurface &surface, Eigen::VectorXd initial, Eigen::VectorXd final,
                  const Eigen::VectorXd &mobile, const NebSettings &settings = {});

}  // namespace anodekmc::barriers
