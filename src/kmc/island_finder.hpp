// Islands of the first deposited layer: connected components (lateral neighbours) of columns
// with height >= 1, found with union-find in O(N alpha(N)).
#pragma once

#include "kmc/surface_state.hpp"
#include "lattice/surface_net.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace anodekmc::kmc {

struct IslandStatistics {
  std::uint64_t monomers = 0;            // components of size 1
  std::uint64_t islands = 0;             // components of size >= 2
  double mean_island_size = 0.0;         // over islands (size >= 2), in columns
  std::map<std::uint64_t, std::uint64_t> size_histogram;  // size -> number of components (all sizes)
};

class IslandFinder {
 public:
  IslandStatistics analyse(const lattice::SurfaceNet &net, const SurfaceState &state);

 private:
  std::uint32_t find(std::uint32_t x);
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

}  // namespace anodekmc::kmc
