// The stored result of one grid point (all its seeds), kept as points/<id>.json in the output
// folder so that an interrupted or extended build does not recompute it. A stored point is
// reused only if the inputs it was computed from (its configuration, seeds, measurement) are
// the ones of the current spec; otherwise it is recomputed.
#pragma once

#include "table/diffusion_measurement.hpp"
#include "table/grid_point.hpp"
#include "table/seed_statistics.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace anodekmc::table {

struct PointResult {
  std::string id;
  nlohmann::json inputs;  // what the point was computed from (compared on resume)
  std::vector<std::uint64_t> seeds;
  std::vector<DiffusionSample> diffusion;    // one per seed
  std::vector<NucleationSample> nucleation;  // one per seed; empty without nucleation
  double wall_time_s = 0.0;

  MeanStderr tracer_D() const;
  MeanStderr collective_D() const;
  MeanStderr island_density_per_nm2() const;
};

/// The inputs record of a point: the kMC configuration of its first seed, the seeds, the
/// measurement and nucleation settings.
nlohmann::json point_inputs(const TableSpec &spec, const GridPoint &point);

/// Runs every seed of the point in-process.
PointResult compute_point(const TableSpec &spec, const GridPoint &point);

std::string point_path(const std::string &output_folder, const std::string &id);
void write_point(const std::string &output_folder, const PointResult &result);
/// The stored result if its file exists and its inputs equal `inputs`; std::nullopt otherwise.
/// Throws std::runtime_error naming the file if it exists but cannot be read.
std::optional<PointResult> read_point(const std::string &output_folder, const std::string &id,
                                      const nlohmann::json &inputs);

}  // namespace anodekmc::table
