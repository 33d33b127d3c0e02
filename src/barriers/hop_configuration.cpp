#include "barriers/hop_configuration.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "barriers/eam_surface.hpp"

namespace anodekmc::barriers {

int species_index(const std::vector<std::string> &elements, const std::string &symbol) {
  const auto it = std::find(elements.begin(), elements.end(), symbol);
  if (it == elements.end()) throw std::invalid_argument("hop key: element '" + symbol + "' is not in the element list");
  return static_cast<int>(it - elements.begin());
}

Eigen::Vector3d wrapped_into_cell(const Slab &slab, Eigen::Vector3d p_A) {
  const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
  p_A.x() -= wx * std::floor(p_A.x() / wx);
  p_A.y() -= wy * std::floor(p_A.y() / wy);
  return p_A;
}

bool is_adatom_site(const Slab &slab, const Eigen::Vector3d &p_A) {
  const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
  for (const Eigen::Vector3d &site : slab.adatom_sites_A) {
    double dx = site.x() - p_A.x(), dy = site.y() - p_A.y();
    dx -= wx * std::round(dx / wx);
    dy -= wy * std::round(dy / wy);
    if (dx * dx + dy * dy < 1e-12 && std::abs(site.z() - p_A.z()) < 1e-9) return true;
  }
  return false;
}

HopConfiguration finish_flat_hop(Slab slab, const Slab &clean, int moving_species, const Eigen::Vector3d &from_A,
                                 const Eigen::Vector3d &to_A) {
  HopConfiguration out;
  slab.structure.add(from_A, moving_species);
  out.moving_atom = slab.structure.size() - 1;
  out.structure = slab.structure;
  out.initial_A = flat_coordinates(out.structure);
  out.final_A = out.initial_A;
  out.final_A.segment<3>(3 * static_cast<Eigen::Index>(out.moving_atom)) = to_A;
  out.mobile = Eigen::VectorXd::Ones(out.initial_A.size());
  for (std::size_t k = 0; k < clean.structure.size(); ++k)
    if (clean.fixed[k]) out.mobile.segment<3>(3 * static_cast<Eigen::Index>(k)).setZero();
  return out;
}

HopKey reversed(const HopKey &key) {
  HopKey r = key;
  std::swap(r.n_initial, r.n_final);
  std::swap(r.below_initial, r.below_final);
  if (key.step == "down") r.step = "up";
  if (key.step == "up") r.step = "down";
  return r;
}

HopConfiguration build_flat_hop_bcc100(const Slab &clean, const HopKey &key, const std::vector<std::string> &elements) {
  if (key.step != "flat") throw std::invalid_argument("hop key: only flat hops are built so far");
  if (key.n_initial < 0 || key.n_initial > 3 || key.n_final < 0 || key.n_final > 3)
    throw std::invalid_argument("hop key: lateral coordination on bcc(100) must be 0..3 for a flat hop");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  const double a = 2.0 * clean.layer_spacing_A;  // bcc(100): spacing a/2
  if (std::abs(clean.nearest_neighbour_A - 0.5 * std::sqrt(3.0) * a) > 1e-9)
    throw std::invalid_argument("hop key: the slab is not bcc(100)");
  if (wx < 4 * a - 1e-9 || wy < 4 * a - 1e-9) throw std::invalid_argument("hop key: the slab needs at least 4 x 4 cells");

  Slab slab = clean;
  const Eigen::Vector2d shift(0.5 * a, 0.5 * a);
  // Column A near the middle of the cell, B its +x neighbour.
  const Eigen::Vector2d column_a = slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  const Eigen::Vector2d column_b = column_a + Eigen::Vector2d(a, 0.0);  // B's hollow = A's + (a, 0)
  // Hollow A touches the top-layer atoms at column_a + {(0,0), (a,0), (0,a), (a,a)}, hollow B
  // those at column_a + {(a,0), (2a,0), (a,a), (2a,a)}: (0,0) is A's alone, (2a,0) B's alone.
  auto top_atom = [&](const Eigen::Vector2d &xy) { return nearest_atom_in_layer(slab, 0, xy); };
  substitute(slab, {top_atom(column_a)}, species_index(elements, key.below_initial));
  substitute(slab, {top_atom(column_a + Eigen::Vector2d(2.0 * a, 0.0))}, species_index(elements, key.below_final));

  const double z = slab.top_z_A + slab.layer_spacing_A;
  auto adatom_at = [&](const Eigen::Vector2d &column_xy) {
    return Eigen::Vector3d(column_xy.x() + shift.x(), column_xy.y() + shift.y(), z);
  };
  const int lateral = species_index(elements, key.moving);  // lateral adatoms: the deposited species
  const std::vector<Eigen::Vector2d> around_a = {{-a, 0.0}, {0.0, a}, {0.0, -a}};
  const std::vector<Eigen::Vector2d> around_b = {{a, 0.0}, {0.0, a}, {0.0, -a}};
  for (int k = 0; k < key.n_initial; ++k) slab.structure.add(adatom_at(column_a + around_a[k]), lateral);
  for (int k = 0; k < key.n_final; ++k) slab.structure.add(adatom_at(column_b + around_b[k]), lateral);

  return finish_flat_hop(std::move(slab), clean, species_index(elements, key.moving), adatom_at(column_a),
                         adatom_at(column_b));
}

std::vector<HopKey> enumerate_flat_hops_bcc100(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit) {
  return enumerate_flat_hops(moving, substrate, limit, 3, [](int, int) { return true; });
}

}  // namespace anodekmc::barriers
