// Every setting of an `anodekmc kmc` run, with units in the names. Read from an INI file by
// the CLI (src/cli/kmc_options.cpp, documented in docs/cli_kmc.md) and checked by validate().
#pragma once

#include "kmc/kmc_engine.hpp"
#include "kmc/rate_table.hpp"
#include "kmc/substrate_map.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::kmc {

struct KmcRunConfig {
  // [lattice]
  std::string facet = "bcc100";
  double lattice_constant_A = 3.51;
  int nx = 100, ny = 100;
  // [model]
  std::vector<std::string> species = {"Li"};  // first = deposited species and host
  double prefactor_per_s = 1e13;
  std::string catalog_path;  // empty: no catalog
  BondCountingModel bond_counting;  // base_barrier_eV: species x species, [moving * S + below]
  DesorptionModel desorption;
  ExchangeModel exchange;           // barrier_eV: species x species, [adatom * S + substrate]
  int max_height = 0;
  // [substrate]
  SubstrateSpec substrate;
  // [conditions]
  double temperature_K = 300.0;
  double flux_ml_per_s = 0.0;
  double current_density_mA_per_cm2 = 0.0;
  double initial_coverage_ml = 0.0;
  // [run]
  std::uint64_t seed = 1;
  std::string selector = "sumtree";  // sumtree | cr
  RunLimits limits;
  std::uint64_t checkpoint_every_events = 0;
  FirstPassageOptions first_passage;  // run.first_passage, run.first_passage_max_half_width
  // [output]
  std::string output_folder = "kmc_out";
  int dump_every_samples = 0;

  /// Throws std::invalid_argument naming the key and what was expected.
  void validate() const;
  /// Deposition flux in ML/s (atoms per site per second), from either flux key.
  double deposition_flux_ml_per_s(double area_per_site_A2) const;
};

/// Flux (atoms per site per second) of a plating current density: F = j A_site / e.
double flux_from_current_density(double current_density_mA_per_cm2, double area_per_site_A2);

}  // namespace anodekmc::kmc
