#include "table/table_assembly.hpp"

#include "table/grid_point.hpp"

#include <anodekmc/version.hpp>

#include <cmath>
#include <stdexcept>

namespace anodekmc::table {

std::string TableGrid::file_stem() const {
  return system + "_" + facet + (complexion == "none" ? std::string() : "_" + complexion);
}

namespace {

nlohmann::json provenance(const TableSpec &spec) {
  nlohmann::json p;
  p["table"] = spec.name;
  p["potential_id"] = spec.potential_id;
  p["catalog_id"] = spec.catalog_id;
  p["code"] = "anodekmc table build";
  p["code_version"] = kVersion;
  p["git_sha"] = kGitSha;
  p["seeds"] = spec.seed_list();
  p["spec"] = spec.source_path;
  p["measurement"] = {{"coverage_ml", spec.measurement.coverage_ml},
                      {"events_per_run", spec.measurement.events_per_run},
                      {"windows", spec.measurement.windows},
                      {"collective_estimator", "centre-of-mass (jump) diffusivity D_J, no thermodynamic factor"}};
  if (spec.nucleation.enabled)
    p["nucleation"] = {{"flux_ml_per_s", spec.nucleation.flux_ml_per_s},
                       {"deposited_ml", spec.nucleation.deposited_ml}};
  for (const auto &s : spec.systems)
    p["systems"][s.name] = {{"kmc_config", s.kmc_config_path},
                            {"lattice_nx", s.base.nx},
                            {"lattice_ny", s.base.ny},
                            {"lattice_constant_A", s.base.lattice_constant_A},
                            {"species", s.base.species},
                            {"solute", s.solute.empty() ? "none" : s.solute}};
  return p;
}

}  // namespace

TableData assemble_table(const TableSpec &spec, const std::vector<PointResult> &results) {
  const std::vector<GridPoint> points = enumerate_points(spec);
  if (results.size() != points.size()) throw std::logic_error("assemble_table: one result per grid point expected");
  TableData data;
  data.name = spec.name;
  data.provenance = provenance(spec);

  for (std::size_t i = 0; i < points.size(); ++i) {
    const GridPoint &p = points[i];
    const SystemSpec &system = spec.systems[p.system];
    TableRow row;
    row.system = system.name;
    row.facet = p.facet;
    row.complexion = p.complexion;
    row.solute = system.solute.empty() ? "none" : system.solute;
    row.temperature_K = p.temperature_K;
    row.solute_fraction = p.solute_fraction;
    row.seeds = static_cast<int>(results[i].seeds.size());
    row.D_m2_per_s["tracer"] = results[i].tracer_D();
    row.D_m2_per_s["collective"] = results[i].collective_D();
    row.has_nucleation = !results[i].nucleation.empty();
    if (row.has_nucleation) row.island_density_per_nm2 = results[i].island_density_per_nm2();
    for (const auto &[quantity, d] : row.D_m2_per_s)
      if (!(d.mean > 0.0) || !std::isfinite(d.mean))
        throw std::runtime_error("point " + results[i].id + ": " + quantity +
                                 " D is not positive (no motion in the run?); ln D is undefined");
    data.rows.push_back(row);
  }

  // Grids: the rows of one (system, facet) in enumerate order are compositions x temperatures
  // (temperature fastest); a new grid starts where the complexion label changes.
  const std::size_t nT = spec.temperatures_K.size();
  std::size_t r = 0;
  while (r < data.rows.size()) {
    const TableRow &first = data.rows[r];
    TableGrid grid;
    grid.system = first.system;
    grid.facet = first.facet;
    grid.complexion = first.complexion;
    grid.solute = first.solute;
    for (std::size_t k = 0; k < nT; ++k) {
      grid.temperature_K.push_back(spec.temperatures_K[nT - 1 - k]);
      grid.inverse_temperature_per_K.push_back(1.0 / spec.temperatures_K[nT - 1 - k]);
    }
    const bool pure = first.solute == "none";
    std::size_t end = r;
    while (end < data.rows.size() && data.rows[end].system == first.system && data.rows[end].facet == first.facet &&
           data.rows[end].complexion == first.complexion && (!pure || end < r + nT))
      end += nT;
    for (std::size_t c = r; c < end; c += nT) {
      if (!pure) {
        grid.solute_fraction.push_back(data.rows[c].solute_fraction);
        grid.log10_solute_fraction.push_back(std::log10(data.rows[c].solute_fraction));
      }
      for (const auto &quantity : quantity_names()) {
        std::vector<double> T, D, se;
        for (std::size_t k = 0; k < nT; ++k) {
          const TableRow &row = data.rows[c + nT - 1 - k];  // descending T = ascending 1/T
          const MeanStderr &d = row.D_m2_per_s.at(quantity);
          grid.ln_D[quantity].push_back(std::log(d.mean));
          grid.ln_D_stderr[quantity].push_back(d.stderr_of_mean / d.mean);
          T.push_back(row.temperature_K);
          D.push_back(d.mean);
          se.push_back(d.stderr_of_mean);
        }
        grid.arrhenius[quantity].push_back(fit_arrhenius(T, D, se));
      }
    }
    data.grids.push_back(std::move(grid));
    r = end;
  }
  return data;
}

}  // namespace anodekmc::table
