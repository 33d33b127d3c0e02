#include "potential/pair_fit.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <ostream>
#include <stdexcept>

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "potential/crystal_builder.hpp"
#include "potential/eam_calculator.hpp"
#include "potential/eam_model.hpp"
#include "potential/lattice_stability.hpp"
#include "potential/material_properties.hpp"
#include "potential/structure_relaxer.hpp"

namespace anodekmc::potential {

namespace {

/// Relaxed energy per atom of an element in its database reference structure, in the basin
/// of the lattice constant it was fitted at (relaxed_element_energy_eV stays in the guess's
/// basin), as the report's box relaxation from that lattice finds it.
double reference_energy_eV(const EamModel &model, int species, double &a, double &ca) {
  const ElementRecord &r = model.record(species);
  ca = r.c_over_a;
  return relaxed_element_energy_eV(model, r.reference_structure, species, r.lattice_constant_A, a, ca);
}

}  // namespace

PeriodicStructure compound_structure(const CompoundTargets &c, const std::string &a_symbol) {
  auto index_of = [&](const std::string &symbol) { return symbol == a_symbol ? 0 : 1; };
  if (c.structure == "cell") {
    std::vector<Eigen::Vector3d> fractional;
    std::vector<int> species;
    for (const auto &[symbol, f] : c.basis) {
      fractional.push_back(f);
      species.push_back(index_of(symbol));
    }
    return build_cell(c.cell_vectors_A, fractional, species);
  }
  return build_crystal(c.structure, c.lattice_constant_A, c.c_over_a, index_of(c.a_site), index_of(c.b_site));
}

namespace {

// γ is kept inside [kGammaMin, kGammaMax] (a correction decaying over a fraction of a neighbour
// distance up to beyond the cutoff) by a smooth map from an unbounded fit variable: hard walls
// would stop the Levenberg-Marquardt steps at the boundary.
constexpr double kGammaMin = 0.5, kGammaMax = 12.0;
double gamma_of(double y) { return kGammaMin + (kGammaMax - kGammaMin) / (1.0 + std::exp(-y)); }
double variable_of_gamma(double gamma) {
  const double g = std::clamp(gamma, kGammaMin + 1e-6, kGammaMax - 1e-6);
  return -std::log((kGammaMax - kGammaMin) / (g - kGammaMin) - 1.0);
}

struct PairFunctor {
  using Scalar = double;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;
  const EamDatabase *base;
  const PairTargets *targets;
  const PairReferences *references;  // pure elements do not depend on the correction: computed once
  int n_values;
  int terms;  // 1: x = (D, γ); 2: x = (D, γ, D2, γ2)
  int inputs() const { return 2 * terms; }
  int values() const { return n_values; }

