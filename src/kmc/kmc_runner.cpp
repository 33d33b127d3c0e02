#include "kmc/kmc_runner.hpp"

#include "core/atomic_file.hpp"
#include "kmc/barrier_catalog.hpp"
#include "kmc/composition_rejection_selector.hpp"
#include "kmc/dump_writer.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/substrate_map.hpp"
#include "kmc/sum_tree_selector.hpp"
#include "kmc/surface_observables.hpp"

#include <anodekmc/version.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;

namespace anodekmc::kmc {

namespace {

const char *const kTimeseriesHeader =
    "time_s,events,deposited_ml,atoms,coverage_ml,theta_layer1,theta_layer2,theta_layer3,theta_layer4,"
    "theta_layer5plus,roughness_rms_layers,islands,monomers,mean_island_size_sites,tracer_msd_A2,"
    "tracer_D_m2_per_s,jump_D_m2_per_s,first_dimer_time_s";

std::string fmt(double v) {
  std::ostringstream s;
  s << std::setprecision(17) << v;
  return s.str();
}

// Writes one CSV row per sample (flushed, so an interrupted run keeps every row written) and a
// snapshot every so many samples.
class TimeseriesObserver : public KmcObserver {
 public:
  TimeseriesObserver(const KmcModel &model, const fs::path &folder, int dump_every, double layer_spacing,
                     std::function<double()> first_dimer_time)
      : model_(model), folder_(folder), dump_every_(dump_every), layer_spacing_(layer_spacing),
        first_dimer_time_(std::move(first_dimer_time)) {}

  void open(bool append) {
    const fs::path path = folder_ / "timeseries.csv";
    csv_.open(path, append ? std::ios::app : std::ios::trunc);
    if (!csv_) throw std::runtime_error(path.string() + ": cannot open for writing");
    if (!append) csv_ << kTimeseriesHeader << "\n" << std::flush;
  }

  void sample(double time_s, const SurfaceState &state, const EventCounters &counters) override {
    const SurfaceObservables o = measure(model_.net, state, time_s, finder_);
    csv_ << fmt(time_s) << "," << counters.events << ","
         << fmt(static_cast<double>(counters.depositions) / model_.net.site_count()) << "," << o.atoms << ","
         << fmt(o.coverage_ml);
    for (double c : o.layer_coverage_ml) csv_ << "," << fmt(c);
    csv_ << "," << fmt(o.roughness_rms) << "," << o.islands.islands << "," << o.islands.monomers << ","
         << fmt(o.islands.mean_island_size) << "," << fmt(o.tracer_msd_A2) << "," << fmt(o.tracer_D_m2_per_s) << ","
         << fmt(o.jump_D_m2_per_s) << "," << fmt(first_dimer_time_()) << "\n";
    csv_.flush();
    if (!csv_) throw std::runtime_error("timeseries.csv: write failed");
    if (dump_every_ > 0 && samples_ % dump_every_ == 0) {
      fs::create_directories(folder_ / "snapshots");
      std::ostringstream name;
      name << "snapshot_" << std::setw(6) << std::setfill('0') << samples_ / dump_every_ << ".dump";
      write_dump((folder_ / "snapshots" / name.str()).string(), counters.events, time_s, model_.net, state,
                 layer_spacing_, static_cast<int>(model_.species.size()));
    }
    ++samples_;
  }
  void set_samples(std::uint64_t n) { samples_ = n; }

 private:
  const KmcModel &model_;
  fs::path folder_;
  int dump_every_;
  double layer_spacing_;
  std::function<double()> first_dimer_time_;
  IslandFinder finder_;
  std::ofstream csv_;
  std::uint64_t samples_ = 0;
};

// On restart: keep the header and the rows up to the checkpoint's time (rows after it were
// written by the interrupted run past its last checkpoint and will be produced again).
std::uint64_t truncate_timeseries(const fs::path &path, double checkpoint_time_s) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": missing; cannot continue its time series");
  std::string header, line, kept;
  std::getline(in, header);
  if (header != kTimeseriesHeader) throw std::runtime_error(path.string() + ": not an anodekmc time series");
  std::uint64_t rows = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const double t = std::stod(line.substr(0, line.find(',')));
    if (t > checkpoint_time_s) break;
    kept += line + "\n";
    ++rows;
  }
  write_file_atomic(path.string(), header + "\n" + kept);
  return rows;
}

