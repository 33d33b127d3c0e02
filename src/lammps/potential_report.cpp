#include "lammps/potential_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "lammps/crystal_relaxer.h"
#include "lammps/lammps_session.h"
#include "potential/crystal_builder.hpp"
#include "potential/material_properties.hpp"
#include "potential/pair_fit.hpp"

namespace anodekmc {

namespace {

using potential::CompoundTargets;
using potential::EamDatabase;
using potential::ElementRecord;
using potential::ElementTargets;
using potential::PairTargets;
using potential::PeriodicStructure;
using potential::TargetValue;

constexpr double kBarToGPa = 1e-4;
constexpr double kEvPerA2ToJPerM2 = 16.02176634;

std::string fmt(double value, int precision = 4) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
  return buffer;
}

/// A cell whose rows are integer combinations `rows` of `unit`'s lattice vectors, filled with
/// the atoms of the crystal (used for oriented slabs).
PeriodicStructure oriented_cell(const PeriodicStructure &unit, const Eigen::Matrix3i &rows) {
  PeriodicStructure out;
  out.cell_A = rows.cast<double>() * unit.cell_A;
  const Eigen::Matrix3d to_fractional = out.cell_A.transpose().inverse();
  const int reach = rows.cwiseAbs().sum();
  for (int i = -reach; i <= reach; ++i)
    for (int j = -reach; j <= reach; ++j)
      for (int k = -reach; k <= reach; ++k) {
        const Eigen::Vector3d shift = (i * unit.cell_A.row(0) + j * unit.cell_A.row(1) + k * unit.cell_A.row(2)).transpose();
        for (std::size_t a = 0; a < unit.size(); ++a) {
          const Eigen::Vector3d x = unit.positions_A[a] + shift;
          const Eigen::Vector3d f = to_fractional * x;
          if ((f.array() >= -1e-9).all() && (f.array() < 1.0 - 1e-9).all()) out.add(x, unit.species[a]);
        }
      }
  return out;
}

class ReportCalculator {
 public:
  using Relaxed = CrystalRelaxer::Relaxed;

  ReportCalculator(const EamDatabase &db, const PotentialReportOptions &options)
      : db_(db), options_(options), relaxer_(options.database_path, MPI_COMM_WORLD, options.lammps_log) {}

  Relaxed relax(const PeriodicStructure &s, const std::vector<std::string> &symbols, const std::string &mode) {
    return relaxer_.relax(s, symbols, mode);
  }

  double energy(const PeriodicStructure &s, const std::vector<std::string> &symbols) {
    return relaxer_.energy(s, symbols);
  }

  /// Stress tensor (GPa, tensile positive) after relaxing atoms at the fixed, deformed cell.
  Eigen::Matrix3d stress_GPa(const PeriodicStructure &s, const std::vector<std::string> &symbols) {
    relax(s, symbols, "atoms");
    LammpsSession &session = relaxer_.session();
    Eigen::Matrix3d p;
    p << session.thermo("pxx"), session.thermo("pxy"), session.thermo("pxz"), session.thermo("pxy"),
        session.thermo("pyy"), session.thermo("pyz"), session.thermo("pxz"), session.thermo("pyz"),
        session.thermo("pzz");
    return -kBarToGPa * p;
  }

  /// Deletes atom 1 of the loaded structure and relaxes the rest at fixed cell; total energy.
  double energy_without_first_atom(const PeriodicStructure &s, const std::vector<std::string> &symbols) {
    relaxer_.load(s, symbols);
    LammpsSession &session = relaxer_.session();
    session.commands({"group anodekmc_vacancy id 1", "delete_atoms group anodekmc_vacancy compress no",
                      "minimize 0 1e-10 5000 50000", "run 0"});
    return session.thermo("pe");
  }

  /// Relaxes with box/relax, then perturbs every atom by up to 0.05 Å and relaxes again;
  /// returns the two energies per atom.
  std::pair<double, double> stability(const PeriodicStructure &s, const std::vector<std::string> &symbols) {
    const Relaxed first = relax(s, symbols, "aniso");
    LammpsSession &session = relaxer_.session();
    session.commands({"displace_atoms all random 0.05 0.05 0.05 20261122 units box",
                      "fix anodekmc_relax all box/relax tri 0.0 vmax 0.001", "minimize 0 1e-10 5000 50000",
                      "minimize 0 1e-10 5000 50000", "unfix anodekmc_relax", "minimize 0 1e-10 5000 50000", "run 0"});
    return {first.energy_per_atom_eV, session.thermo("pe") / session.atom_count()};
  }

