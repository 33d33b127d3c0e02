#include "potential/element_fit.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "potential/eam_calculator.hpp"
#include "potential/eam_model.hpp"
#include "potential/material_properties.hpp"
#include "potential/structure_relaxer.hpp"

namespace anodekmc::potential {

namespace {

// The fitted parameters, in vector order.
double ZjwParameters::*const kFitted[] = {
    &ZjwParameters::r_e_A, &ZjwParameters::alpha,  &ZjwParameters::beta,  &ZjwParameters::A_eV,
    &ZjwParameters::B_eV,  &ZjwParameters::kappa,  &ZjwParameters::lambda, &ZjwParameters::F0_eV,
    &ZjwParameters::F2_eV, &ZjwParameters::F3_eV,  &ZjwParameters::Fn3_eV, &ZjwParameters::eta};
constexpr int kFittedCount = sizeof(kFitted) / sizeof(kFitted[0]);

EamDatabase single_element_database(const ElementRecord &record) {
  EamDatabase db;
  db.potential_id = "fit-" + record.symbol;
  db.elements.push_back(record);
  return db;
}

const std::vector<std::string> &competing_structures(const std::string &reference) {
  static const std::vector<std::string> for_bcc = {"fcc", "hcp"}, for_fcc = {"bcc", "hcp"},
                                        for_hcp = {"fcc", "bcc"};
  return reference == "bcc" ? for_bcc : reference == "fcc" ? for_fcc : for_hcp;
}

/// Everything the fit compares, for one parameter set. `vacancy_relaxation_eV` is added to the
/// unrelaxed vacancy energy (the fitter freezes it between outer passes; the table recomputes
/// it), so the residuals stay smooth functions of the parameters.
struct Evaluation {
  std::vector<ResidualRow> rows;       // target comparisons
  std::vector<double> constraint_residuals;  // stability / ordering hinges (0 when satisfied)
  double vacancy_unrelaxed_eV = 0;
};

Evaluation evaluate(const ElementTargets &t, const ElementRecord &record, double vacancy_relaxation_eV,
                    bool relax_vacancy) {
  Evaluation out;
  const EamModel model(single_element_database(record), {record.symbol});
  const double a = t.fit_lattice_constant_A();
  const double ca = t.fit_c_over_a();
  const PeriodicStructure cell = element_cell(t.reference_structure, a, ca, 0);
  const double atoms = static_cast<double>(cell.size());
  const EamResult result = evaluate_eam(model, cell);
  const double volume = cell.volume_A3();
  const double B_target = t.find("bulk_modulus_GPa")->value;
  const std::string &el = t.symbol;
  auto add = [&](const std::string &name, double target, double achieved, double tolerance, const std::string &source) {
    out.rows.push_back(ResidualRow{el + " " + name, target, achieved, tolerance, source});
  };
  // Zero stress at the target lattice: tolerance = the stress of a 0.1 % lattice strain.
  const Eigen::Matrix3d stress = result.stress_GPa(volume);
  const std::string lattice_source =
      t.find("atomic_volume_A3") ? t.find("atomic_volume_A3")->source : t.find("lattice_constant_A")->source;
  if (t.reference_structure == "hcp") {
    add("stress xx at target lattice (GPa)", 0.0, stress(0, 0), 3e-3 * B_target, lattice_source);
    add("stress zz at target lattice (GPa)", 0.0, stress(2, 2), 3e-3 * B_target, lattice_source);
  } else {
    add("pressure at target lattice (GPa)", 0.0, -stress.trace() / 3.0, 3e-3 * B_target, lattice_source);
  }
  const TargetValue &ec = *t.find("cohesive_energy_eV");
  add("cohesive energy (eV)", ec.value, -result.energy_eV / atoms, 2e-3 * ec.value, ec.source);

  const ElasticConstants c = elastic_constants(model, cell, false);
  add("bulk modulus (GPa)", B_target, c.bulk_modulus_GPa, 0.01 * B_target, t.find("bulk_modulus_GPa")->source);
  if (t.reference_structure != "hcp") {
    const TargetValue *c11 = t.find("C11_GPa"), *c12 = t.find("C12_GPa"), *c44 = t.find("C44_GPa");
    if (c11 && c12) {
      const double target = 0.5 * (c11->value - c12->value);
      add("C' = (C11-C12)/2 (GPa)", target, c.shear_prime_GPa(), 0.03 * target, c11->source);
    } else {
      // Stand-in structure without measured constants: ask only for mechanical stability.
      out.constraint_residuals.push_back(std::max(0.0, 0.05 * B_target - c.shear_prime_GPa()) / (0.01 * B_target));
    }
    if (c44) {
      add("C44 (GPa)", c44->value, c.C44_GPa, 0.03 * c44->value, c44->source);
    } else {
      out.constraint_residuals.push_back(std::max(0.0, 0.1 * B_target - c.C44_GPa) / (0.01 * B_target));
    }
  }

  if (const TargetValue *ev = t.find("vacancy_formation_energy_eV")) {
    out.vacancy_unrelaxed_eV = vacancy_formation_energy_eV(model, cell, 3, false);
    const double achieved = relax_vacancy ? vacancy_formation_energy_eV(model, cell, 3, true)
                                          : out.vacancy_unrelaxed_eV + vacancy_relaxation_eV;
    add("vacancy formation energy (eV)", ev->value, achieved, 0.01, ev->source);
  }

  // Competing structures at their own relaxed volume (hcp at ideal c/a: the c/a relaxation is
  // worth ~meV and costs a 2-D search per residual; the report relaxes it fully), relative to
  // the reference at the target lattice (where the fit drives the stress to zero).
  const double e_ref = result.energy_eV / atoms;
  for (const std::string &other : competing_structures(t.reference_structure)) {
    const double ca_other = std::sqrt(8.0 / 3.0);
    const double guess = lattice_constant_for_volume(other, t.atomic_volume_A3(), ca_other);
    double e_other = 0;
    minimize_scalar(
        [&](double a_trial) {
          const PeriodicStructure trial = element_cell(other, a_trial, ca_other, 0);
          return eam_energy_eV(model, trial) / static_cast<double>(trial.size());
        },
        0.97 * guess, 1.03 * guess, 1e-7, e_other);
    const double difference = e_other - e_ref;
    if (const TargetValue *d = t.find("energy_difference_" + other + "_eV")) {
      // CALPHAD lattice stabilities of mechanically unstable structures and DFT differ by
      // 0.02-0.05 eV/atom; a low-confidence value is weighted accordingly so it cannot pull the
      // measured bulk properties (Al's B) off their figures.
      const double tolerance_eV = d->confidence == "low" ? 0.04 : 0.02;
      add("E(" + other + ") - E(" + t.reference_structure + ") (eV/atom)", d->value, difference, tolerance_eV,
          d->source);
    } else {
      // No data: keep the reference structure the lowest (hcp and fcc are nearly degenerate in
      // EAM, so they only need to be not lower; bcc must be clearly higher).
      const double margin = other == "bcc" ? 0.005 : 0.0;
      out.constraint_residuals.push_back(std::max(0.0, margin - difference) / 0.002);
    }
  }
  return out;
}

class ElementProblem {
 public:
  ElementProblem(const ElementTargets &targets, const ElementRecord &start)
      : targets_(targets), start_(start) {
    for (int k = 0; k < kFittedCount; ++k) {
      const double p = start.zjw.*kFitted[k];
      scale_.push_back(std::fabs(p) > 1e-3 ? std::fabs(p) : 0.1);
    }
  }

