#include "table/diffusion_measurement.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/island_finder.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/kmc_runner.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace anodekmc::table {

namespace {

constexpr double kA2_to_m2 = 1e-20;

// Accumulates the window sums of the estimators (see the header) from the samples the engine
// delivers at t = k dt.
class WindowDisplacementObserver : public kmc::KmcObserver {
 public:
  explicit WindowDisplacementObserver(double start_s) : start_s_(start_s) {}

  void sample(double time_s, const kmc::SurfaceState &state, const kmc::EventCounters &) override {
    // The engine's sampling clock starts at t = 0: when sampling is switched on after the
    // equilibration it first catches up with samples labelled k dt < start but holding the
    // state at `start` (no motion); they are not windows of this measurement.
    if (time_s < start_s_) return;
    const std::size_t n = state.atom_count();
    if (have_previous_) {
      const double dt = time_s - previous_time_s_;
      double sum_dx = 0.0, sum_dy = 0.0, sum_r2 = 0.0;
      std::uint64_t counted = 0;
      for (std::size_t a = 0; a < n && a < previous_dx_.size(); ++a) {
        // Only atoms present, on the same path, through the whole window: an exchange restarts
        // an atom's path (new arrival time), desorption ends it.
        if (!state.alive[a] || !previous_alive_[a] || state.arrival_time_s[a] != previous_arrival_[a]) continue;
        const double dx = state.atoms[a].dx_A - previous_dx_[a];
        const double dy = state.atoms[a].dy_A - previous_dy_[a];
        sum_dx += dx;
        sum_dy += dy;
        sum_r2 += dx * dx + dy * dy;
        ++counted;
      }
      tracer_sum_A2_ += sum_r2;
      collective_sum_A2_ += sum_dx * sum_dx + sum_dy * sum_dy;
      atom_time_s_ += static_cast<double>(counted) * dt;
      ++windows_;
    }
    previous_time_s_ = time_s;
    previous_dx_.resize(n);
    previous_dy_.resize(n);
    previous_alive_.resize(n);
    previous_arrival_.resize(n);
    for (std::size_t a = 0; a < n; ++a) {
      previous_dx_[a] = state.atoms[a].dx_A;
      previous_dy_[a] = state.atoms[a].dy_A;
      previous_alive_[a] = state.alive[a];
      previous_arrival_[a] = state.arrival_time_s[a];
    }
    have_previous_ = true;
  }

  int windows() const { return windows_; }
  double tracer_D_m2_per_s() const { return atom_time_s_ > 0 ? tracer_sum_A2_ / (4.0 * atom_time_s_) * kA2_to_m2 : 0.0; }
  double collective_D_m2_per_s() const {
    return atom_time_s_ > 0 ? collective_sum_A2_ / (4.0 * atom_time_s_) * kA2_to_m2 : 0.0;
  }

 private:
  double start_s_;
  bool have_previous_ = false;
  double previous_time_s_ = 0.0;
  std::vector<double> previous_dx_, previous_dy_, previous_arrival_;
  std::vector<std::uint8_t> previous_alive_;
  double tracer_sum_A2_ = 0.0, collective_sum_A2_ = 0.0, atom_time_s_ = 0.0;
  int windows_ = 0;
};

template <class Selector>
DiffusionSample diffusion_with(const kmc::KmcModel &model, const kmc::KmcRunConfig &config,
                               const MeasurementSpec &measurement) {
  kmc::KmcEngine<Selector> engine(model, config.seed);
  engine.place_random_adatoms(config.initial_coverage_ml);
  const double rate_per_s = engine.total_rate_per_s();
  if (!(rate_per_s > 0.0))
    throw std::runtime_error("no event is possible at T = " + std::to_string(config.temperature_K) +
                             " K: diffusivity undefined");
  // Equilibration: a quarter of the events, so that adatoms placed at random first find their
  // traps and clusters; the measurement then starts from a typical state of the closed system
  // and its length comes from the total rate at that point (the initial rate overestimates it).
  kmc::RunLimits warmup = config.limits;
  warmup.max_events = std::max<std::uint64_t>(1, measurement.events_per_run / 4);
  engine.run(warmup, nullptr);
  const double start_s = engine.time_s();
  const double measured_rate_per_s = engine.total_rate_per_s();
  if (!(measured_rate_per_s > 0.0))
    throw std::runtime_error("no event is possible after equilibration at T = " + std::to_string(config.temperature_K) +
                             " K: diffusivity undefined");
  kmc::RunLimits limits = config.limits;
  const double duration_s = static_cast<double>(measurement.events_per_run) / measured_rate_per_s;
  limits.max_time_s = start_s + duration_s;
  limits.max_events = engine.counters().events + 50 * measurement.events_per_run;
  // Samples fall at k * interval of absolute time; the observer's first one after start_s is
  // its baseline, so it sees windows - 1 or windows full windows of equal length.
  limits.sample_interval_s = duration_s / measurement.windows;
  WindowDisplacementObserver observer(start_s);
  engine.run(limits, &observer);
  if (observer.windows() < 1)
    throw std::runtime_error("the run ended before its first window (event cap reached at T = " +
                             std::to_string(config.temperature_K) + " K)");
  DiffusionSample out;
  out.tracer_D_m2_per_s = observer.tracer_D_m2_per_s();
  out.collective_D_m2_per_s = observer.collective_D_m2_per_s();
  out.simulated_time_s = engine.time_s();
  out.events = engine.counters().events;
  out.atoms = engine.state().atom_count();
  return out;
}

template <class Selector>
NucleationSample nucleation_with(const kmc::KmcModel &model, const kmc::KmcRunConfig &config) {
  kmc::KmcEngine<Selector> engine(model, config.seed);
  engine.enable_first_passage(config.first_passage);  // exact; off unless the config asks
  const kmc::StopReason stop = engine.run(config.limits, nullptr);
  kmc::IslandFinder finder;
  const kmc::IslandStatistics islands = finder.analyse(model.net, engine.state());
  NucleationSample out;
  const double sites = model.net.site_count();
  out.island_density_per_site = static_cast<double>(islands.islands) / sites;
  out.island_density_per_nm2 = static_cast<double>(islands.islands) / (sites * model.net.area_per_site_A2() * 1e-2);
  out.events = engine.counters().events;
  out.deposited_ml = static_cast<double>(engine.counters().depositions) / sites;
  out.reached_deposit = stop == kmc::StopReason::kCoverageLimit;
  return out;
}

}  // namespace

DiffusionSample measure_diffusion(const kmc::KmcRunConfig &config, const MeasurementSpec &measurement) {
  const kmc::PreparedKmcModel prepared = kmc::prepare_kmc_model(config);
  if (config.selector == "cr")
    return diffusion_with<kmc::CompositionRejectionSelector>(*prepared.model, config, measurement);
  return diffusion_with<kmc::SumTreeSelector>(*prepared.model, config, measurement);
}

NucleationSample measure_nucleation(const kmc::KmcRunConfig &config) {
  const kmc::PreparedKmcModel prepared = kmc::prepare_kmc_model(config);
  if (config.selector == "cr") return nucleation_with<kmc::CompositionRejectionSelector>(*prepared.model, config);
  return nucleation_with<kmc::SumTreeSelector>(*prepared.model, config);
}

}  // namespace anodekmc::table
