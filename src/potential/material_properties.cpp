#include "potential/material_properties.hpp"

#include <cmath>
#include <stdexcept>

#include "potential/crystal_builder.hpp"
#include "potential/eam_calculator.hpp"
#include "potential/structure_relaxer.hpp"

namespace anodekmc::potential {

namespace {

Eigen::Matrix3d stress_under(const EamModel &model, const PeriodicStructure &cell, const Eigen::Matrix3d &strain,
                             bool relax_internal) {
  PeriodicStructure strained = cell;
  strained.deform(Eigen::Matrix3d::Identity() + strain);
  if (relax_internal) relax_positions(model, strained, RelaxSettings{1e-7, 20000});
  return evaluate_eam(model, strained).stress_GPa(strained.volume_A3());
}

}  // namespace

ElasticConstants elastic_constants(const EamModel &model, const PeriodicStructure &cell, bool relax_internal,
                                   double strain) {
  auto derivative = [&](int i, int j, bool shear) {
    Eigen::Matrix3d e = Eigen::Matrix3d::Zero();
    if (shear) {
      e(i, j) = e(j, i) = 0.5 * strain;  // engineering shear γ = strain
    } else {
      e(i, i) = strain;
    }
    const Eigen::Matrix3d plus = stress_under(model, cell, e, relax_internal);
    const Eigen::Matrix3d minus = stress_under(model, cell, -e, relax_internal);
    return Eigen::Matrix3d((plus - minus) / (2.0 * strain));
  };
  ElasticConstants c;
  const Eigen::Matrix3d dx = derivative(0, 0, false);
  const Eigen::Matrix3d dz = derivative(2, 2, false);
  const Eigen::Matrix3d dyz = derivative(1, 2, true);
  const Eigen::Matrix3d dxy = derivative(0, 1, true);
  c.C11_GPa = dx(0, 0);
  c.C12_GPa = dx(1, 1);
  c.C13_GPa = dx(2, 2);
  c.C33_GPa = dz(2, 2);
  c.C44_GPa = dyz(1, 2);
  c.C66_GPa = dxy(0, 1);
  const Eigen::Matrix3d iso = strain * Eigen::Matrix3d::Identity();
  const double p_plus = -stress_under(model, cell, iso, relax_internal).trace() / 3.0;
  const double p_minus = -stress_under(model, cell, -iso, relax_internal).trace() / 3.0;
  c.bulk_modulus_GPa = -(p_plus - p_minus) / (2.0 * 3.0 * strain);  // dlnV = 3 ε
  return c;
}

double vacancy_formation_energy_eV(const EamModel &model, const PeriodicStructure &cell, int n, bool relax) {
  PeriodicStructure perfect = cell.replicated(n, n, n);
  const double e_perfect = eam_energy_eV(model, perfect);
  const double atoms = static_cast<double>(perfect.size());
  PeriodicStructure defective = perfect;
  defective.positions_A.erase(defective.positions_A.begin());
  defective.species.erase(defective.species.begin());
  const double e_defect = relax ? relax_positions(model, defective, RelaxSettings{1e-5, 5000}).energy_eV
                                : eam_energy_eV(model, defective);
  return e_defect - (atoms - 1.0) / atoms * e_perfect;
}

PeriodicStructure element_cell(const std::string &structure, double a_A, double c_over_a, int species) {
  if (structure != "bcc" && structure != "fcc" && structure != "hcp" && structure != "sc" && structure != "diamond")
    throw std::invalid_argument("'" + structure + "' is not a one-element structure (bcc, fcc, hcp, sc, diamond)");
  return build_crystal(structure, a_A, c_over_a, species);
}

double lattice_constant_for_volume(const std::string &structure, double volume_A3, double c_over_a) {
  if (structure == "hcp") return std::cbrt(4.0 * volume_A3 / (std::sqrt(3.0) * c_over_a));  // V = √3/4 a³ (c/a)
  return std::cbrt(volume_A3 * prototype_atom_count(structure));
}

double relaxed_element_energy_eV(const EamModel &model, const std::string &structure, int species, double a_guess,
                                 double &a_A, double &c_over_a) {
  auto energy_per_atom_at = [&](double a, double ca) {
    const PeriodicStructure cell = element_cell(structure, a, ca, species);
    return eam_energy_eV(model, cell) / static_cast<double>(cell.size());
  };
  double energy = 0;
  if (structure != "hcp") {
    a_A = minimize_scalar([&](double a) { return energy_per_atom_at(a, 0.0); }, 0.97 * a_guess, 1.03 * a_guess, 1e-7,
                          energy);
    // The bracket widens downhill and can walk past a small barrier into another basin: the
    // shipped Al has a spurious fcc minimum at 3.88 Å, 63 meV/atom below the fitted 4.05 Å one
    // behind a 1 meV barrier. Energies measured from there refer to no real state, so a result
    // more than 2 % from the guess is replaced by the minimum found from a ±0.5 % bracket
    // (results within 2 % are kept bit for bit).
    if (std::fabs(a_A / a_guess - 1.0) > 0.02)
      a_A = minimize_scalar([&](double a) { return energy_per_atom_at(a, 0.0); }, 0.995 * a_guess, 1.005 * a_guess,
                            1e-7, energy);
    return energy;
  }
  // hcp: minimise over c/a at fixed atomic volume, re-optimising the volume for each c/a.
  const double ca_start = c_over_a > 0 ? c_over_a : std::sqrt(8.0 / 3.0);
  const double volume_guess = 0.5 * std::sqrt(3.0) * a_guess * a_guess * ca_start * a_guess / 2.0;
  double best_a = a_guess;
  auto energy_at_ca = [&](double ca) {
    double e = 0;
    const double a0 = std::cbrt(4.0 * volume_guess / (std::sqrt(3.0) * ca));
    best_a = minimize_scalar([&](double a) { return energy_per_atom_at(a, ca); }, 0.97 * a0, 1.03 * a0, 1e-7, e);
    return e;
  };
  c_over_a = minimize_scalar(energy_at_ca, 0.97 * ca_start, 1.03 * ca_start, 1e-6, energy);
  energy_at_ca(c_over_a);
  a_A = best_a;
  return energy;
}

}  // namespace anodekmc::potential
