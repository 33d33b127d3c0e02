// Saddle refinement and verification after a climbing-image NEB.
//
// A CI-NEB stops when every image's force is below the band tolerance (default 0.01 eV/Å). On
// a flat landscape that leaves the climbing image up to tens of meV from a stationary point,
// and a band can straddle an intermediate minimum (seen on Li(100): the bridge site of the
// bare hop is a shallow minimum, docs/cli_barriers.md). Harmonic TST needs a true first-order
// saddle that connects the two minima of the hop, so before Vineyard prefactors:
//
//  1. refine_saddle: Newton steps on the free atoms near the moving atom, in the eigenbasis of
//     their finite-difference Hessian: uphill along the lowest mode, downhill along the others
//     (the partitioned step of Baker, J. Comput. Chem. 7, 385 (1986), without the rational
//     function shift: the |eigenvalue| floor and a trust radius keep steps small where the
//     Hessian is nearly singular), until the largest atom force is below a tolerance
//     (default 1e-4 eV/Å); the result must have exactly one unstable mode;
//  2. descend_from_saddle: a small displacement along ± that mode, then relaxation (FIRE),
//     gives the two minima the saddle joins; connects() compares them with the hop's end
//     states.
// A saddle that joins one end state to a third minimum means the hop passes an intermediate
// minimum, and the one-saddle HTST rate does not describe it.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "barriers/energy_surface.hpp"

namespace anodekmc::barriers {

struct SaddleSettings {
  double max_force_eV_A = 1e-4;     // convergence: largest per-atom force of the refined atoms
  int max_iterations = 40;          // Newton iterations (one Hessian each)
  double trust_radius_A = 0.1;      // largest step (Euclidean norm over the refined coordinates)
  double curvature_floor_eV_A2 = 0.02;  // |eigenvalue| floor of the Newton step
  double hessian_step_A = 0.005;    // finite-difference step of the Hessians
  double descent_displacement_A = 0.05;  // initial push along the unstable mode (norm)
  double descent_max_force_eV_A = 1e-3;  // relaxation tolerance of the two descents
  int descent_max_steps = 20000;
  double same_state_A = 0.1;        // two relaxed states are the same if no atom differs by more
};

struct SaddleRefinement {
  Eigen::VectorXd coordinates_A;  // refined point (all atoms; only `atoms` moved)
  double energy_eV = 0;
  double max_force_eV_A = 0;      // largest per-atom force over the refined atoms
  int unstable_modes = 0;         // negative Hessian eigenvalues at the refined point
  int iterations = 0;
  bool stationary = false;        // force below tolerance (whatever the mode count)
  bool converged = false;         // stationary with exactly one unstable mode
  std::string failure;            // why not (empty if converged)
  Eigen::VectorXd unstable_mode;  // unit vector over all coordinates (zero off `atoms`)
};

/// Refines `start` (typically the NEB's climbing image) to a first-order saddle, moving only
/// the coordinates of `atoms` (which must be mobile).
SaddleRefinement refine_saddle(const EnergySurface &surface, const Eigen::VectorXd &start,
                               const std::vector<std::size_t> &atoms, const SaddleSettings &settings = {});

struct SaddleDescent {
  Eigen::VectorXd minus_A, plus_A;  // relaxed end of each side (− and + along the mode)
  double minus_energy_eV = 0, plus_energy_eV = 0;
  bool relaxed = false;             // both descents reached their force tolerance
};

/// Relaxes from the saddle displaced by ∓ and ± descent_displacement_A along its unstable mode.
SaddleDescent descend_from_saddle(const EnergySurface &surface, const SaddleRefinement &saddle,
                                  const Eigen::VectorXd &mobile, const SaddleSettings &settings = {});

/// Largest per-atom distance between two configurations of the same atoms (Å).
double largest_atom_distance(const Eigen::VectorXd &a_A, const Eigen::VectorXd &b_A);

/// Whether two configurations are the same state: no atom more than settings.same_state_A apart.
bool same_state(const Eigen::VectorXd &a_A, const Eigen::VectorXd &b_A, const SaddleSettings &settings = {});

/// Whether the descent joins `initial_A` and `final_A` (in either order), each within
/// settings.same_state_A per atom.
bool connects(const SaddleDescent &descent, const Eigen::VectorXd &initial_A, const Eigen::VectorXd &final_A,
              const SaddleSettings &settings = {});

}  // namespace anodekmc::barriers
