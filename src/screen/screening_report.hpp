// The screening report (docs/cli_screen.md, "Outputs"): screening.csv in the layout
// analysis/plot_screening.py reads (dopant,score,rank,descriptors...), arrhenius.csv (tracer D
// against T per row, for analysis/plot_arrhenius.py --group-by dopant) and report.md (ranking,
// every descriptor beside the rank, weights, notes, provenance). Each file written atomically.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "screen/screen_config.hpp"
#include "screen/screening_score.hpp"

namespace anodekmc::screen {

/// The numeric and text descriptor columns, in report order, present in at least one row.
std::vector<std::string> descriptor_columns(const std::vector<nlohmann::json> &rows);

/// Writes screening.csv, arrhenius.csv and report.md into `folder`. `figures` lists PNG files
/// (relative to `folder`) that exist and are linked from the report.
void write_screening_report(const ScreenConfig &config, const std::vector<nlohmann::json> &rows,
                            const std::vector<RankedRow> &ranked, const std::string &folder,
                            const std::vector<std::string> &figures, int ranks, double wall_s);

}  // namespace anodekmc::screen
