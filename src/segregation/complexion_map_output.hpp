// The files of `anodekmc segregate map` (docs/cli_segregate.md): states.csv (long table, one
// row per method, branch, T and dmu, units in column names), diagram.csv (the complexion
// diagram: T against bulk composition with the stable state's label), transitions.csv,
// substrate.map (kMC hand-off) and run.json (provenance). Every file is composed before any is
// written, and each is written atomically.
#pragma once

#include "segregation/segregation_spec.hpp"
#include "segregation/temperature_sweep.hpp"

#include <vector>

namespace anodekmc::segregation {

struct MapRunInfo {
  int mpi_ranks = 1;
  double wall_time_s = 0;
};

/// Writes every output file into spec.output_folder (created if needed).
void write_complexion_map(const SegregationSpec &spec, const std::vector<TemperatureResult> &results,
                          const MapRunInfo &info);

}  // namespace anodekmc::segregation
