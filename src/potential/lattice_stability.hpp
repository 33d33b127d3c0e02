// Dynamical (phonon) stability of a crystal at its equilibrium positions, for the fit: the
// lowest eigenvalue of the force-constant matrix ∂²E/∂x_i∂x_j of a periodic supercell, with
// the three uniform translations removed. Negative means some displacement pattern that the
// supercell can hold lowers the energy: the structure would transform when relaxed (what the
// LAMMPS report detects by perturbing and relaxing). Elastic constants only see the
// long-wavelength limit; B32 compounds of an EAM can have C' and C44 positive and still be
// unstable at the zone boundary.
#pragma once

#include "potential/eam_model.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

/// Lowest force-constant eigenvalue (eV/Å²) of `cell`, evaluated by central differences of the
/// analytic forces (step 1e-4 Å). `cell` must be at a force-free configuration.
double lowest_force_constant_eV_A2(const EamModel &model, const PeriodicStructure &cell);

/// The supercell of a cubic conventional cell (lattice constant a, cell a·I) spanned by
/// a(0,1,1), a(1,0,1), a(1,1,0): twice the conventional volume, and commensurate with the
/// Γ, X and L points of an fcc Bravais lattice (and Γ, X, M, R of a simple cubic one), where
/// the instabilities of ordered compounds appear first.
PeriodicStructure zone_boundary_supercell(const PeriodicStructure &cubic_conventional);

}  // namespace anodekmc::potential