  Eigen::VectorXd initial_vector() const {
    Eigen::VectorXd x(kFittedCount);
    for (int k = 0; k < kFittedCount; ++k) x[k] = start_.zjw.*kFitted[k] / scale_[k];
    return x;
  }

  ElementRecord record_for(const Eigen::VectorXd &x) const {
    ElementRecord record = start_;
    for (int k = 0; k < kFittedCount; ++k) record.zjw.*kFitted[k] = x[k] * scale_[k];
    set_equilibrium_density(record, targets_);
    return record;
  }

  int residual_count() const {
    const Evaluation e = evaluate(targets_, start_, 0.0, false);
    return static_cast<int>(e.rows.size() + e.constraint_residuals.size()) + kFittedCount + 6;
  }

  /// Fills `r` (a large constant where the parameters give no valid potential).
  void residuals(const Eigen::VectorXd &x, Eigen::VectorXd &r) const {
    r.setConstant(100.0);
    ElementRecord record;
    Evaluation e;
    try {
      record = record_for(x);
      e = evaluate(targets_, record, vacancy_relaxation_eV, false);
    } catch (const std::exception &) {
      return;  // invalid region: a large constant residual pushes LM back
    }
    int k = 0;
    for (const auto &row : e.rows) r[k++] = row.residual();
    for (double c : e.constraint_residuals) r[k++] = c;
    // Weak pull toward the start (keeps under-determined shape parameters where they were).
    for (int j = 0; j < kFittedCount; ++j) r[k++] = 0.03 * (x[j] - x0_[j]);
    // Physical ranges of the shape parameters (hinges, zero inside the range).
    const ZjwParameters &p = record.zjw;
    r[k++] = std::max(0.0, 0.1 - p.kappa) * 100 + std::max(0.0, p.kappa - 0.9) * 100;
    r[k++] = std::max(0.0, 0.2 - p.lambda) * 100 + std::max(0.0, p.lambda - 1.3) * 100;
    r[k++] = std::max(0.0, 1.0 - p.beta) * 100;
    r[k++] = std::max(0.0, p.beta - p.alpha) * 100;  // repulsion decays faster than attraction
    r[k++] = std::max(0.0, 0.05 - p.eta) * 100 + std::max(0.0, p.eta - 3.0) * 100;
    r[k++] = std::max(0.0, -p.A_eV) * 100 + std::max(0.0, -p.B_eV) * 100;
    if (!r.allFinite()) r.setConstant(100.0);
  }

