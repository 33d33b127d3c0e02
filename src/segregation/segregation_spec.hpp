// The spec of `anodekmc segregate map` (docs/cli_segregate.md): slab, layer energies, the
// (T, dmu) sweep, labels and the kMC hand-off. Read with core/ini_document so every error names
// the file, the line and the key.
#pragma once

#include "segregation/complexion_label.hpp"
#include "segregation/layer_energies.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace anodekmc::segregation {

struct SegregationSpec {
  std::string source_path, source_text;
  // [map]
  std::string name;
  std::string output_folder;
  std::vector<double> temperatures_K;
  double delta_mu_min_eV = 0, delta_mu_max_eV = 0;
  int delta_mu_points = 0;
  long equilibration_sweeps = 200;
  long sampling_sweeps = 400;
  int batches = 10;
  std::uint64_t seed = 1;
  int mean_field_planes = 20;
  LabelRule labels;
  double min_jump_per_site = 0.1;
  int bridge_steps = 16;           // VC-SGC bridge through a hysteresis loop: points + 1  // Gamma difference between branches that counts as hysteresis
  // [slab]
  std::string host = "Li", solute;
  std::string facet;
  double lattice_constant_A = 0;
  int nx = 0, ny = 0, layers = 0;
  // [energies]
  LayerEnergies energies;
  bool illustrative = true;
  std::string energies_source;
  std::string energies_file;  // [energies] file, resolved against the spec's folder ("" if inline)
  // [handoff]
  bool handoff = false;
  double handoff_temperature_K = 0, handoff_delta_mu_eV = 0;
  std::string handoff_branch = "up";

  std::vector<double> delta_mu_grid_eV() const;
  /// Depths whose composition defines x_b in the MC: beyond the listed segregation energies.
  int first_bulk_depth() const { return static_cast<int>(energies.segregation_eV.size()); }
};

/// Reads and checks a spec; throws std::runtime_error "file:line: ..." naming the key.
SegregationSpec read_segregation_spec(const std::string &path);

}  // namespace anodekmc::segregation
