// Event-selection throughput of the two BKL selectors (sum tree, composition-rejection).
//
// One "event" mimics a step of lattice kMC with hopping adatoms on an L x L periodic net
// (L = sqrt(N), one channel per column): select a channel (an active column), pick one of its
// 4 nearest neighbours; if that column is free the adatom hops (the source column becomes idle,
// the target active), otherwise both columns are re-rated. Then the 10 other columns of the
// neighbourhood whose rates a hop changes (nearest and diagonal neighbours, two second
// neighbours along x, one along y) are re-rated: active ones get a new rate, idle ones are set
// to 0 again. That is 1 select + 12 set_rate per event (+ the rate() reads that stand in for
// the engine's own lattice look-ups). Hops conserve the number of active channels: 10 % of N,
// spread at random. Two rate mixes:
//   equal   every active channel at 1e6 /s (pure hopping of identical, non-interacting adatoms;
//           re-rating an active column then leaves its rate unchanged);
//   spread  active rates log-uniform over 12 decades, 1e-3 ... 1e9 /s (about 40 binary
//           classes), drawn anew at every re-rating.
// New rates come from a precomputed table, so the figures measure the selector, not the maths
// library. Reported: events_per_s and channels (N).
//
// Run: bench_selectors [--benchmark_filter=...]; the N = 1e7 cases need about 0.5 GB.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/random.hpp"
#include "kmc/sum_tree_selector.hpp"

namespace {

using anodekmc::kmc::CompositionRejectionSelector;
using anodekmc::kmc::Rng;
using anodekmc::kmc::SumTreeSelector;
using anodekmc::kmc::uniform01;

enum class RateMix { kEqual = 0, kSpread = 1 };

constexpr double kActiveFraction = 0.1;
constexpr std::size_t kRateTableSize = std::size_t{1} << 16;

double draw_active_rate_per_s(Rng &rng, RateMix mix) {
  if (mix == RateMix::kEqual) return 1e6;
  return std::pow(10.0, -3.0 + 12.0 * uniform01(rng));
}

// Everything one benchmark case needs; built once per (selector, N, mix) and kept while Google
// Benchmark calls the case repeatedly to settle its iteration count.
template <class Selector>
struct Workload {
  Workload(std::size_t channel_count, RateMix rate_mix)
      : channels(channel_count), mix(rate_mix), rng(2024) {
    std::vector<double> initial(channels, 0.0);
    for (double &rate : initial) {
      if (uniform01(rng) < kActiveFraction) rate = draw_active_rate_per_s(rng, mix);
    }
    selector.assign_rates(initial);
    rate_table.resize(kRateTableSize);
    for (double &rate : rate_table) rate = draw_active_rate_per_s(rng, mix);
    const auto side = static_cast<std::ptrdiff_t>(std::sqrt(static_cast<double>(channels)));
    // The 4 nearest neighbours first (hop targets), then the rest of the neighbourhood.
    const std::ptrdiff_t neighbourhood[11] = {1,        -1,        side,  -side, side + 1, side - 1,
                                              -side + 1, -side - 1, 2,     -2,    2 * side};
    const auto n = static_cast<std::ptrdiff_t>(channels);
    for (std::size_t k = 0; k < 11; ++k) {
      offsets[k] = static_cast<std::size_t>(((neighbourhood[k] % n) + n) % n);
    }
  }

  std::size_t wrap(std::size_t channel) const {
    return channel >= channels ? channel - channels : channel;
  }
  double next_active_rate() {
    const double rate = rate_table[next_rate];
    next_rate = (next_rate + 1) & (kRateTableSize - 1);
    return rate;
  }

  // One kMC event: 1 select + 12 set_rate.
  void event() {
    const std::size_t from = selector.select(rng);
    const auto direction = static_cast<std::size_t>(anodekmc::kmc::uniform_below(rng, 4));
    const std::size_t to = wrap(from + offsets[direction]);
    if (selector.rate(to) == 0.0) {
      selector.set_rate(from, 0.0);
      selector.set_rate(to, next_active_rate());
    } else {
      selector.set_rate(from, next_active_rate());
      selector.set_rate(to, next_active_rate());
    }
    for (std::size_t k = 0; k < 11; ++k) {
      if (k == direction) continue;
      const std::size_t channel = wrap(from + offsets[k]);
      selector.set_rate(channel, selector.rate(channel) > 0.0 ? next_active_rate() : 0.0);
    }
  }

  std::size_t channels;
  RateMix mix;
  Rng rng;
  Selector selector;
  std::vector<double> rate_table;
  std::size_t next_rate = 0;
  std::size_t offsets[11] = {};
};

template <class Selector>
Workload<Selector> &workload_for(std::size_t channels, RateMix mix) {
  static std::unique_ptr<Workload<Selector>> cached;
  if (!cached || cached->channels != channels || cached->mix != mix) {
    cached.reset();  // free the previous case first: the large ones need hundreds of MB
    cached = std::make_unique<Workload<Selector>>(channels, mix);
  }
  return *cached;
}

template <class Selector>
void BM_Event(benchmark::State &state) {
  const auto channels = static_cast<std::size_t>(state.range(0));
  const auto mix = static_cast<RateMix>(state.range(1));
  Workload<Selector> &work = workload_for<Selector>(channels, mix);
  for (auto _ : state) work.event();
  benchmark::DoNotOptimize(work.selector.total_rate());
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["channels"] = static_cast<double>(channels);
  state.SetLabel(mix == RateMix::kEqual ? "equal" : "spread");
}

void channel_counts_and_mixes(benchmark::internal::Benchmark *bench) {
  for (int mix = 0; mix <= 1; ++mix) {
    for (std::int64_t channels : {10'000, 100'000, 1'000'000, 10'000'000}) {
      bench->Args({channels, mix});
    }
  }
}

BENCHMARK_TEMPLATE(BM_Event, SumTreeSelector)->Apply(channel_counts_and_mixes);
BENCHMARK_TEMPLATE(BM_Event, CompositionRejectionSelector)->Apply(channel_counts_and_mixes);

}  // namespace

BENCHMARK_MAIN();
