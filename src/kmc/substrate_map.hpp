// The species map of the top substrate layer under the deposit: pure, random at a composition,
// ordered, or read from a file (the segregation engine writes that format; docs/kmc_substrate.md).
#pragma once

#include "kmc/random.hpp"
#include "lattice/surface_net.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::kmc {

struct SubstrateSpec {
  std::string mode = "pure";   // pure | random | ordered | file
  std::string solute;          // species name for random / ordered
  double solute_fraction = 0;  // random: fraction of sites (exact count, rounded)
  std::string pattern;         // ordered: c2x2 (checkerboard) | p2x1 (alternate rows along e2)
  std::string file;            // file: path of a substrate map
};

/// Builds the map (species indices into `species`; index 0 is the host/deposit species).
/// Throws std::invalid_argument / std::runtime_error with a message naming the problem.
std::vector<std::uint8_t> build_substrate(const SubstrateSpec &spec, const lattice::SurfaceNet &net,
                                          const std::vector<std::string> &species, Rng &rng);

/// Writes a map in the file format build_substrate reads.
void write_substrate(const std::string &path, const lattice::SurfaceNet &net,
                     const std::vector<std::string> &species, const std::vector<std::uint8_t> &map);

}  // namespace anodekmc::kmc
