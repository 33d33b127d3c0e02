// Fitting the cross-pair correction D_ab exp[-γ (r/r_ab - 1)] (plus D2 exp[-γ2 (r/r_ab - 1)]
// where the targets ask for two terms) of one pair (host a, solute b) to the formation
// enthalpies of its compounds and the dilute heat of solution of b in a, with both elements'
// own parameters fixed (they do not enter any other fit).
#pragma once

#include <vector>

#include "potential/eam_database.hpp"
#include "potential/element_fit.hpp"
#include "potential/fit_targets.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

struct PairFitResult {
  PairCorrection correction;
  std::vector<ResidualRow> table;
  double cost = 0;
  int iterations = 0;
};

/// Fits the correction of `targets.element_a`–`targets.element_b`; `database` must hold both
/// elements (its existing correction for the pair, if any, is the start).
PairFitResult fit_pair(const EamDatabase &database, const PairTargets &targets, const FitSettings &settings);

/// Energies of the pure elements (relaxed reference structures) and the host lattice: they do
/// not depend on the pair correction, so a fit computes them once.
struct PairReferences {
  double host_eV = 0, solute_eV = 0;  // per atom
  double host_a_A = 0, host_c_over_a = 0;
};
PairReferences pair_references(const EamDatabase &database, const std::string &host, const std::string &solute);

/// Residual table of the pair in `database`: formation enthalpies, dilute heat, and for cubic
/// compounds the Born stability bounds C' >= kMinimumShearModulus_GPa and C44 >= the same
/// (elastic constants with internal relaxation, at the relaxed volume) and the zone-boundary
/// bound (lowest force constant >= kMinimumForceConstant_eV_A2): without them a fit can reach
/// the right enthalpy with a compound that the report then sees distort away.
std::vector<ResidualRow> pair_residual_table(const EamDatabase &database, const PairTargets &targets);
std::vector<ResidualRow> pair_residual_table(const EamDatabase &database, const PairTargets &targets,
                                             const PairReferences &references);

/// Formation enthalpy (eV/atom) of `compound` (element_a = species 0); the structure is relaxed
/// (isotropic volume; atoms too for structure = cell). `relaxed`, if given, receives the
/// relaxed structure.
double formation_enthalpy_eV_per_atom(const EamDatabase &database, const PairTargets &pair,
                                      const CompoundTargets &compound, const PairReferences &references,
                                      PeriodicStructure *relaxed = nullptr);

/// The smallest shear constants (C' and C44, GPa) a fitted cubic compound may have. Real
/// Li intermetallics have C' and C44 of 10-40 GPa; 5 GPa leaves room for a soft compound
/// while excluding the near-instability that relaxes away under a small perturbation.
inline constexpr double kMinimumShearModulus_GPa = 5.0;

/// The smallest force-constant eigenvalue (eV/Å²) a fitted cubic compound may have in its
/// zone-boundary supercell (lattice_stability.hpp). Acoustic zone-boundary modes of Li
/// compounds have force constants of order 0.5-2 eV/Å²; 0.1 keeps a margin above the
/// instability without constraining real soft modes.
inline constexpr double kMinimumForceConstant_eV_A2 = 0.1;

/// The largest magnitude (eV) a two-term correction may have where the smooth cutoff starts
/// (r = cutoff_start_factor × r_ab). Li–M pair energies at the first neighbour are of order
/// 0.1–1 eV; 0.05 eV at ~5 Å keeps the correction a near-neighbour one.
inline constexpr double kMaximumCorrectionTail_eV = 0.05;

/// Whether the Born criteria C' > 0, C44 > 0 apply to `structure` directly (the cubic
/// compound structures of crystal_builder).
bool is_cubic_compound(const std::string &structure);

/// The compound's cell (target lattice) with species 0 = `a_symbol`, 1 = the other element.
PeriodicStructure compound_structure(const CompoundTargets &compound, const std::string &a_symbol);

/// Heat of solution (eV) of one solute atom in a supercell³ of the host's reference cell at the
/// host's equilibrium lattice, atoms relaxed, relative to both pure reference structures.
double dilute_heat_of_solution_eV(const EamDatabase &database, const std::string &host, const std::string &solute,
                                  const PairReferences &references, int supercell = 3);

}  // namespace anodekmc::potential