nlohmann::json config_json(const KmcRunConfig &c) {
  nlohmann::json j;
  j["lattice"] = {{"facet", c.facet}, {"lattice_constant_A", c.lattice_constant_A}, {"nx", c.nx}, {"ny", c.ny}};
  j["model"] = {{"species", c.species},
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
                {"self_exchange_barrier_eV", c.exchange.self_barrier_eV},
                {"max_height", c.max_height}};
  j["substrate"] = {{"mode", c.substrate.mode}, {"solute", c.substrate.solute},
                    {"solute_fraction", c.substrate.solute_fraction}, {"pattern", c.substrate.pattern},
                    {"file", c.substrate.file}};
  j["conditions"] = {{"temperature_K", c.temperature_K}, {"flux_ml_per_s", c.flux_ml_per_s},
                     {"current_density_mA_per_cm2", c.current_density_mA_per_cm2},
                     {"initial_coverage_ml", c.initial_coverage_ml}};
  j["run"] = {{"seed", c.seed}, {"selector", c.selector}, {"max_time_s", c.limits.max_time_s},
              {"max_events", c.limits.max_events}, {"max_deposited_ml", c.limits.max_deposited_ml},
              {"sample_interval_s", c.limits.sample_interval_s},
              {"first_passage", c.first_passage.enabled ? "on" : "off"},
              {"first_passage_max_half_width", c.first_passage.max_half_width}, {"checkpoint_every_events", c.checkpoint_every_events}};
  j["output"] = {{"folder", c.output_folder}, {"dump_every_samples", c.dump_every_samples}};
  return j;
}

