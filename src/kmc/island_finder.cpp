#include "kmc/island_finder.hpp"

namespace anodekmc::kmc {

std::uint32_t IslandFinder::find(std::uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // path halving
    x = parent_[x];
  }
  return x;
}

IslandStatistics IslandFinder::analyse(const lattice::SurfaceNet &net, const SurfaceState &state) {
  const std::uint32_t n = net.site_count();
  parent_.resize(n);
  size_.assign(n, 1);
  for (std::uint32_t s = 0; s < n; ++s) parent_[s] = s;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (state.height[s] < 1) continue;
    for (int k = 0; k < net.lateral_count(); ++k) {
      const std::uint32_t u = net.lateral(s, k);
      if (u < s || state.height[u] < 1) continue;  // each bond once
      std::uint32_t a = find(s), b = find(u);
      if (a == b) continue;
      if (size_[a] < size_[b]) std::swap(a, b);
      parent_[b] = a;
      size_[a] += size_[b];
    }
  }
  IslandStatistics stats;
  double island_columns = 0.0;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (state.height[s] < 1 || find(s) != s) continue;
    const std::uint64_t size = size_[s];
    ++stats.size_histogram[size];
    if (size == 1) {
      ++stats.monomers;
    } else {
      ++stats.islands;
      island_columns += static_cast<double>(size);
    }
  }
  if (stats.islands > 0) stats.mean_island_size = island_columns / static_cast<double>(stats.islands);
  return stats;
}

}  // namespace anodekmc::kmc
