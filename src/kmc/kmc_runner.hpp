// Runs a configured kMC simulation and writes its results (the job of `anodekmc kmc`):
// output folder with config.ini, run.json (provenance and results), timeseries.csv,
// island_sizes.csv, substrate.map, snapshots/ and checkpoint.bin. docs/cli_kmc.md.
#pragma once

#include "kmc/barrier_catalog.hpp"
#include "kmc/kmc_model.hpp"
#include "kmc/kmc_run_config.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

namespace anodekmc::kmc {

struct KmcRunContext {
  std::string config_text;       // the effective configuration, "key = value" lines (provenance)
  std::string restart_path;      // checkpoint to continue from; empty for a new run
  bool show_progress = false;    // a progress line on stderr (when it is a terminal)
  const std::atomic<bool> *stop = nullptr;  // set by SIGINT/SIGTERM handlers
};

/// Bad input found before the run starts (configuration, catalog, substrate or checkpoint
/// file): nothing has been written.
class KmcInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The model of a configuration (net, substrate map, catalog, rates, flux), as a run uses it.
/// The catalog is kept because the model's rates were read from it (provenance). Throws
/// KmcInputError for bad input. Also used by in-process callers (anodekmc table build).
struct PreparedKmcModel {
  std::unique_ptr<BarrierCatalog> catalog;  // null without a catalog
  std::unique_ptr<KmcModel> model;
};
PreparedKmcModel prepare_kmc_model(const KmcRunConfig &config);

/// Exit status: 0 finished, 3 interrupted (a checkpoint was written). Throws KmcInputError for
/// bad input found before the run starts, and another std::exception for errors during the run
/// (recorded in run.json); each with a one-line message.
int run_kmc(const KmcRunConfig &config, const KmcRunContext &context);

}  // namespace anodekmc::kmc