template <class Selector>
int run_with(const KmcRunConfig &config, const KmcRunContext &context, const KmcModel &model,
             const BarrierCatalog *catalog) {
  const auto wall_start = std::chrono::steady_clock::now();
  const fs::path folder = config.output_folder;
  fs::create_directories(folder);
  const fs::path checkpoint_path = folder / "checkpoint.bin";

  KmcEngine<Selector> engine(model, config.seed);
  engine.enable_first_passage(config.first_passage);
  if (config.first_passage.enabled && !engine.first_passage_active() && context.show_progress)
    std::fprintf(stderr, "[kmc] first_passage = on has no effect: the %s net is too small for a protective domain "
                 "(plain hops)\n", config.facet.c_str());
  const bool restarting = !context.restart_path.empty();
  std::uint64_t rows_kept = 0;
  if (restarting) {
    std::ifstream in(context.restart_path, std::ios::binary);
    if (!in) throw KmcInputError(context.restart_path + ": cannot open checkpoint");
    try {
      engine.read_checkpoint(in);
      rows_kept = truncate_timeseries(folder / "timeseries.csv", engine.time_s());
    } catch (const std::exception &e) {
      throw KmcInputError(context.restart_path + ": " + e.what());
    }
  } else {
    // A new run replaces the results of an earlier run in the same folder: nothing of that
    // run (snapshots, final files, its checkpoint) may be mistaken for this one's.
    fs::remove_all(folder / "snapshots");
    for (const char *old : {"final.dump", "checkpoint.bin", "island_sizes.csv", "substrate_final.map"})
      fs::remove(folder / old);
    engine.place_random_adatoms(config.initial_coverage_ml);
  }

  nlohmann::json record;
  record["program"] = "anodekmc kmc";
  record["version"] = kVersion;
  record["git_sha"] = kGitSha;
  record["config"] = config_json(config);
  record["config_text"] = context.config_text;
  record["seed"] = config.seed;
  record["potential_id"] = catalog ? "barrier catalog " + catalog->path() : "none: bond-counting model";
  record["catalog_rows"] = catalog ? catalog->row_count() : 0;
  record["restarted_from"] = context.restart_path;
  record["status"] = "running";
  write_file_atomic((folder / "config.ini").string(), context.config_text);
  write_substrate((folder / "substrate.map").string(), model.net, model.species, model.substrate);
  write_file_atomic((folder / "run.json").string(), record.dump(2) + "\n");

  TimeseriesObserver observer(model, folder, config.dump_every_samples,
                              layer_spacing_A(config.facet, config.lattice_constant_A),
                              [&engine] { return engine.first_dimer_time_s(); });
  observer.open(restarting);
  observer.set_samples(rows_kept);

  auto save_checkpoint = [&]() {
    std::ostringstream out(std::ios::binary);
    engine.write_checkpoint(out);
    write_file_atomic(checkpoint_path.string(), out.str());
  };

  StopReason reason;
  try {
    const std::uint64_t chunk = config.checkpoint_every_events > 0 ? config.checkpoint_every_events : 4000000;
    auto last_progress = std::chrono::steady_clock::now();
    std::uint64_t events_at_last = engine.counters().events;
    while (true) {
      RunLimits limits = config.limits;
      const std::uint64_t cap = engine.counters().events + chunk;
      const bool chunked = config.limits.max_events == 0 || cap < config.limits.max_events;
      if (chunked) limits.max_events = cap;
      reason = engine.run(limits, &observer, context.stop);
      if (reason == StopReason::kEventLimit && chunked) {
        if (config.checkpoint_every_events > 0) save_checkpoint();
        if (context.show_progress) {
          const auto now = std::chrono::steady_clock::now();
          const double dt = std::chrono::duration<double>(now - last_progress).count();
          const double rate = dt > 0 ? (engine.counters().events - events_at_last) / dt : 0.0;
          std::fprintf(stderr, "\r[kmc] t = %.4g s  events = %llu  deposited = %.4f ML  %.3g events/s   ",
                       engine.time_s(), static_cast<unsigned long long>(engine.counters().events),
                       static_cast<double>(engine.counters().depositions) / model.net.site_count(), rate);
          last_progress = now;
          events_at_last = engine.counters().events;
        }
        continue;
      }
      break;
    }
  } catch (const std::exception &e) {
    // Leave a record that says what happened instead of a stale "running" status; the last
    // checkpoint (if any) and the rows written so far stay valid.
    record["status"] = std::string("failed: ") + e.what();
    write_file_atomic((folder / "run.json").string(), record.dump(2) + "\n");
    throw;
  }
  if (context.show_progress) std::fprintf(stderr, "\n");
  save_checkpoint();
  // Protected walkers to their exact positions now (after the checkpoint, so a restart from it
  // continues the run as if it had not stopped).
  engine.synchronise_walkers();

  // Final results.
  IslandFinder finder;
  const SurfaceObservables final_state = measure(model.net, engine.state(), engine.time_s(), finder);
  std::string sizes = "size_sites,count\n";
  for (const auto &[size, count] : final_state.islands.size_histogram)
    sizes += std::to_string(size) + "," + std::to_string(count) + "\n";
  write_file_atomic((folder / "island_sizes.csv").string(), sizes);
  // The substrate at the end (exchange events change it; identical to substrate.map without them).
  const auto &final_substrate = engine.state().substrate;
  write_substrate((folder / "substrate_final.map").string(), model.net, model.species,
                  std::vector<std::uint8_t>(final_substrate.begin(), final_substrate.end()));
  if (config.dump_every_samples > 0)
    write_dump((folder / "final.dump").string(), engine.counters().events, engine.time_s(), model.net, engine.state(),
               layer_spacing_A(config.facet, config.lattice_constant_A), static_cast<int>(model.species.size()));

  const auto &c = engine.counters();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  record["status"] = reason == StopReason::kInterrupted ? "interrupted (resume with --restart checkpoint.bin)" : "finished";
  record["stop_reason"] = stop_reason_name(reason);
  record["wall_time_s"] = wall_s;
  record["results"] = {{"time_s", engine.time_s()},
                       {"events", c.events},
                       {"hops", c.hops},
                       {"depositions", c.depositions},
                       {"rejected_depositions", c.rejected_depositions},
                       {"desorptions", c.desorptions},
                       {"exchanges", c.exchanges},
                       {"hops_from_catalog", c.hops_from_catalog},
                       {"hops_from_bond_counting_fallback", c.hops_from_bond_counting},
                       {"deposition_flux_ml_per_s", model.deposition_rate_per_site_per_s},
                       {"coverage_ml", final_state.coverage_ml},
                       {"islands", final_state.islands.islands},
                       {"monomers", final_state.islands.monomers},
                       {"island_density_per_site", static_cast<double>(final_state.islands.islands) / model.net.site_count()},
                       {"mean_island_size_sites", final_state.islands.mean_island_size},
                       {"roughness_rms_layers", final_state.roughness_rms},
                       {"tracer_D_m2_per_s", final_state.tracer_D_m2_per_s},
                       {"first_dimer_time_s", engine.first_dimer_time_s()},
                       {"events_per_wall_s", wall_s > 0 ? c.events / wall_s : 0.0},
                       {"first_passage_active", engine.first_passage_active()},
                       {"first_passage_domains", engine.first_passage_counters().domains},
                       {"first_passage_exits", engine.first_passage_counters().exits},
                       {"first_passage_interruptions", engine.first_passage_counters().interruptions},
                       {"first_passage_equivalent_hops", engine.first_passage_counters().equivalent_hops}};
  write_file_atomic((folder / "run.json").string(), record.dump(2) + "\n");
  std::printf("[kmc] %s at t = %.6g s after %llu events (%.3g events/s): coverage %.4f ML, %llu islands, "
              "%llu monomers\n[kmc] results in %s\n",
              stop_reason_name(reason), engine.time_s(), static_cast<unsigned long long>(c.events),
              wall_s > 0 ? c.events / wall_s : 0.0, final_state.coverage_ml,
              static_cast<unsigned long long>(final_state.islands.islands),
              static_cast<unsigned long long>(final_state.islands.monomers), folder.string().c_str());
  return reason == StopReason::kInterrupted ? 3 : 0;
}

