// The assembled table: one row per condition, and one interpolation grid per (system, facet,
// complexion) holding ln D on ascending 1/T and log10 x axes with the Arrhenius fit of every
// composition. The writers (long CSV, MOOSE, JSON, Arrhenius CSV) all read this.
#pragma once

#include "table/arrhenius_fit.hpp"
#include "table/seed_statistics.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace anodekmc::table {

/// The diffusivities a table holds; "tracer" (D*) and "collective" (centre-of-mass D_J).
inline const std::vector<std::string> &quantity_names() {
  static const std::vector<std::string> names = {"tracer", "collective"};
  return names;
}

struct TableRow {
  std::string system, facet, complexion, solute;  // solute "none" for a pure host
  double temperature_K = 0.0;
  double solute_fraction = 0.0;                   // 0 for a pure host
  int seeds = 0;
  std::map<std::string, MeanStderr> D_m2_per_s;   // by quantity
  bool has_nucleation = false;
  MeanStderr island_density_per_nm2;
};

struct TableGrid {
  std::string system, facet, complexion, solute;
  std::vector<double> temperature_K;                // descending, matching the ascending 1/T axis
  std::vector<double> inverse_temperature_per_K;    // strictly ascending
  std::vector<double> solute_fraction;              // ascending; empty for a pure host
  std::vector<double> log10_solute_fraction;        // strictly ascending; empty for a pure host
  std::map<std::string, std::vector<double>> ln_D;         // by quantity; 1/T varies fastest
  std::map<std::string, std::vector<double>> ln_D_stderr;  // SE(D)/D, same layout
  std::map<std::string, std::vector<ArrheniusFit>> arrhenius;  // by quantity, one per composition

  std::size_t composition_count() const { return solute_fraction.empty() ? 1 : solute_fraction.size(); }
  /// Base of the file names of this grid, e.g. "LiIn_bcc100_dilute" ("none" complexions omitted).
  std::string file_stem() const;
};

struct TableData {
  std::string name;
  nlohmann::json provenance;  // potential id, catalog id, version, git sha, seeds, lattice sizes, ...
  std::vector<TableRow> rows;
  std::vector<TableGrid> grids;
};

}  // namespace anodekmc::table
