#include "table/table_builder.hpp"

#include "core/atomic_file.hpp"
#include "kmc/kmc_runner.hpp"
#include "table/arrhenius_csv_writer.hpp"
#include "table/grid_point.hpp"
#include "table/json_table_writer.hpp"
#include "table/long_csv_writer.hpp"
#include "table/moose_bilinear_writer.hpp"
#include "table/moose_gridded_writer.hpp"
#include "table/point_result.hpp"
#include "table/table_assembly.hpp"

#include <anodekmc/version.hpp>

#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace anodekmc::table {

void check_points(const TableSpec &spec) {
  for (const GridPoint &point : enumerate_points(spec)) {
    try {
      kmc::prepare_kmc_model(diffusion_config(spec, point, spec.base_seed));
      if (spec.nucleation.enabled) nucleation_config(spec, point, spec.base_seed).validate();
    } catch (const std::exception &e) {
      throw TableInputError(spec.source_path + ": point " + point.id(spec) + ": " + e.what());
    }
  }
}

BuildCounts compute_points(const TableSpec &spec, int rank, int ranks, bool show_progress) {
  const std::vector<GridPoint> points = enumerate_points(spec);
  BuildCounts counts;
  for (const GridPoint &point : points) {
    if (static_cast<int>(point.index % static_cast<std::size_t>(ranks)) != rank) continue;
    const std::string id = point.id(spec);
    const bool stored = read_point(spec.output_folder, id, point_inputs(spec, point)).has_value();
    if (stored) {
      ++counts.reused;
    } else {
      write_point(spec.output_folder, compute_point(spec, point));
      ++counts.computed;
    }
    if (show_progress)
      std::fprintf(stderr, "\r[table] rank %d: point %zu/%zu %s (%s)            ", rank, point.index + 1, points.size(),
                   id.c_str(), stored ? "reused" : "computed");
  }
  if (show_progress) std::fprintf(stderr, "\n");
  return counts;
}

TableData write_table(const TableSpec &spec, const BuildCounts &counts, int ranks, double wall_time_s) {
  const std::vector<GridPoint> points = enumerate_points(spec);
  std::vector<PointResult> results;
  double point_wall_s = 0.0;
  for (const GridPoint &point : points) {
    auto stored = read_point(spec.output_folder, point.id(spec), point_inputs(spec, point));
    if (!stored) throw std::runtime_error(point_path(spec.output_folder, point.id(spec)) + ": missing after the build");
    point_wall_s += stored->wall_time_s;
    results.push_back(std::move(*stored));
  }
  const TableData data = assemble_table(spec, results);

  // Compose every file before writing any, so a failure leaves no mixture of old and new.
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("table.csv", long_csv_text(data));
  files.emplace_back("arrhenius.csv", arrhenius_csv_text(data));
  files.emplace_back("table.json", table_json(data).dump(1) + "\n");
  for (const auto &grid : data.grids)
    for (const auto &quantity : quantity_names()) {
      files.emplace_back(moose_gridded_file_name(grid, quantity), moose_gridded_text(data, grid, quantity));
      if (has_bilinear_form(grid))
        files.emplace_back(moose_bilinear_file_name(grid, quantity), moose_bilinear_text(grid, quantity));
    }
  nlohmann::json run;
  run["program"] = "anodekmc table build";
  run["version"] = kVersion;
  run["git_sha"] = kGitSha;
  run["spec"] = spec.source_path;
  run["spec_text"] = spec.source_text;
  run["seeds"] = spec.seed_list();
  run["potential_id"] = spec.potential_id;
  run["catalog_id"] = spec.catalog_id;
  run["points"] = points.size();
  run["points_computed_by_rank_0"] = counts.computed;
  run["points_reused_by_rank_0"] = counts.reused;
  run["mpi_ranks"] = ranks;
  run["wall_time_s"] = wall_time_s;
  run["kmc_time_all_points_s"] = point_wall_s;
  run["status"] = "finished";
  files.emplace_back("run.json", run.dump(2) + "\n");

  // The MOOSE folder holds only this build's grids (a changed spec may have fewer).
  fs::remove_all(fs::path(spec.output_folder) / "moose");
  fs::create_directories(fs::path(spec.output_folder) / "moose");
  for (const auto &[name, text] : files) write_file_atomic((fs::path(spec.output_folder) / name).string(), text);
  return data;
}

}  // namespace anodekmc::table
