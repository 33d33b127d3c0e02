#include "table/point_result.hpp"

#include "core/atomic_file.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anodekmc::table {

namespace {

nlohmann::json config_record(const kmc::KmcRunConfig &c) {
  // Everything that changes the physics or the random stream of a point (output settings do not).
  return {{"facet", c.facet},
          {"lattice_constant_A", c.lattice_constant_A},
          {"nx", c.nx},
          {"ny", c.ny},
          {"species", c.species},
          {"prefactor_per_s", c.prefactor_per_s},
          {"catalog", c.catalog_path},
          {"bond_counting", c.bond_counting.enabled},
          {"base_barrier_eV", c.bond_counting.base_barrier_eV},
          {"bond_eV", c.bond_counting.bond_eV},
          {"ehrlich_schwoebel_eV", c.bond_counting.ehrlich_schwoebel_eV},
          {"up_step_eV", c.bond_counting.up_step_eV},
          {"desorption", c.desorption.enabled},
          {"desorption_barrier_eV", c.desorption.barrier_eV},
          {"desorption_bond_eV", c.desorption.bond_eV},
          {"exchange_barrier_eV", c.exchange.barrier_eV},
          {"max_height", c.max_height},
          {"substrate_mode", c.substrate.mode},
          {"solute", c.substrate.solute},
          {"solute_fraction", c.substrate.solute_fraction},
          {"temperature_K", c.temperature_K},
          {"initial_coverage_ml", c.initial_coverage_ml},
          {"selector", c.selector}};
}

template <class Get>
MeanStderr over_seeds(std::size_t n, Get get) {
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) values.push_back(get(i));
  return mean_and_stderr(values);
}

}  // namespace

MeanStderr PointResult::tracer_D() const {
  return over_seeds(diffusion.size(), [&](std::size_t i) { return diffusion[i].tracer_D_m2_per_s; });
}
MeanStderr PointResult::collective_D() const {
  return over_seeds(diffusion.size(), [&](std::size_t i) { return diffusion[i].collective_D_m2_per_s; });
}
MeanStderr PointResult::island_density_per_nm2() const {
  return over_seeds(nucleation.size(), [&](std::size_t i) { return nucleation[i].island_density_per_nm2; });
}

nlohmann::json point_inputs(const TableSpec &spec, const GridPoint &point) {
  nlohmann::json in;
  in["config"] = config_record(diffusion_config(spec, point, spec.base_seed));
  in["seeds"] = spec.seed_list();
  in["measurement"] = {{"coverage_ml", spec.measurement.coverage_ml},
                       {"events_per_run", spec.measurement.events_per_run},
                       {"windows", spec.measurement.windows}};
  if (spec.nucleation.enabled)
    in["nucleation"] = {{"flux_ml_per_s", spec.nucleation.flux_ml_per_s},
                        {"deposited_ml", spec.nucleation.deposited_ml}};
  return in;
}

PointResult compute_point(const TableSpec &spec, const GridPoint &point) {
  const auto start = std::chrono::steady_clock::now();
  PointResult r;
  r.id = point.id(spec);
  r.inputs = point_inputs(spec, point);
  r.seeds = spec.seed_list();
  for (std::uint64_t seed : r.seeds) {
    r.diffusion.push_back(measure_diffusion(diffusion_config(spec, point, seed), spec.measurement));
    if (spec.nucleation.enabled) r.nucleation.push_back(measure_nucleation(nucleation_config(spec, point, seed)));
  }
  r.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string point_path(const std::string &output_folder, const std::string &id) {
  return (std::filesystem::path(output_folder) / "points" / (id + ".json")).string();
}

void write_point(const std::string &output_folder, const PointResult &r) {
  nlohmann::json j;
  j["id"] = r.id;
  j["inputs"] = r.inputs;
  j["wall_time_s"] = r.wall_time_s;
  for (std::size_t i = 0; i < r.seeds.size(); ++i) {
    nlohmann::json s = {{"seed", r.seeds[i]},
                        {"tracer_D_m2_per_s", r.diffusion[i].tracer_D_m2_per_s},
                        {"collective_D_m2_per_s", r.diffusion[i].collective_D_m2_per_s},
                        {"simulated_time_s", r.diffusion[i].simulated_time_s},
                        {"events", r.diffusion[i].events},
                        {"atoms", r.diffusion[i].atoms}};
    if (!r.nucleation.empty()) {
      s["island_density_per_nm2"] = r.nucleation[i].island_density_per_nm2;
      s["island_density_per_site"] = r.nucleation[i].island_density_per_site;
      s["nucleation_events"] = r.nucleation[i].events;
    }
    j["seeds"].push_back(s);
  }
  std::filesystem::create_directories(std::filesystem::path(output_folder) / "points");
  write_file_atomic(point_path(output_folder, r.id), j.dump(1) + "\n");
}

std::optional<PointResult> read_point(const std::string &output_folder, const std::string &id,
                                      const nlohmann::json &inputs) {
  const std::string path = point_path(output_folder, id);
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    // Compared as text: NaN entries (barriers not given) are stored as null, and numbers print
    // the same whether they were read back as signed or unsigned.
    if (j.at("inputs").dump() != inputs.dump()) return std::nullopt;  // computed from other inputs: stale
    PointResult r;
    r.id = j.at("id").get<std::string>();
    r.inputs = j.at("inputs");
    r.wall_time_s = j.at("wall_time_s").get<double>();
    const bool nucleation = inputs.contains("nucleation");
    for (const auto &s : j.at("seeds")) {
      r.seeds.push_back(s.at("seed").get<std::uint64_t>());
      DiffusionSample d;
      d.tracer_D_m2_per_s = s.at("tracer_D_m2_per_s").get<double>();
      d.collective_D_m2_per_s = s.at("collective_D_m2_per_s").get<double>();
      d.simulated_time_s = s.at("simulated_time_s").get<double>();
      d.events = s.at("events").get<std::uint64_t>();
      d.atoms = s.at("atoms").get<std::uint64_t>();
      r.diffusion.push_back(d);
      if (nucleation) {
        NucleationSample n;
        n.island_density_per_nm2 = s.at("island_density_per_nm2").get<double>();
        n.island_density_per_site = s.at("island_density_per_site").get<double>();
        n.events = s.at("nucleation_events").get<std::uint64_t>();
        r.nucleation.push_back(n);
      }
    }
    if (r.id != id || r.seeds != inputs.at("seeds").get<std::vector<std::uint64_t>>())
      throw std::runtime_error("id or seeds do not match its inputs");
    return r;
  } catch (const std::exception &e) {
    throw std::runtime_error(path + ": damaged point record (" + e.what() + "); delete it to recompute the point");
  }
}

}  // namespace anodekmc::table
