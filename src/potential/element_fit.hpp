// Fitting one element's Zhou–Johnson–Wadley parameters to its targets by weighted least
// squares (Levenberg–Marquardt, Eigen's implementation, forward-difference Jacobian).
//
// Residual k is (achieved_k - target_k) / tolerance_k, so a residual of 1 means "off by the
// tolerance the issue asks for"; see docs/potential_fit.md for every tolerance and why.
// Properties are evaluated at the target lattice (zero pressure is itself a residual), which
// is smooth in the parameters; the relaxed values are what the report shows.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "potential/eam_database.hpp"
#include "potential/fit_targets.hpp"

namespace anodekmc::potential {

/// One line of a residual table: a target, what the potential gives, and the tolerance.
struct ResidualRow {
  std::string quantity;  // e.g. "Li cohesive energy (eV)"
  double target = 0;
  double achieved = 0;
  double tolerance = 0;  // absolute, in the quantity's unit
  std::string source;    // the target's citation (or "constraint")
  bool lower_bound = false;  // a bound, not a target: only `achieved` below `target` counts
  double residual() const {
    const double r = (achieved - target) / tolerance;
    return lower_bound && r > 0 ? 0.0 : r;
  }
};

struct FitSettings {
  int max_iterations = 150;
  std::ostream *progress = nullptr;  // one line per iteration if set
};

struct ElementFitResult {
  ElementRecord record;
  std::vector<ResidualRow> table;
  double cost = 0;  // ½ Σ residual² (targets only, no regularisation)
  int iterations = 0;
};

/// Fits the element of `targets`, starting from `start` (which must hold the same symbol, or
/// be a template whose r_e and energies are rescaled first: see scale_template).
ElementFitResult fit_element(const ElementTargets &targets, const ElementRecord &start, const FitSettings &settings);

/// The residual table of `record` against `targets` (vacancy energies relaxed).
std::vector<ResidualRow> element_residual_table(const ElementTargets &targets, const ElementRecord &record);

/// A starting record for an element Zhou et al. did not fit: the template's shape with r_e set
/// from the target volume and energy-like parameters scaled by the cohesive-energy ratio.
ElementRecord scale_template(const ElementRecord &template_record, const ElementTargets &targets);

/// ρ_e set to the host density of the reference structure at the target lattice.
void set_equilibrium_density(ElementRecord &record, const ElementTargets &targets);

}  // namespace anodekmc::potential
