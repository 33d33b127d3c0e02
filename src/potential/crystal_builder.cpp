#include "potential/crystal_builder.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::potential {

namespace {

using Eigen::Vector3d;

const Vector3d kFcc[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};

void add_fractional(PeriodicStructure &s, const Vector3d &fractional, int species) {
  s.add(s.cell_A.transpose() * fractional, species);
}

}  // namespace

const std::vector<std::string> &known_prototypes() {
  static const std::vector<std::string> names = {"bcc", "fcc", "sc", "hcp", "diamond", "B2",
                                                 "B1",  "B32", "L1_0", "L1_2", "D0_3"};
  return names;
}

int prototype_atom_count(const std::string &name) {
  if (name == "sc") return 1;
  if (name == "bcc" || name == "hcp" || name == "B2") return 2;
  if (name == "fcc" || name == "L1_0" || name == "L1_2") return 4;
  if (name == "diamond" || name == "B1") return 8;
  if (name == "B32" || name == "D0_3") return 16;
  throw std::invalid_argument("unknown crystal prototype '" + name + "'");
}

PeriodicStructure build_crystal(const std::string &name, double a_A, double c_over_a, int a_species,
                                int b_species) {
  if (!(a_A > 0) || !std::isfinite(a_A)) throw std::invalid_argument("lattice constant must be positive");
  const bool binary = name == "B2" || name == "B1" || name == "B32" || name == "L1_0" || name == "L1_2" ||
                      name == "D0_3";
  if (binary && b_species < 0) throw std::invalid_argument("prototype " + name + " needs two species");
  PeriodicStructure s;
  s.cell_A = a_A * Eigen::Matrix3d::Identity();
  if (name == "sc") {
    add_fractional(s, {0, 0, 0}, a_species);
  } else if (name == "bcc") {
    add_fractional(s, {0, 0, 0}, a_species);
    add_fractional(s, {0.5, 0.5, 0.5}, a_species);
  } else if (name == "fcc") {
    for (const auto &f : kFcc) add_fractional(s, f, a_species);
  } else if (name == "diamond") {
    for (const auto &f : kFcc) {
      add_fractional(s, f, a_species);
      add_fractional(s, f + Vector3d(0.25, 0.25, 0.25), a_species);
    }
  } else if (name == "hcp") {
    if (!(c_over_a > 0)) throw std::invalid_argument("hcp needs a positive c/a");
    s.cell_A << a_A, 0, 0, -0.5 * a_A, 0.5 * std::sqrt(3.0) * a_A, 0, 0, 0, c_over_a * a_A;
    add_fractional(s, {1.0 / 3.0, 2.0 / 3.0, 0.25}, a_species);
    add_fractional(s, {2.0 / 3.0, 1.0 / 3.0, 0.75}, a_species);
  } else if (name == "B2") {
    add_fractional(s, {0, 0, 0}, a_species);
    add_fractional(s, {0.5, 0.5, 0.5}, b_species);
  } else if (name == "B1") {
    for (const auto &f : kFcc) {
      add_fractional(s, f, a_species);
      add_fractional(s, f + Vector3d(0.5, 0, 0), b_species);
    }
  } else if (name == "B32") {
    for (const auto &f : kFcc) {
      add_fractional(s, f, a_species);
      add_fractional(s, f + Vector3d(0.25, 0.25, 0.25), a_species);
      add_fractional(s, f + Vector3d(0.5, 0.5, 0.5), b_species);
      add_fractional(s, f + Vector3d(0.75, 0.75, 0.75), b_species);
    }
  } else if (name == "L1_0") {
    if (!(c_over_a > 0)) throw std::invalid_argument("L1_0 needs a positive c/a");
    s.cell_A(2, 2) = c_over_a * a_A;
    add_fractional(s, {0, 0, 0}, a_species);
    add_fractional(s, {0.5, 0.5, 0}, a_species);
    add_fractional(s, {0.5, 0, 0.5}, b_species);
    add_fractional(s, {0, 0.5, 0.5}, b_species);
  } else if (name == "L1_2") {
    add_fractional(s, {0, 0, 0}, b_species);
    for (int k = 1; k < 4; ++k) add_fractional(s, kFcc[k], a_species);
  } else if (name == "D0_3") {
    for (const auto &f : kFcc) {
      add_fractional(s, f, b_species);
      add_fractional(s, f + Vector3d(0.5, 0.5, 0.5), a_species);
      add_fractional(s, f + Vector3d(0.25, 0.25, 0.25), a_species);
      add_fractional(s, f + Vector3d(0.75, 0.75, 0.75), a_species);
    }
  } else {
    throw std::invalid_argument("unknown crystal prototype '" + name + "'");
  }
  // Wrap fractional coordinates into [0,1) (0.5+0.5 etc. land on 1.0).
  const Eigen::Matrix3d to_fractional = s.cell_A.transpose().inverse();
  for (auto &x : s.positions_A) {
    Vector3d f = to_fractional * x;
    for (int k = 0; k < 3; ++k) f[k] -= std::floor(f[k] + 1e-12);
    x = s.cell_A.transpose() * f;
  }
  return s;
}

PeriodicStructure build_cell(const Eigen::Matrix3d &cell_A, const std::vector<Eigen::Vector3d> &fractional,
                             const std::vector<int> &species) {
  if (fractional.size() != species.size() || fractional.empty())
    throw std::invalid_argument("a cell needs one species per fractional position");
  if (!(std::abs(cell_A.determinant()) > 1e-6)) throw std::invalid_argument("cell vectors are degenerate");
  PeriodicStructure s;
  s.cell_A = cell_A;
  for (std::size_t k = 0; k < fractional.size(); ++k) add_fractional(s, fractional[k], species[k]);
  return s;
}

}  // namespace anodekmc::potential
