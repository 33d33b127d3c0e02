// Energy, forces and virial of the analytic EAM model for a small periodic structure, without
// LAMMPS: all periodic images within the cutoff are enumerated explicitly, so cells smaller
// than twice the cutoff (one-atom primitive cells, the fitter's strained cells) are exact.
// Cost is O(N² × images): meant for the fitter and for tests (up to a few hundred atoms).
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "potential/eam_model.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

struct EamResult {
  double energy_eV = 0;
  std::vector<double> atom_energy_eV;        // F_i(ρ_i) + ½ Σ_j φ_ij
  std::vector<Eigen::Vector3d> forces_eV_A;  // -∂E/∂x_i
  Eigen::Matrix3d virial_eV = Eigen::Matrix3d::Zero();  // Σ_pairs r_ij ⊗ f_ij (LAMMPS sign: positive when compressed)
  std::vector<double> density;               // ρ_i

  /// Cauchy stress (tensile positive) in GPa: σ = -virial / V.
  Eigen::Matrix3d stress_GPa(double volume_A3) const;
  /// Pressure in GPa: trace(virial) / (3V).
  double pressure_GPa(double volume_A3) const;
};

/// 1 eV/Å³ in GPa.
constexpr double kEvPerA3InGPa = 160.21766208;

EamResult evaluate_eam(const EamModel &model, const PeriodicStructure &structure);

/// Energy only (cheaper: no forces or virial).
double eam_energy_eV(const EamModel &model, const PeriodicStructure &structure);

}  // namespace anodekmc::potential
