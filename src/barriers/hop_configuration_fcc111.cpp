#include "barriers/hop_configuration_fcc111.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace anodekmc::barriers {

namespace {

struct NetOffset {
  int di, dj;
};

// Offsets from column A (the hop goes A -> A + (1, 0)); see the header for the order.
constexpr std::array<NetOffset, 3> kOwnOfInitial = {{{-1, 0}, {0, -1}, {-1, 1}}};
constexpr std::array<NetOffset, 3> kOwnOfFinal = {{{2, 0}, {2, -1}, {1, 1}}};
constexpr NetOffset kSharedBesideCommonAtom = {0, 1};
constexpr NetOffset kSharedBesideHcpHollow = {1, -1};

int shared_count(int n_initial, int n_final) { return std::max({0, n_initial - 3, n_final - 3}); }

}  // namespace

bool flat_hop_fcc111_possible(int n_initial, int n_final) {
  if (n_initial < 0 || n_initial > 5 || n_final < 0 || n_final > 5) return false;
  return shared_count(n_initial, n_final) <= std::min({n_initial, n_final, 2});
}

HopConfiguration build_flat_hop_fcc111(const Slab &clean, const HopKey &key, const std::vector<std::string> &elements) {
  if (key.step != "flat") throw std::invalid_argument("hop key: only flat hops are built on fcc(111)");
  if (!flat_hop_fcc111_possible(key.n_initial, key.n_final))
    throw std::invalid_argument("hop key: no flat hop on fcc(111) has lateral coordination (" +
                                std::to_string(key.n_initial) + ", " + std::to_string(key.n_final) +
                                "): each is 0..5, and an end with 4 or 5 needs shared neighbours");
  const double d = clean.nearest_neighbour_A;
  // fcc(111): layer spacing a/sqrt 3 = d sqrt(2/3), and hcp hollows exist only on this facet.
  if (clean.hcp_sites_A.empty() || std::abs(clean.layer_spacing_A - d * std::sqrt(2.0 / 3.0)) > 1e-9)
    throw std::invalid_argument("hop key: the slab is not fcc(111)");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  // The configuration spans di = -1 .. 2 and dj = -1 .. 1 around A: 5 x 3 cells keep every
  // periodic image of it distinct (the cutoff sets the real size, catalog_job.cpp).
  if (wx < 5 * d - 1e-9 || wy < 3 * std::sqrt(3.0) * d - 1e-9)
    throw std::invalid_argument("hop key: the fcc(111) slab needs at least 5 x 3 cells");

  Slab slab = clean;
  const Eigen::Vector2d e1(d, 0.0), e2(0.5 * d, 0.5 * std::sqrt(3.0) * d);
  const Eigen::Vector2d stacking_shift(0.0, d / std::sqrt(3.0));  // slab_builder.cpp's shift per layer
  // Column A: the top-layer atom nearest the middle of the cell; its site is that atom plus one
  // stacking shift (the fcc hollow, where the crystal continues).
  const Eigen::Vector2d column_a =
      slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  auto column = [&](const NetOffset &o) -> Eigen::Vector2d { return column_a + o.di * e1 + o.dj * e2; };
  const NetOffset a_offset{0, 0}, b_offset{1, 0};

  auto top_atom = [&](const NetOffset &o) { return nearest_atom_in_layer(slab, 0, column(o)); };
  substitute(slab, {top_atom(a_offset)}, species_index(elements, key.below_initial));
  substitute(slab, {top_atom(b_offset)}, species_index(elements, key.below_final));

  const double z = slab.top_z_A + slab.layer_spacing_A;
  auto site_of = [&](const NetOffset &o) {
    const Eigen::Vector2d xy = column(o) + stacking_shift;
    return Eigen::Vector3d(xy.x(), xy.y(), z);
  };
  // The site must be a fcc hollow of the slab (slab.adatom_sites_A), else the slab's stacking
  // and this file's disagree.
  if (!is_adatom_site(slab, site_of(a_offset)))
    throw std::logic_error("fcc(111) hop: the adsorption site is not a fcc hollow of the slab");

  const int lateral = species_index(elements, key.moving);  // lateral adatoms: the deposited species
  auto add_lateral = [&](const NetOffset &o) { slab.structure.add(wrapped_into_cell(slab, site_of(o)), lateral); };
  const int c = shared_count(key.n_initial, key.n_final);
  for (int k = 0; k < key.n_initial - c; ++k) add_lateral(kOwnOfInitial[static_cast<std::size_t>(k)]);
  for (int k = 0; k < key.n_final - c; ++k) add_lateral(kOwnOfFinal[static_cast<std::size_t>(k)]);
  if (c >= 1) add_lateral(kSharedBesideCommonAtom);
  if (c == 2) add_lateral(kSharedBesideHcpHollow);

  return finish_flat_hop(std::move(slab), clean, species_index(elements, key.moving), site_of(a_offset),
                         site_of(b_offset));
}

std::vector<HopKey> enumerate_flat_hops_fcc111(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit) {
  return enumerate_flat_hops(moving, substrate, limit, 5, flat_hop_fcc111_possible);
}

}  // namespace anodekmc::barriers
