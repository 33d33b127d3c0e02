// The input of `anodekmc barriers CONFIG.ini` (docs/cli_barriers.md): which potential, host,
// facet, slab, solutes and NEB settings. Every error names the file, line and key.
#pragma once

#include <string>
#include <vector>

#include "barriers/neb.hpp"
#include "barriers/slab_builder.hpp"
#include "barriers/step_hop.hpp"
#include "barriers/vineyard.hpp"

namespace anodekmc::barriers {

struct BarrierConfig {
  std::string source_path;           // the config file
  std::string database_path;         // resolved against the config file's folder
  std::string host, moving;          // element symbols
  std::vector<std::string> solutes;  // substrate species besides the host (surface alloy)
  SlabSpec slab;                     // cells_x = cells_y = 0: chosen from the cutoff
  std::size_t max_environments = 100;
  bool check_slab_size = true;       // recompute the bare hop on a slab one cell wider
  double prefactor_per_s = 1e13;     // every row, or the fallback where Vineyard fails
  bool vineyard = false;             // harmonic TST prefactors per row (prefactor = vineyard)
  VineyardSettings vineyard_settings;
  bool steps = false;                // also the step-down/up hops (strip on bcc100/bcc110, step_hop.hpp)
  int step_rows = 4;                 // rows of the strip
  std::vector<StepPath> step_paths = {StepPath::kHop, StepPath::kExchange};
  bool exchange = false;             // also the flat exchange path of `moving` with each substrate species
  NebSettings neb;
  std::string output_folder;         // relative to the current directory
};

/// Reads and checks the config. Throws std::runtime_error "file:line: key: expected ...".
BarrierConfig read_barrier_config(const std::string &path);

}  // namespace anodekmc::barriers
