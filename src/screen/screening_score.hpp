// The ranking score of the dopant screening (docs/cli_screen.md, "Score"). For each weighted
// descriptor k, the rows' values are mapped to [0, 1] by min-max over the rows that have it
// (in log10 for the diffusivity and the island density, which span decades), turned so that 1
// is the preferred end (w_k > 0: high values preferred; w_k < 0: low values), and averaged
// with weights |w_k|:
//   score = sum_k |w_k| s_k / sum_k |w_k|,   s_k = z_k (w_k > 0) or 1 - z_k (w_k < 0)
// A row without a value for k (a stage that could not produce it) gets s_k = 1/2, neutral; a
// descriptor equal in every row gives 1/2 to all. Ranks: highest score first, ties in row order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace anodekmc::screen {

struct RankedRow {
  std::string element;
  double score = 0;
  int rank = 0;
  std::map<std::string, double> normalized;  // descriptor -> z in [0, 1] (weighted descriptors only)
};

/// `rows`: the rows as compute_row returns them. Returns them in input order with score and rank.
std::vector<RankedRow> rank_rows(const std::vector<nlohmann::json> &rows, const std::map<std::string, double> &weights);

/// Whether a descriptor is normalized in log10 (positive values spanning decades).
bool normalized_in_log10(const std::string &descriptor);

}  // namespace anodekmc::screen
