// Material properties of the analytic model computed in pure C++ (no LAMMPS): what the fitter
// compares with the targets. The LAMMPS-based report (potential_report) recomputes the same
// quantities independently, with full relaxation, from the pair style.
#pragma once

#include <string>

#include "potential/eam_model.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

struct ElasticConstants {
  double C11_GPa = 0, C12_GPa = 0, C13_GPa = 0, C33_GPa = 0, C44_GPa = 0, C66_GPa = 0;
  double bulk_modulus_GPa = 0;  // from the isotropic strain, -dP/dlnV
  double shear_prime_GPa() const { return 0.5 * (C11_GPa - C12_GPa); }
};

/// Elastic constants by central differences of the analytic stress (strain ±`strain`). With
/// `relax_internal`, atoms relax inside each strained cell (needed for hcp; zero effect on
/// bcc/fcc where every atom is a centre of inversion).
ElasticConstants elastic_constants(const EamModel &model, const PeriodicStructure &cell, bool relax_internal,
                                   double strain = 1e-4);

/// Vacancy formation energy E(N-1) - (N-1)/N E(N) in an n×n×n supercell of `cell` at fixed
/// volume, with the atoms around the vacancy relaxed if `relax`.
double vacancy_formation_energy_eV(const EamModel &model, const PeriodicStructure &cell, int n, bool relax);

/// One-element reference cell: bcc, fcc, hcp, sc or diamond.
PeriodicStructure element_cell(const std::string &structure, double a_A, double c_over_a, int species);

/// Lattice constant a that gives atomic volume `volume_A3` in `structure` (hcp: with c/a).
double lattice_constant_for_volume(const std::string &structure, double volume_A3, double c_over_a);

/// Minimum energy per atom of one element in `structure`, volume (and for hcp c/a) relaxed,
/// starting from lattice constant `a_guess`, in the basin of the guess (cubic structures: a
/// search that ends more than 2 % away is repeated from a ±0.5 % bracket, so a spurious denser
/// minimum behind a small barrier is not taken). Returns the energy; `a_A`, `c_over_a` receive
/// the optimum (c_over_a is left unchanged for cubic structures).
double relaxed_element_energy_eV(const EamModel &model, const std::string &structure, int species, double a_guess,
                                 double &a_A, double &c_over_a);

}  // namespace anodekmc::potential
