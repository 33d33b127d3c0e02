// Harmonic transition-state theory (Vineyard, J. Phys. Chem. Solids 3, 121 (1957)): the rate
// prefactor of a hop is
//
//   nu* = prod_{i=1..3n} nu_i(minimum) / prod_{i=1..3n-1} nu_i(saddle),
//
// the real normal-mode frequencies nu = omega / 2 pi of the minimum over those of the saddle
// (whose one imaginary mode is the reaction coordinate). Here the modes are those of a subset
// of atoms, the moving atom and its neighbours within a radius, with every other atom held at
// its position (a partial Hessian: the usual approximation for surface hops, exact in the
// limit of a large radius). Hessians come from central finite differences of the forces.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "barriers/energy_surface.hpp"

namespace anodekmc::barriers {

struct VineyardSettings {
  double radius_A = 3.5;          // atoms within this distance of the moving atom (initial or saddle)
  double displacement_A = 0.005;  // finite-difference step of the Hessian
};

struct VineyardResult {
  double prefactor_per_s = 0;         // nu*
  std::size_t atoms = 0;              // atoms whose modes enter
  int negative_modes_minimum = 0;     // must be 0
  int negative_modes_saddle = 0;      // must be 1
  double imaginary_frequency_THz = 0; // |nu| of the saddle's unstable mode
  bool valid = false;
  std::string failure;                // why not valid (empty if valid)
};

/// Symmetric Hessian (eV/Å²) of the coordinates of `atoms` at `coordinates_A`, all other
/// coordinates fixed: H_ij = -(F_j(x + h e_i) - F_j(x - h e_i)) / 2h, then (H + Hᵀ)/2.
Eigen::MatrixXd finite_difference_hessian(const EnergySurface &surface, const Eigen::VectorXd &coordinates_A,
                                          const std::vector<std::size_t> &atoms, double displacement_A);

/// Normal-mode eigenvalues ω² (rad²/s², ascending; negative for unstable modes) of a Hessian of
/// `atoms` with per-atom masses (amu).
Eigen::VectorXd squared_angular_frequencies(const Eigen::MatrixXd &hessian_eV_A2,
                                            const std::vector<double> &atom_masses_amu);

/// The atoms within `radius_A` of atom `moving` in either configuration (moving included),
/// among those whose coordinates are free (`mobile` = 1 for all three).
std::vector<std::size_t> atoms_near(const Eigen::VectorXd &first_A, const Eigen::VectorXd &second_A,
                                    std::size_t moving, double radius_A, const Eigen::VectorXd &mobile);

/// ν* for the hop from the minimum `minimum_A` over the saddle `saddle_A` with the modes of
/// `atoms` (masses `masses_amu`, one per atom of the whole system).
VineyardResult vineyard_prefactor(const EnergySurface &surface, const Eigen::VectorXd &minimum_A,
                                  const Eigen::VectorXd &saddle_A, const std::vector<std::size_t> &atoms,
                                  const std::vector<double> &masses_amu, const VineyardSettings &settings);

}  // namespace anodekmc::barriers