  EamDatabase database_for(const Eigen::VectorXd &x) const {
    EamDatabase db = *base;
    PairCorrection &c = db.correction_for(targets->element_a, targets->element_b);
    c.D_eV = 0.1 * x[0];   // x is scaled so both entries are of order one
    c.gamma = gamma_of(x[1]);
    c.D2_eV = terms == 2 ? 0.1 * x[2] : 0.0;
    c.gamma2 = terms == 2 ? gamma_of(x[3]) : 0.0;
    return db;
  }
  int operator()(const Eigen::VectorXd &x, Eigen::VectorXd &r) const {
    r.setConstant(100.0);
    try {
      const auto rows = pair_residual_table(database_for(x), *targets, *references);
      for (std::size_t k = 0; k < rows.size(); ++k) r[static_cast<int>(k)] = rows[k].residual();
      // Keep the correction small when data allow (one row per amplitude).
      r[static_cast<int>(rows.size())] = 0.05 * x[0];
      if (terms == 2) r[static_cast<int>(rows.size()) + 1] = 0.05 * x[2];
    } catch (const std::exception &) {
      r.setConstant(100.0);
    }
    if (!r.allFinite()) r.setConstant(100.0);
    return 0;
  }
};

}  // namespace

PairReferences pair_references(const EamDatabase &database, const std::string &host, const std::string &solute) {
  const EamModel model(database, {host, solute});
  PairReferences r;
  r.host_eV = reference_energy_eV(model, 0, r.host_a_A, r.host_c_over_a);
  double solute_a_A = 0, solute_c_over_a = 0;
  r.solute_eV = reference_energy_eV(model, 1, solute_a_A, solute_c_over_a);
  return r;
}

double formation_enthalpy_eV_per_atom(const EamDatabase &database, const PairTargets &pair,
                                      const CompoundTargets &compound, const PairReferences &references,
                                      PeriodicStructure *relaxed) {
  const EamModel model(database, {pair.element_a, pair.element_b});
  PeriodicStructure s = compound_structure(compound, pair.element_a);
  const double energy = relax_volume(model, s, compound.structure == "cell");
  const std::vector<int> counts = s.species_counts(2);
  const double n = static_cast<double>(s.size());
  if (relaxed) *relaxed = s;
  return (energy - counts[0] * references.host_eV - counts[1] * references.solute_eV) / n;
}

bool is_cubic_compound(const std::string &structure) {
  return structure == "B2" || structure == "B1" || structure == "B32" || structure == "L1_2" || structure == "D0_3";
}

double dilute_heat_of_solution_eV(const EamDatabase &database, const std::string &host, const std::string &solute,
                                  const PairReferences &references, int supercell) {
  const EamModel model(database, {host, solute});
  PeriodicStructure s = element_cell(model.record(0).reference_structure, references.host_a_A,
                                     references.host_c_over_a, 0)
                            .replicated(supercell, supercell, supercell);
  s.species[0] = 1;
  const double energy = relax_positions(model, s, RelaxSettings{1e-5, 5000}).energy_eV;
  return energy - static_cast<double>(s.size() - 1) * references.host_eV - references.solute_eV;
}

std::vector<ResidualRow> pair_residual_table(const EamDatabase &database, const PairTargets &targets) {
  return pair_residual_table(database, targets, pair_references(database, targets.element_a, targets.element_b));
}

std::vector<ResidualRow> pair_residual_table(const EamDatabase &database, const PairTargets &targets,
                                             const PairReferences &references) {
  std::vector<ResidualRow> rows;
  const std::string pair = targets.element_a + "-" + targets.element_b;
  for (const auto &c : targets.compounds) {
    PeriodicStructure relaxed;
    rows.push_back(ResidualRow{pair + " " + c.name + " (" + c.structure + ") formation enthalpy (eV/atom)",
                               c.formation_enthalpy_eV_per_atom.value,
                               formation_enthalpy_eV_per_atom(database, targets, c, references, &relaxed), 0.01,
                               c.formation_enthalpy_eV_per_atom.source});
    if (!is_cubic_compound(c.structure)) continue;
    // Internal relaxation matters for B32 and D0_3 shear (atoms are not all inversion centres).
    const ElasticConstants elastic =
        elastic_constants(EamModel(database, {targets.element_a, targets.element_b}), relaxed, true);
    const std::string stability = "mechanical stability bound (Born criterion of a cubic crystal)";
    rows.push_back(ResidualRow{pair + " " + c.name + " C' = (C11-C12)/2 >= bound (GPa)", kMinimumShearModulus_GPa,
                               elastic.shear_prime_GPa(), 2.0, stability, true});
    rows.push_back(ResidualRow{pair + " " + c.name + " C44 >= bound (GPa)", kMinimumShearModulus_GPa,
                               elastic.C44_GPa, 2.0, stability, true});
    rows.push_back(ResidualRow{pair + " " + c.name + " lowest force constant >= bound (eV/A^2)",
                               kMinimumForceConstant_eV_A2,
                               lowest_force_constant_eV_A2(EamModel(database, {targets.element_a, targets.element_b}),
                                                           zone_boundary_supercell(relaxed)),
                               0.05, "dynamical stability bound (Γ, X and L modes of the compound)", true});
  }
  if (targets.correction_terms == 2) {
    // A two-term correction must stay a first- and second-neighbour correction: the fit can
    // otherwise buy compound stability with a strong attraction reaching the cutoff, which
    // makes a solute pull in every host atom within ~6 Å (a dilute Al then relaxes by eV and
    // its energy depends on the cell size).
    double tail_eV = 0, slope_unused = 0;
    if (const PairCorrection *c = database.find_correction(targets.element_a, targets.element_b))
      c->add_to(database.cutoff_start_factor, 1.0, tail_eV, slope_unused);
    rows.push_back(ResidualRow{pair + " |correction| at the cutoff start <= bound (eV), as -|dphi|",
                               -kMaximumCorrectionTail_eV, -std::fabs(tail_eV), 0.01,
                               "short-range bound of a two-term correction", true});
  }
  if (targets.dilute_heat_eV)
    rows.push_back(ResidualRow{pair + " heat of solution of " + targets.element_b + " in " + targets.element_a + " (eV)",
                               targets.dilute_heat_eV->value,
                               dilute_heat_of_solution_eV(database, targets.element_a, targets.element_b, references),
                               targets.dilute_heat_fit_tolerance_eV,
                               targets.dilute_heat_eV->source});
  return rows;
}

PairFitResult fit_pair(const EamDatabase &database, const PairTargets &targets, const FitSettings &settings) {
  PairFitResult out;
  const PairReferences references = pair_references(database, targets.element_a, targets.element_b);
  std::size_t rows = targets.compounds.size() + (targets.dilute_heat_eV ? 1 : 0);
  for (const auto &c : targets.compounds) rows += is_cubic_compound(c.structure) ? 3 : 0;
  if (targets.correction_terms == 2) ++rows;  // the short-range bound
  const int terms = targets.correction_terms;
  Eigen::VectorXd x(2 * terms);
  const PairCorrection *existing = database.find_correction(targets.element_a, targets.element_b);
  x[0] = existing ? existing->D_eV / 0.1 : 0.0;
  x[1] = variable_of_gamma(existing && existing->gamma > 0 ? existing->gamma : 3.0);
  if (terms == 2) {
    x[2] = existing ? existing->D2_eV / 0.1 : 0.0;
    x[3] = variable_of_gamma(existing && existing->gamma2 > 0 ? existing->gamma2 : 1.0);
  }
  if (rows > 0) {
    PairFunctor functor{&database, &targets, &references, static_cast<int>(rows) + terms, terms};
    // The residuals are far from convex in (D, γ): the stability bounds of B32 compounds are
    // met in a long-range basin (γ ~ 0.5-1) and a short-range one, and a local start can end
    // in the wrong one. A coarse grid (deterministic) picks the start of the local search.
    double best_cost = std::numeric_limits<double>::infinity();
    Eigen::VectorXd best = x;
    Eigen::VectorXd r(functor.values());
    auto consider = [&](const Eigen::VectorXd &trial) {
      functor(trial, r);
      const double cost = 0.5 * r.squaredNorm();
      if (cost < best_cost) {
        best_cost = cost;
        best = trial;
      }
    };
    // The start counts when it already has the requested form; a one-term start of a two-term
    // fit sits in the basin the second term is there to leave.
    if (terms == 1 || (existing && existing->has_second_term())) consider(x);
    if (terms == 1) {
      for (double gamma : {0.6, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0})
        for (double D_eV : {-0.4, -0.2, -0.1, -0.05, -0.03, -0.02, -0.01, 0.0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.4}) {
          Eigen::VectorXd trial(2);
          trial << D_eV / 0.1, variable_of_gamma(gamma);
          consider(trial);
        }
    } else {
      // Two terms: a repulsive short-range one (D > 0, larger γ) and an attractive longer-range
      // one (D2 < 0, smaller γ2), i.e. a well whose positive curvature between the first and
      // second neighbours is what stabilises the compound against shear.
      // (The short-range bound excludes γ2 below ~2 unless D2 is small.)
      for (double gamma : {3.0, 4.0, 6.0, 8.0})
        for (double D_eV : {0.2, 0.5, 1.0, 2.0})
          for (double gamma2 : {1.0, 2.0, 3.0, 4.0})
            for (double D2_eV : {-0.3, -0.6, -1.0, -1.5}) {
              Eigen::VectorXd trial(4);
              trial << D_eV / 0.1, variable_of_gamma(gamma), D2_eV / 0.1, variable_of_gamma(gamma2);
              consider(trial);
            }
    }
    x = best;
    if (settings.progress) {
      *settings.progress << "  " << targets.element_a << "-" << targets.element_b << " grid start D = " << 0.1 * x[0]
                         << " eV, gamma = " << gamma_of(x[1]);
      if (terms == 2) *settings.progress << ", D2 = " << 0.1 * x[2] << " eV, gamma2 = " << gamma_of(x[3]);
      *settings.progress << ", ½|r|² = " << best_cost << std::endl;
    }
    Eigen::NumericalDiff<PairFunctor> numerical(functor, 1e-10);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<PairFunctor>> lm(numerical);
    lm.parameters.xtol = 1e-8;
    lm.parameters.ftol = 1e-10;
    lm.parameters.maxfev = 40 * (2 * terms + 1);
    using Eigen::LevenbergMarquardtSpace::Status;
    Status status = lm.minimizeInit(x);
    while ((status == Status::NotStarted || status == Status::Running) && out.iterations < std::min(settings.max_iterations, 40)) {
      status = lm.minimizeOneStep(x);
      ++out.iterations;
      if (settings.progress && (out.iterations % 5 == 0 || status != Status::Running))
        *settings.progress << "  " << targets.element_a << "-" << targets.element_b << " iteration " << std::setw(3)
                           << out.iterations << "  ½|r|² = " << std::setprecision(6) << 0.5 * lm.fvec.squaredNorm()
                           << std::endl;
    }
  }
  const EamDatabase fitted = PairFunctor{&database, &targets, &references, 0, terms}.database_for(x);
  out.correction = *fitted.find_correction(targets.element_a, targets.element_b);
  out.correction.source = "fitted by anodekmc potential fit to " + targets.file;
  out.table = pair_residual_table(fitted, targets, references);
  for (const auto &row : out.table) out.cost += 0.5 * row.residual() * row.residual();
  return out;
}

}  // namespace anodekmc::potential
