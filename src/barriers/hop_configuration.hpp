// One hop of the barrier catalog turned into atoms: the slab with its surface alloy, the
// lateral adatoms that give the hop its coordination, and the initial and final positions of
// the moving atom. Flat hops on bcc(100) (square net, z = 4).
//
// Substrate species (docs/kmc_catalog.md, docs/kmc_substrate.md): the kMC engine gives each
// column one substrate species, but a bcc(100) hollow sits on four top-layer atoms, two of
// which it shares with the hollow it hops to. The representative configuration of a key puts
// `below_initial` on a corner atom of the initial hollow that the final hollow does not touch,
// and `below_final` on the mirror-image corner of the final hollow (so a key and its reverse
// are mirror images, and a hop from a solute site to a host site differs from the reverse).
// The other corners are host atoms: a catalog row is the barrier of that arrangement.
//
// The hop goes from column A to its +x neighbour B. Lateral neighbours of A other than B are
// taken in the order -x, +y, -y and those of B other than A in the order +x, +y, -y: n_initial
// adatoms occupy the first n_initial of A's list and n_final the first of B's (on the square
// net the two lists do not overlap, so every (n_initial, n_final) has one such arrangement).
#pragma once

#include <string>
#include <vector>

#include "barriers/slab_builder.hpp"

namespace anodekmc::barriers {

struct HopKey {
  int n_initial = 0, n_final = 0;
  std::string moving, below_initial, below_final;  // element symbols
  std::string step = "flat";
};

struct HopConfiguration {
  potential::PeriodicStructure structure;  // initial state, moving atom last
  Eigen::VectorXd initial_A, final_A;      // flat coordinates
  Eigen::VectorXd mobile;                  // 1 for free coordinates, 0 for the fixed layers
  std::size_t moving_atom = 0;
};

/// `slab`: a clean bcc100 slab of species 0 (the host), at least 4 x 4 cells. `elements[s]` is
/// the symbol of species s (the moving atom, lateral adatoms and substrate species must be
/// among them). Throws std::invalid_argument for another facet, a slab too small, an
/// unknown element or a coordination outside 0..3.
HopConfiguration build_flat_hop_bcc100(const Slab &slab, const HopKey &key, const std::vector<std::string> &elements);

/// Flat hops on bcc(100) for `moving` over the substrate species `substrate` (host first), up
/// to `limit` keys. Only one of each reverse pair (n_i, n_f, b_i, b_f) / (n_f, n_i, b_f, b_i)
/// is listed: one NEB gives both (forward and reverse barrier).
std::vector<HopKey> enumerate_flat_hops_bcc100(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit);

/// The reverse hop's key.
HopKey reversed(const HopKey &key);

// ---- Shared by the per-facet builders (bcc(100) here, bcc(110) in hop_configuration_bcc110) ----

/// Index of `symbol` in `elements`; throws std::invalid_argument if it is not there.
int species_index(const std::vector<std::string> &elements, const std::string &symbol);

/// `p_A` put back into the slab's periodic cell in x and y (z unchanged). Lateral adatoms are
/// wrapped; the moving atom is not (its path must not cross the cell boundary).
Eigen::Vector3d wrapped_into_cell(const Slab &slab, Eigen::Vector3d p_A);

/// Whether `p_A` is one of the slab's adatom sites (slab.adatom_sites_A, periodic in x and y):
/// a hop builder's own site geometry must agree with the slab's stacking.
bool is_adatom_site(const Slab &slab, const Eigen::Vector3d &p_A);

/// The HopConfiguration of `slab` (the clean slab `clean` with its substrate species and
/// lateral adatoms already placed): adds the moving atom of species `moving_species` at
/// `from_A`, whose final position is `to_A`; the fixed layers of `clean` are not mobile.
HopConfiguration finish_flat_hop(Slab slab, const Slab &clean, int moving_species, const Eigen::Vector3d &from_A,
                                 const Eigen::Vector3d &to_A);

/// Flat hop keys for `moving` over the substrate species `substrate` (host first), up to
/// `limit`: lowest total coordination first, coordinations 0..max_lateral at each end where
/// `possible(n_initial, n_final)` holds, one of each reverse pair.
template <typename Possible>
std::vector<HopKey> enumerate_flat_hops(const std::string &moving, const std::vector<std::string> &substrate,
                                        std::size_t limit, int max_lateral, Possible possible) {
  std::vector<HopKey> keys;
  auto listed = [&](const HopKey &k) {
    for (const HopKey &e : keys)
      if (e.n_initial == k.n_initial && e.n_final == k.n_final && e.below_initial == k.below_initial &&
          e.below_final == k.below_final)
        return true;
    return false;
  };
  // Lowest coordinations first: they matter most for diffusion and are cheapest.
  for (int total = 0; total <= 2 * max_lateral; ++total)
    for (int n_i = 0; n_i <= max_lateral; ++n_i) {
      const int n_f = total - n_i;
      if (n_f < 0 || n_f > max_lateral || !possible(n_i, n_f)) continue;
      for (const std::string &b_i : substrate)
        for (const std::string &b_f : substrate) {
          const HopKey key{n_i, n_f, moving, b_i, b_f, "flat"};
          if (listed(key) || listed(reversed(key))) continue;
          if (keys.size() >= limit) return keys;
          keys.push_back(key);
        }
    }
  return keys;
}

}  // namespace anodekmc::barriers
