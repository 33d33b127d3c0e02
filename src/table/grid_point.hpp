// One condition of the table grid (system, facet, temperature, composition) and the kMC
// configuration that measures it with a given seed. Points are numbered in a fixed order
// (system, facet, composition, temperature) so every MPI rank enumerates the same list.
#pragma once

#include "table/table_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::table {

struct GridPoint {
  std::size_t index = 0;         // position in enumerate_points()
  std::size_t system = 0;        // index into TableSpec::systems
  std::string facet;
  double temperature_K = 0.0;
  int composition = -1;          // index into solute_fractions; -1 for a pure host
  double solute_fraction = 0.0;  // 0 for a pure host
  std::string complexion = "none";

  /// File-name-safe identifier, e.g. "LiIn_bcc100_x0.05_T300".
  std::string id(const TableSpec &spec) const;
};

std::vector<GridPoint> enumerate_points(const TableSpec &spec);

/// The configuration of a diffusivity run (closed system) at this point with this seed.
kmc::KmcRunConfig diffusion_config(const TableSpec &spec, const GridPoint &point, std::uint64_t seed);
/// The configuration of a nucleation run (deposition at the stated flux) at this point.
kmc::KmcRunConfig nucleation_config(const TableSpec &spec, const GridPoint &point, std::uint64_t seed);

}  // namespace anodekmc::table
