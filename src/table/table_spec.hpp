// The specification of a lookup table (`anodekmc table build spec.ini`): which systems, facets,
// temperatures and compositions to run, with how many seeds, how D is measured, and how the
// compositions are labelled by complexion. docs/cli_table.md documents every key.
#pragma once

#include "kmc/kmc_run_config.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace anodekmc::table {

/// How one diffusivity measurement runs: a closed system (no flux) with `coverage_ml` adatoms
/// placed at random, run for about `events_per_run` events and cut into `windows` equal time
/// windows whose displacement increments give the tracer and collective estimates.
struct MeasurementSpec {
  double coverage_ml = 0.05;
  std::uint64_t events_per_run = 200000;
  int windows = 20;
};

/// Optional island (nucleation) density: deposition at `flux_ml_per_s` until `deposited_ml`.
struct NucleationSpec {
  bool enabled = false;
  double flux_ml_per_s = 0.0;
  double deposited_ml = 0.0;
};

/// One system: a base kMC configuration (barriers, species, lattice size) that the grid
/// varies. A system without a solute is the pure host (no composition axis).
struct SystemSpec {
  std::string name;
  std::string kmc_config_path;      // as resolved (relative paths: from the spec's folder)
  kmc::KmcRunConfig base;           // the parsed base configuration
  std::vector<std::string> facets;  // e.g. bcc100 bcc110
  std::string solute;               // empty: pure host
  std::vector<double> solute_fractions;        // strictly increasing, in (0, 1); empty when pure
  std::vector<std::string> complexion_labels;  // one per solute fraction; "none" when not labelled
};

struct TableSpec {
  std::string source_path;
  std::string source_text;          // the spec file as read (provenance)
  std::string name;
  std::string output_folder;
  std::string potential_id;
  std::string catalog_id;
  std::vector<double> temperatures_K;  // strictly increasing
  int seeds = 4;
  std::uint64_t base_seed = 1;      // seed k (k = 0..seeds-1) is base_seed + k
  MeasurementSpec measurement;
  NucleationSpec nucleation;
  std::vector<SystemSpec> systems;

  std::vector<std::uint64_t> seed_list() const;
};

/// Loads a base kMC configuration file (the keys of `anodekmc kmc`); the CLI passes its
/// parser so this library does not depend on the command line code.
using KmcConfigLoader = std::function<kmc::KmcRunConfig(const std::string &path)>;

/// Reads and checks a spec. Throws std::runtime_error "file:line: ..." naming the key.
TableSpec read_table_spec(const std::string &path, const KmcConfigLoader &load_kmc_config);
TableSpec parse_table_spec(const std::string &text, const std::string &source_name, const std::string &base_folder,
                           const KmcConfigLoader &load_kmc_config);

}  // namespace anodekmc::table
