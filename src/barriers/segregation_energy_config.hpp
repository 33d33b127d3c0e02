// The input of `anodekmc segregate energies CONFIG.ini` (docs/cli_segregate.md, "energies"):
// potential database, host, dopant, facet, slab and relaxation settings. Every error names the
// file, line and key and says what was expected; the elements are checked against the database.
#pragma once

#include <string>

#include "barriers/slab_relaxer.hpp"

namespace anodekmc::barriers {

struct SegregationEnergyConfig {
  std::string source_path;
  std::string database_path;      // resolved against the config file's folder
  std::string host = "Li", dopant;
  std::string facet;              // bcc100 or bcc110
  double lattice_constant_A = 0;  // 0: the database's value for the host
  int surface_layers = 4;         // L: dE_seg for layers 0 .. L-1
  int slab_layers = 0;            // 0: 2 L + 5 (odd, >= 2 L + 3)
  int nx = 0, ny = 0;             // surface cells; 0: smallest with width >= 2 cutoff + nearest neighbour
  double vacuum_A = 16.0;
  bool check_slab_size = true;    // dE_seg(0) again on an (nx+1) x (ny+1) slab
  RelaxSettings relax;
  std::string output_folder = "segregation_energies_out";
};

/// Reads and checks the config. Throws std::runtime_error "file:line: key '...': expected ...".
SegregationEnergyConfig read_segregation_energy_config(const std::string &path);

}  // namespace anodekmc::barriers
