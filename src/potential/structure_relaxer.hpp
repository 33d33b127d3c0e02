// Relaxation tools for the pure-C++ model: FIRE for atomic positions at a fixed cell
// (Bitzek et al., Phys. Rev. Lett. 97, 170201 (2006)), and a bracketing Brent minimiser for
// one cell degree of freedom (isotropic scale, c/a). Used by the fitter and the property
// calculators; the LAMMPS-based report relaxes the same structures independently.
#pragma once

#include <functional>

#include "potential/eam_model.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

struct RelaxSettings {
  double max_force_eV_A = 1e-5;
  int max_steps = 5000;
};

struct RelaxOutcome {
  double energy_eV = 0;
  double max_force_eV_A = 0;
  int steps = 0;
  bool converged = false;
};

/// Moves atoms (cell fixed) to a local energy minimum.
RelaxOutcome relax_positions(const EamModel &model, PeriodicStructure &structure, const RelaxSettings &settings = {});

/// Minimises a smooth function of one variable. Starts from [lo, hi] (any order), widens the
/// interval until it brackets a minimum, then Brent's method to absolute tolerance `tolerance`.
/// Returns the argument; `value` receives the minimum.
double minimize_scalar(const std::function<double(double)> &function, double lo, double hi, double tolerance,
                       double &value);

/// Isotropically rescales `structure` to its minimum energy (positions relaxed at each scale
/// if `relax_atoms`). Returns the energy; the structure is left at the optimum.
double relax_volume(const EamModel &model, PeriodicStructure &structure, bool relax_atoms);

}  // namespace anodekmc::potential