  void set_anchor(const Eigen::VectorXd &x0) { x0_ = x0; }
  double vacancy_relaxation_eV = 0;

 private:
  const ElementTargets &targets_;
  ElementRecord start_;
  std::vector<double> scale_;
  Eigen::VectorXd x0_;
};

struct LmFunctor {
  using Scalar = double;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;
  const ElementProblem *problem;
  int n_inputs, n_values;
  int inputs() const { return n_inputs; }
  int values() const { return n_values; }
  int operator()(const Eigen::VectorXd &x, Eigen::VectorXd &r) const {
    problem->residuals(x, r);
    return 0;
  }
};

double target_cost(const std::vector<ResidualRow> &rows) {
  double cost = 0;
  for (const auto &row : rows) cost += 0.5 * row.residual() * row.residual();
  return cost;
}

}  // namespace

void set_equilibrium_density(ElementRecord &record, const ElementTargets &targets) {
  record.zjw.rho_e = 1.0;  // any positive value: the density does not depend on it
  record.lattice_constant_A = targets.fit_lattice_constant_A();
  record.c_over_a = targets.reference_structure == "hcp" ? targets.fit_c_over_a() : 0.0;
  record.reference_structure = targets.reference_structure;
  const EamModel model(single_element_database(record), {record.symbol});
  const PeriodicStructure cell = element_cell(targets.reference_structure, record.lattice_constant_A,
                                              targets.fit_c_over_a(), 0);
  record.zjw.rho_e = evaluate_eam(model, cell).density.at(0);
}

ElementRecord scale_template(const ElementRecord &template_record, const ElementTargets &targets) {
  ElementRecord record = template_record;
  record.symbol = targets.symbol;
  record.atomic_number = targets.atomic_number;
  record.mass_amu = targets.mass_amu;
  record.reference_structure = targets.reference_structure;
  // Nearest-neighbour distance of the target structure.
  const double a = targets.fit_lattice_constant_A();
  const std::string &s = targets.reference_structure;
  record.zjw.r_e_A = s == "bcc" ? a * std::sqrt(3.0) / 2.0 : s == "fcc" ? a / std::sqrt(2.0) : a;
  // Template cohesive energy ≈ -F0 - ½ Σ φ; the ratio of F0 is a good enough energy scale.
  const double ratio = targets.find("cohesive_energy_eV")->value / std::fabs(template_record.zjw.F0_eV);
  for (double ZjwParameters::*member : {&ZjwParameters::A_eV, &ZjwParameters::B_eV, &ZjwParameters::F0_eV,
                                        &ZjwParameters::F2_eV, &ZjwParameters::F3_eV, &ZjwParameters::Fn3_eV})
    record.zjw.*member *= ratio;
  // Density scale after Zhou et al. (f_e grows with cohesive energy over atomic size); only
  // ratios between elements matter.
  record.zjw.f_e = targets.find("cohesive_energy_eV")->value / std::cbrt(targets.atomic_volume_A3());
  record.source = "fitted by anodekmc potential fit to " + targets.file + " (start: " + template_record.symbol +
                  " shape of Zhou et al. 2004, rescaled)";
  set_equilibrium_density(record, targets);
  return record;
}

std::vector<ResidualRow> element_residual_table(const ElementTargets &targets, const ElementRecord &record) {
  return evaluate(targets, record, 0.0, true).rows;
}

ElementFitResult fit_element(const ElementTargets &targets, const ElementRecord &start, const FitSettings &settings) {
  if (start.symbol != targets.symbol) throw std::invalid_argument("fit_element: start record is for another element");
  ElementRecord current = start;
  set_equilibrium_density(current, targets);
  ElementFitResult out;
  // Outer passes freeze the vacancy relaxation energy so the inner residuals stay smooth.
  for (int pass = 0; pass < 3; ++pass) {
    ElementProblem problem(targets, current);
    if (targets.find("vacancy_formation_energy_eV")) {
      const EamModel model(single_element_database(current), {current.symbol});
      const PeriodicStructure cell =
          element_cell(targets.reference_structure, targets.fit_lattice_constant_A(), targets.fit_c_over_a(), 0);
      problem.vacancy_relaxation_eV = vacancy_formation_energy_eV(model, cell, 3, true) -
                                      vacancy_formation_energy_eV(model, cell, 3, false);
    }
    Eigen::VectorXd x = problem.initial_vector();
    problem.set_anchor(x);
    LmFunctor functor{&problem, static_cast<int>(x.size()), problem.residual_count()};
    Eigen::NumericalDiff<LmFunctor> numerical(functor, 1e-10);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<LmFunctor>> lm(numerical);
    lm.parameters.maxfev = settings.max_iterations * (static_cast<int>(x.size()) + 1);
    lm.parameters.xtol = 1e-10;
    lm.parameters.ftol = 1e-12;
    using Eigen::LevenbergMarquardtSpace::Status;
    Status status = lm.minimizeInit(x);
    int iteration = 0;
    while ((status == Status::NotStarted || status == Status::Running) && iteration < settings.max_iterations) {
      status = lm.minimizeOneStep(x);
      ++iteration;
      if (settings.progress && (iteration % 10 == 0 || status != Status::Running))
        *settings.progress << "  " << targets.symbol << " pass " << pass + 1 << " iteration " << std::setw(3)
                           << iteration << "  ½|r|² = " << std::setprecision(6) << 0.5 * lm.fvec.squaredNorm()
                           << std::endl;
    }
    out.iterations += iteration;
    current = problem.record_for(x);
  }
  out.record = current;
  out.table = element_residual_table(targets, current);
  out.cost = target_cost(out.table);
  return out;
}

}  // namespace anodekmc::potential