int prepare_and_run(const KmcRunConfig &config, const KmcRunContext &context) {
  PreparedKmcModel prepared = prepare_kmc_model(config);
  if (config.selector == "cr")
    return run_with<CompositionRejectionSelector>(config, context, *prepared.model, prepared.catalog.get());
  return run_with<SumTreeSelector>(config, context, *prepared.model, prepared.catalog.get());
}

}  // namespace

PreparedKmcModel prepare_kmc_model(const KmcRunConfig &config) {
  try {
    config.validate();
    lattice::SurfaceNet net = lattice::SurfaceNet::for_facet(config.facet, config.lattice_constant_A, config.nx, config.ny);
    Rng substrate_rng(config.seed, 0x5ab5u);  // own stream: the substrate does not shift the dynamics' draws
    std::vector<std::uint8_t> substrate = build_substrate(config.substrate, net, config.species, substrate_rng);
    const EnvironmentIndex index(net.lateral_count(), static_cast<int>(config.species.size()));
    PreparedKmcModel prepared;
    if (!config.catalog_path.empty()) {
      prepared.catalog = std::make_unique<BarrierCatalog>(index, config.species);
      prepared.catalog->read(config.catalog_path);
    }
    RateTable rates(index, prepared.catalog.get(), config.bond_counting, config.desorption, config.temperature_K,
                    config.prefactor_per_s, config.exchange);
    prepared.model = std::make_unique<KmcModel>(KmcModel{net, config.species, substrate, rates,
                                                         config.deposition_flux_ml_per_s(net.area_per_site_A2()),
                                                         config.max_height});
    return prepared;
  } catch (const std::exception &e) {
    throw KmcInputError(e.what());
  }
}

int run_kmc(const KmcRunConfig &config, const KmcRunContext &context) { return prepare_and_run(config, context); }

}  // namespace anodekmc::kmc
