// Which (n_initial, n_final) lateral coordinations a flat hop can have on a kMC surface net:
// every occupation of the sites around the hop's two ends, counted with the net's own
// neighbour table (the hop tests compare the barrier engine's "possible" rules with it).
#pragma once

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "lattice/surface_net.hpp"

namespace anodekmc::barriers::test {

/// The set of (n_i, n_f) over all 2^m occupations of the m sites beside the hop of site `a`
/// along hop direction `k` (the two ends themselves excluded). `around_count` receives m.
inline std::set<std::pair<int, int>> coordination_pairs_of_hop(const lattice::SurfaceNet &net, std::uint32_t a, int k,
                                                               std::size_t &around_count) {
  const std::uint32_t b = net.hop_target(a, k);
  std::set<std::uint32_t> around;
  for (int n = 0; n < net.lateral_count(); ++n) {
    if (net.lateral(a, n) != b) around.insert(net.lateral(a, n));
    if (net.lateral(b, n) != a) around.insert(net.lateral(b, n));
  }
  const std::vector<std::uint32_t> sites(around.begin(), around.end());
  around_count = sites.size();
  std::set<std::pair<int, int>> seen;
  for (unsigned mask = 0; mask < (1u << sites.size()); ++mask) {
    int n_i = 0, n_f = 0;
    for (std::size_t s = 0; s < sites.size(); ++s) {
      if (!(mask >> s & 1u)) continue;
      for (int n = 0; n < net.lateral_count(); ++n) {
        n_i += net.lateral(a, n) == sites[s];
        n_f += net.lateral(b, n) == sites[s];
      }
    }
    seen.insert({n_i, n_f});
  }
  return seen;
}

}  // namespace anodekmc::barriers::test
