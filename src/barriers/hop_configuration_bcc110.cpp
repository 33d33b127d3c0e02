#include "barriers/hop_configuration_bcc110.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "barriers/eam_surface.hpp"

namespace anodekmc::barriers {

namespace {

struct NetOffset {
  int di, dj;
};

// Offsets from column A (the hop goes A -> A + (0, 1)); see the header for the order.
constexpr std::array<NetOffset, 3> kOwnOfInitial = {{{0, -1}, {1, -1}, {-1, 0}}};
constexpr std::array<NetOffset, 3> kOwnOfFinal = {{{0, 2}, {-1, 2}, {1, 1}}};
constexpr NetOffset kSharedShortToInitial = {-1, 1};
constexpr NetOffset kSharedShortToFinal = {1, 0};

// Lateral adatoms on the shared sites for a coordination pair: at least what the own sites
// (3 per end) cannot hold, and an even number when n_i = n_f so the arrangement is its own
// image under the 2-fold rotation (then the forward and reverse barrier of the key agree).
int shared_count(int n_initial, int n_final) {
  int c = std::max({0, n_initial - 3, n_final - 3});
  if (c == 1 && n_initial == n_final) c = 2;
  return c;
}

}  // namespace

bool flat_hop_bcc110_possible(int n_initial, int n_final) {
  if (n_initial < 0 || n_initial > 5 || n_final < 0 || n_final > 5) return false;
  return shared_count(n_initial, n_final) <= std::min({n_initial, n_final, 2});
}

HopConfiguration build_flat_hop_bcc110(const Slab &clean, const HopKey &key, const std::vector<std::string> &elements) {
  if (key.step != "flat") throw std::invalid_argument("hop key: only flat hops are built so far");
  if (!flat_hop_bcc110_possible(key.n_initial, key.n_final))
    throw std::invalid_argument("hop key: no flat hop on bcc(110) has lateral coordination (" +
                                std::to_string(key.n_initial) + ", " + std::to_string(key.n_final) +
                                "): each is 0..5, and an end with 4 or 5 needs shared neighbours");
  const double a = std::sqrt(2.0) * clean.layer_spacing_A;  // bcc(110): spacing a/sqrt 2
  if (std::abs(clean.nearest_neighbour_A - 0.5 * std::sqrt(3.0) * a) > 1e-9)
    throw std::invalid_argument("hop key: the slab is not bcc(110)");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  // The configuration spans columns dj = -1 .. 2 and di = -1 .. 1 around A: 4 x 3 cells keep
  // every periodic image of it distinct (the cutoff sets the real size, catalog_job.cpp).
  if (wx < 4 * a - 1e-9 || wy < 3 * std::sqrt(2.0) * a - 1e-9)
    throw std::invalid_argument("hop key: the bcc(110) slab needs at least 4 x 3 cells");

  Slab slab = clean;
  const Eigen::Vector2d e1(a, 0.0), e2(0.5 * a, a / std::sqrt(2.0));
  // Column A: the top-layer atom nearest the middle of the cell.
  const Eigen::Vector2d column_a =
      slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  auto column = [&](const NetOffset &o) -> Eigen::Vector2d { return column_a + o.di * e1 + o.dj * e2; };
  const NetOffset a_offset{0, 0}, b_offset{0, 1};

  // below: the column's own top-layer atom, at site - e1/2.
  auto top_atom = [&](const NetOffset &o) { return nearest_atom_in_layer(slab, 0, column(o)); };
  substitute(slab, {top_atom(a_offset)}, species_index(elements, key.below_initial));
  substitute(slab, {top_atom(b_offset)}, species_index(elements, key.below_final));

  const double z = slab.top_z_A + slab.layer_spacing_A;
  auto site_of = [&](const NetOffset &o) {
    const Eigen::Vector2d xy = column(o) + 0.5 * e1;
    return Eigen::Vector3d(xy.x(), xy.y(), z);
  };
  // The site must be one where the crystal continues (slab.adatom_sites_A), else the slab's
  // stacking and this file's disagree.
  if (!is_adatom_site(slab, site_of(a_offset)))
    throw std::logic_error("bcc(110) hop: the adsorption site is not a continuation site of the slab");

  const int lateral = species_index(elements, key.moving);  // lateral adatoms: the deposited species
  // Lateral adatoms are put back into the cell (the moving atom is not: its path must not wrap).
  auto add_lateral = [&](const NetOffset &o) { slab.structure.add(wrapped_into_cell(slab, site_of(o)), lateral); };
  const int c = shared_count(key.n_initial, key.n_final);
  for (int k = 0; k < key.n_initial - c; ++k) add_lateral(kOwnOfInitial[static_cast<std::size_t>(k)]);
  for (int k = 0; k < key.n_final - c; ++k) add_lateral(kOwnOfFinal[static_cast<std::size_t>(k)]);
  if (c == 2) {
    add_lateral(kSharedShortToInitial);
    add_lateral(kSharedShortToFinal);
  } else if (c == 1) {
    add_lateral(key.n_initial > key.n_final ? kSharedShortToInitial : kSharedShortToFinal);
  }

  return finish_flat_hop(std::move(slab), clean, species_index(elements, key.moving), site_of(a_offset),
                         site_of(b_offset));
}

std::vector<HopKey> enumerate_flat_hops_bcc110(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit) {
  return enumerate_flat_hops(moving, substrate, limit, 5, flat_hop_bcc110_possible);
}

}  // namespace anodekmc::barriers