  void progress(const std::string &what) {
    if (options_.progress) std::cerr << "  report: " << what << std::endl;
  }

 private:
  const EamDatabase &db_;
  const PotentialReportOptions &options_;
  CrystalRelaxer relaxer_;
};

struct Check {
  std::string what;
  double target = 0, achieved = 0;
  std::string criterion;
  bool pass = false;
};

struct ElementResults {
  double a = 0, c_over_a = 0, volume = 0, cohesive = 0, energy_per_atom = 0;
  double C11 = NAN, C12 = NAN, C13 = NAN, C33 = NAN, C44 = NAN, C66 = NAN, B = NAN;
  double vacancy = NAN;
  std::map<std::string, double> structure_difference;  // other structure -> E(other) - E(ref)
  std::map<std::string, double> surface_energy;        // facet -> J/m²
};

}  // namespace

PotentialReportResult potential_report(const EamDatabase &db, const potential::TargetSet &targets,
                                       const PotentialReportOptions &options) {
  ReportCalculator calc(db, options);
  const double rc = [&] {
    double m = 0;
    for (const auto &e : db.elements) m = std::max(m, db.cutoff_end_factor * e.zjw.r_e_A);
    return m;
  }();
  std::map<std::string, ElementResults> results;
  std::ostringstream md;
  std::vector<Check> checks;

  md << "# Fit report: potential " << db.potential_id << "\n\n"
     << "Generated by `anodekmc potential report` from `" << options.database_path
     << "` and the targets in `potentials/targets/`. Every number below was computed through LAMMPS with "
        "`pair_style eam/analytic`: lattices relaxed with `fix box/relax` and `minimize` (force tolerance 1e-10 "
        "relative energy), elastic constants from ±0.1 % strains with relaxed atoms, vacancy energies in "
        ">=100-atom cells at fixed volume, surface energies of relaxed slabs with 15 Å of vacuum.\n\n"
     << "This is a **screening-grade** potential: it reproduces the fitted properties of each element in its "
        "reference structure (fcc stands in for In, Sn, Ga, Hg and Bi, whose real structures EAM cannot "
        "describe), and the cross pairs only as well as the targets allow. Targets marked *low confidence* in "
        "`potentials/targets/` (Miedema estimates in particular) limit what the alloy numbers mean; see "
        "`docs/potential_targets.md`.\n\n";

  // ---- elements ----
  for (const ElementTargets &t : targets.elements) {
    const ElementRecord *record = db.find_element(t.symbol);
    if (!record) continue;
    ElementResults &r = results[t.symbol];
    const std::vector<std::string> one = {t.symbol};
    calc.progress(t.symbol + " reference lattice");
    const double a0 = t.lattice_constant_A();
    const double ca0 = t.reference_structure == "hcp" ? t.c_over_a() : 0.0;
    PeriodicStructure unit = unit_cell(t.reference_structure, a0, ca0, 0);
    const auto reps = big_enough(unit, 2.0 * rc + 0.5);
    const int nx = static_cast<int>(std::lround(reps.cell_A(0, 0) / unit.cell_A(0, 0)));
    const int ny = static_cast<int>(std::lround(reps.cell_A(1, 1) / unit.cell_A(1, 1)));
    const int nz = static_cast<int>(std::lround(reps.cell_A(2, 2) / unit.cell_A(2, 2)));
    const std::string mode = t.reference_structure == "hcp" ? "x 0.0 y 0.0 z 0.0 couple xy" : "iso";
    ReportCalculator::Relaxed relaxed = calc.relax(reps, one, mode);
    r.a = relaxed.lx / nx;
    r.c_over_a = t.reference_structure == "hcp" ? (relaxed.lz / nz) / r.a : 0.0;
    r.energy_per_atom = relaxed.energy_per_atom_eV;
    r.cohesive = -relaxed.energy_per_atom_eV;
    r.volume = relaxed.lx * relaxed.ly * relaxed.lz / relaxed.atoms;
    (void)ny;

    // Elastic constants at the relaxed lattice.
    calc.progress(t.symbol + " elastic constants");
    unit = unit_cell(t.reference_structure, r.a, r.c_over_a, 0);
    const PeriodicStructure cell = big_enough(unit, 2.0 * rc + 0.5);
    auto stress_for = [&](const Eigen::Matrix3d &deformation) {
      PeriodicStructure s = cell;
      s.deform(deformation);
      return calc.stress_GPa(s, one);
    };
    const double e = 1e-3;
    auto derivative = [&](int row, int col) {
      Eigen::Matrix3d plus = Eigen::Matrix3d::Identity(), minus = Eigen::Matrix3d::Identity();
      plus(row, col) += e;
      minus(row, col) -= e;
      return Eigen::Matrix3d((stress_for(plus) - stress_for(minus)) / (2 * e));
    };
    const Eigen::Matrix3d dxx = derivative(0, 0);
    const Eigen::Matrix3d dyz = derivative(1, 2);  // y' = y + γ z: engineering shear γ_yz
    r.C11 = dxx(0, 0);
    r.C12 = dxx(1, 1);
    r.C44 = dyz(1, 2);
    if (t.reference_structure == "hcp") {
      const Eigen::Matrix3d dzz = derivative(2, 2);
      const Eigen::Matrix3d dxy = derivative(0, 1);
      r.C13 = dxx(2, 2);
      r.C33 = dzz(2, 2);
      r.C66 = dxy(0, 1);
      r.B = (2 * r.C11 + r.C33 + 2 * r.C12 + 4 * r.C13) / 9.0;
    } else {
      r.B = (r.C11 + 2 * r.C12) / 3.0;
    }

    calc.progress(t.symbol + " vacancy");
    const PeriodicStructure vac_cell = big_enough(unit, 13.0);
    const double e_perfect = calc.energy(vac_cell, one);
    const double n = static_cast<double>(vac_cell.size());
    r.vacancy = calc.energy_without_first_atom(vac_cell, one) - (n - 1) / n * e_perfect;

    calc.progress(t.symbol + " competing structures");
    for (const std::string other : {"bcc", "fcc", "hcp"}) {
      if (other == t.reference_structure) continue;
      const double ca = std::sqrt(8.0 / 3.0);
      const double a_guess = potential::lattice_constant_for_volume(other, r.volume, ca);
      const PeriodicStructure s = big_enough(unit_cell(other, a_guess, ca, 0), 2.0 * rc + 0.5);
      const std::string m = other == "hcp" ? "x 0.0 y 0.0 z 0.0 couple xy" : "iso";
      r.structure_difference[other] = calc.relax(s, one, m).energy_per_atom_eV - r.energy_per_atom;
    }

    calc.progress(t.symbol + " surfaces");
    std::vector<std::pair<std::string, Eigen::Matrix3i>> facets;
    Eigen::Matrix3i m100, m110, m111;
    m100 << 1, 0, 0, 0, 1, 0, 0, 0, 1;
    m110 << 0, 0, 1, 1, -1, 0, 1, 1, 0;
    m111 << 1, -1, 0, 1, 1, -2, 1, 1, 1;
    if (t.reference_structure == "hcp") {
      facets = {{"(0001)", m100}};
    } else {
      facets = {{"(100)", m100}, {"(110)", m110}, {"(111)", m111}};
    }
    for (const auto &[name, rows] : facets) {
      PeriodicStructure oriented = oriented_cell(unit, rows);
      const double height = oriented.cell_A.row(2).norm();
      const double area_cell = oriented.cell_A.row(0).cross(oriented.cell_A.row(1)).norm();
      const int in_plane_a = std::max(1, static_cast<int>(std::ceil((2 * rc + 0.5) / oriented.cell_A.row(0).norm())));
      const int in_plane_b = std::max(1, static_cast<int>(std::ceil((2 * rc + 0.5) / (area_cell / oriented.cell_A.row(0).norm()))));
      const int layers = std::max(1, static_cast<int>(std::ceil(16.0 / height)));
      PeriodicStructure slab = oriented.replicated(in_plane_a, in_plane_b, layers);
      const Eigen::Vector3d normal = slab.cell_A.row(2).normalized();
      slab.cell_A.row(2) += 15.0 * normal.transpose();  // vacuum
      const ReportCalculator::Relaxed s = calc.relax(slab, one, "atoms");
      const double area = slab.cell_A.row(0).cross(slab.cell_A.row(1)).norm();
      r.surface_energy[name] = (s.energy_per_atom_eV - r.energy_per_atom) * s.atoms / (2.0 * area) * kEvPerA2ToJPerM2;
    }
  }

  // ---- element tables and figures ----
  md << "## Elements\n\n| element | structure | quantity | target | potential | error | source |\n|---|---|---|---|---|---|---|\n";
  auto source_of = [](const TargetValue *t) {
    if (!t) return std::string("—");
    std::string s = t->source;
    if (s.size() > 90) s = s.substr(0, 87) + "...";
    for (auto &c : s)
      if (c == '|') c = '/';
    return s + (t->confidence == "low" ? " *(low confidence)*" : "");
  };
  for (const ElementTargets &t : targets.elements) {
    if (!results.count(t.symbol)) continue;
    const ElementResults &r = results[t.symbol];
    auto row = [&](const std::string &q, const TargetValue *target, double value, bool relative) {
      std::string error = "—";
      if (target && std::isfinite(value))
        error = relative ? fmt(100.0 * (value - target->value) / target->value, 3) + " %" : fmt(value - target->value, 3);
      md << "| " << t.symbol << " | " << t.reference_structure << " | " << q << " | "
         << (target ? fmt(target->value, 5) : "—") << " | " << fmt(value, 5) << " | " << error << " | "
         << source_of(target) << " |\n";
    };
    row("atomic volume (Å³)", t.find("atomic_volume_A3"), r.volume, true);
    row("lattice constant a (Å)", t.find("lattice_constant_A"), r.a, true);
    if (t.reference_structure == "hcp") row("c/a", t.find("c_over_a"), r.c_over_a, true);
    row("cohesive energy (eV)", t.find("cohesive_energy_eV"), r.cohesive, true);
    row("bulk modulus (GPa)", t.find("bulk_modulus_GPa"), r.B, true);
    row("C11 (GPa)", t.find("C11_GPa"), r.C11, true);
    row("C12 (GPa)", t.find("C12_GPa"), r.C12, true);
    if (t.reference_structure == "hcp") {
      row("C13 (GPa)", t.find("C13_GPa"), r.C13, true);
      row("C33 (GPa)", t.find("C33_GPa"), r.C33, true);
    }
    row("C44 (GPa)", t.find("C44_GPa"), r.C44, true);
    row("vacancy formation energy (eV)", t.find("vacancy_formation_energy_eV"), r.vacancy, false);
    for (const auto &[other, value] : r.structure_difference)
      row("E(" + other + ") − E(" + t.reference_structure + ") (eV/atom)", t.find("energy_difference_" + other + "_eV"),
          value, false);
    double surface_mean = 0;
    for (const auto &[facet, value] : r.surface_energy) {
      row("surface energy " + facet + " (J/m²)", nullptr, value, true);
      surface_mean += value / static_cast<double>(r.surface_energy.size());
    }
    row("surface energy, mean of the facets above (J/m²)", t.find("surface_energy_J_m2"), surface_mean, true);

    // Acceptance figures of the potential issue.
    auto relative_check = [&](const std::string &what, const TargetValue *target, double value, double tolerance) {
      if (!target) return;
      const double error = std::fabs(value - target->value) / std::fabs(target->value);
      checks.push_back(Check{t.symbol + " " + what, target->value, value,
                             "within " + fmt(100 * tolerance, 2) + " %", error <= tolerance});
    };
    if (t.symbol == "Li") {
      const double a_target = t.lattice_constant_A();
      checks.push_back(Check{"Li lattice constant (Å)", a_target, r.a, "within 0.5 %",
                             std::fabs(r.a - a_target) / a_target <= 0.005});
      relative_check("cohesive energy (eV)", t.find("cohesive_energy_eV"), r.cohesive, 0.01);
      relative_check("bulk modulus (GPa)", t.find("bulk_modulus_GPa"), r.B, 0.05);
      if (t.find("C11_GPa") && t.find("C12_GPa")) {
        const double target = 0.5 * (t.find("C11_GPa")->value - t.find("C12_GPa")->value);
        const double value = 0.5 * (r.C11 - r.C12);
        checks.push_back(Check{"Li C' = (C11-C12)/2 (GPa)", target, value, "within 15 %",
                               std::fabs(value - target) / target <= 0.15});
      }
      relative_check("C44 (GPa)", t.find("C44_GPa"), r.C44, 0.15);
      if (const TargetValue *ev = t.find("vacancy_formation_energy_eV"))
        checks.push_back(Check{"Li vacancy formation energy (eV)", ev->value, r.vacancy, "within 0.05 eV",
                               std::fabs(r.vacancy - ev->value) <= 0.05});
    } else {
      checks.push_back(Check{t.symbol + " atomic volume (Å³)", t.atomic_volume_A3(), r.volume, "within 1 %",
                             std::fabs(r.volume - t.atomic_volume_A3()) / t.atomic_volume_A3() <= 0.01});
      relative_check("cohesive energy (eV)", t.find("cohesive_energy_eV"), r.cohesive, 0.02);
      relative_check("bulk modulus (GPa)", t.find("bulk_modulus_GPa"), r.B, 0.10);
    }
  }
  md << "\nStructure ordering: a negative E(other) − E(reference) means the potential prefers the other "
        "structure (for the fcc stand-ins this is not a target, only a property to know).\n\n";

  // ---- pairs ----
  md << "## Cross pairs\n\n| pair | quantity | target | potential | error | relaxed stable? | source |\n|---|---|---|---|---|---|---|\n";
  for (const PairTargets &p : targets.pairs) {
    if (!results.count(p.element_a) || !results.count(p.element_b)) continue;
    const std::vector<std::string> two = {p.element_a, p.element_b};
    const double eps_a = results[p.element_a].energy_per_atom, eps_b = results[p.element_b].energy_per_atom;
    for (const CompoundTargets &c : p.compounds) {
      calc.progress(p.element_a + "-" + p.element_b + " " + c.name);
      const PeriodicStructure s = big_enough(potential::compound_structure(c, p.element_a), 2.0 * rc + 0.5);
      const auto counts = s.species_counts(2);
      const auto [e_sym, e_perturbed] = calc.stability(s, two);
      const double n = static_cast<double>(s.size());
      const double formation = e_sym - (counts[0] * eps_a + counts[1] * eps_b) / n;
      const bool stable = e_perturbed > e_sym - 1e-3;
      const double target = c.formation_enthalpy_eV_per_atom.value;
      md << "| " << p.element_a << "-" << p.element_b << " | ΔH_f " << c.name << " (" << c.structure << ") (eV/atom) | "
         << fmt(target) << " | " << fmt(formation) << " | " << fmt(formation - target, 3) << " | "
         << (stable ? "yes" : "no: relaxes " + fmt(1000 * (e_sym - e_perturbed), 3) + " meV/atom lower") << " | "
         << source_of(&c.formation_enthalpy_eV_per_atom) << " |\n";
      checks.push_back(Check{p.element_a + "-" + p.element_b + " " + c.name + " formation enthalpy (eV/atom)", target,
                             formation, "within 0.03 eV/atom", std::fabs(formation - target) <= 0.03});
      const bool listed = p.element_b == "In" || p.element_b == "Sn" || p.element_b == "Zn" || p.element_b == "Hg";
      if (listed)
        checks.push_back(Check{p.element_a + "-" + p.element_b + " " + c.name + " negative and stable when relaxed", 0.0,
                               formation, "< 0 and stable", formation < 0 && stable});
    }
    if (p.dilute_heat_eV) {
      calc.progress(p.element_a + "-" + p.element_b + " dilute heat");
      const ElementResults &host = results[p.element_a];
      const PeriodicStructure host_cell = unit_cell(db.find_element(p.element_a)->reference_structure, host.a,
                                                    host.c_over_a, 0);
      PeriodicStructure s = big_enough(host_cell, 13.0);
      s.species[0] = 1;
      const ReportCalculator::Relaxed relaxed = calc.relax(s, two, "iso");
      const double n = static_cast<double>(s.size());
      const double heat = relaxed.energy_per_atom_eV * n - (n - 1) * eps_a - eps_b;
      md << "| " << p.element_a << "-" << p.element_b << " | heat of solution of " << p.element_b << " in "
         << p.element_a << " (eV) | " << fmt(p.dilute_heat_eV->value) << " | " << fmt(heat) << " | "
         << fmt(heat - p.dilute_heat_eV->value, 3) << " | — | " << source_of(&*p.dilute_heat_eV) << " |\n";
      checks.push_back(Check{p.element_a + "-" + p.element_b + " dilute heat sign", p.dilute_heat_eV->value, heat,
                             "same sign", (heat < 0) == (p.dilute_heat_eV->value < 0)});
    }
  }

  // ---- figures summary ----
  PotentialReportResult out;
  std::ostringstream summary;
  summary << "## Acceptance figures\n\n| figure | target | potential | criterion | pass |\n|---|---|---|---|---|\n";
  for (const auto &c : checks) {
    summary << "| " << c.what << " | " << fmt(c.target) << " | " << fmt(c.achieved) << " | " << c.criterion << " | "
            << (c.pass ? "yes" : "**no**") << " |\n";
    ++out.figures_checked;
    if (!c.pass) ++out.figures_failed;
  }
  summary << "\n" << out.figures_checked - out.figures_failed << " of " << out.figures_checked << " figures pass.\n\n";
  const std::string body = md.str();
  const auto split = body.find("## Elements");
  out.markdown = body.substr(0, split) + summary.str() + body.substr(split);
  return out;
}

}  // namespace anodekmc
