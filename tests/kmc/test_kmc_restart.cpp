// Exact restart: running 2N events equals running N, writing a checkpoint, reading it into a
// new engine and running N more, bit for bit (state, time, counters, and the random stream).
#include "kmc_test_models.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace anodekmc::kmc;
using namespace anodekmc::kmc::test;

namespace {

template <class Selector>
class KmcRestart : public ::testing::Test {};
using Selectors = ::testing::Types<SumTreeSelector, CompositionRejectionSelector>;
TYPED_TEST_SUITE(KmcRestart, Selectors);

TYPED_TEST(KmcRestart, TwoNEventsEqualNCheckpointRestartN) {
  ModelSpec m;
  m.nx = 24;
  m.ny = 20;
  m.bond_eV = 0.15;
  m.es_eV = 0.05;
  m.flux_ml_per_s = 5e6;  // growth: deposition, hops, islands, second layer
  m.desorption = true;
  m.desorption_barrier_eV = 0.45;
  const KmcModel model = make_model(m);
  const std::uint64_t n = 60000;
  auto pair = run_straight_and_resumed<TypeParam>(model, 31, n);
  auto &straight = *pair.straight;
  auto &resumed = *pair.resumed;

  EXPECT_GT(straight.counters().depositions, 100u);
  EXPECT_GT(straight.counters().hops, 1000u);
  EXPECT_EQ(straight.time_s(), resumed.time_s());
  EXPECT_EQ(straight.counters().events, resumed.counters().events);
  EXPECT_EQ(straight.counters().hops, resumed.counters().hops);
  EXPECT_EQ(straight.counters().depositions, resumed.counters().depositions);
  EXPECT_EQ(straight.counters().desorptions, resumed.counters().desorptions);
  EXPECT_EQ(straight.first_dimer_time_s(), resumed.first_dimer_time_s());
  expect_same_state(straight.state(), resumed.state());
  EXPECT_EQ(straight.total_rate_per_s(), resumed.total_rate_per_s());
  // and the futures stay identical
  RunLimits more;
  more.max_events = 2 * n + 1000;
  straight.run(more, nullptr);
  resumed.run(more, nullptr);
  EXPECT_EQ(straight.time_s(), resumed.time_s());
  expect_same_state(straight.state(), resumed.state());
}

TYPED_TEST(KmcRestart, CheckpointOfAnotherLatticeIsRefused) {
  ModelSpec m;
  const KmcModel model = make_model(m);
  KmcEngine<TypeParam> engine(model, 1);
  std::stringstream checkpoint(std::ios::in | std::ios::out | std::ios::binary);
  engine.write_checkpoint(checkpoint);
  ModelSpec other = m;
  other.nx = 40;
  KmcEngine<TypeParam> wrong(make_model(other), 1);
  EXPECT_THROW(wrong.read_checkpoint(checkpoint), std::runtime_error);
  std::stringstream garbage("not a checkpoint");
  EXPECT_THROW(engine.read_checkpoint(garbage), std::runtime_error);
  // same lattice, other physics
  ModelSpec hotter = m;
  hotter.temperature_K = 310.0;
  KmcEngine<TypeParam> other_physics(make_model(hotter), 1);
  std::stringstream again(std::ios::in | std::ios::out | std::ios::binary);
  engine.write_checkpoint(again);
  EXPECT_THROW(other_physics.read_checkpoint(again), std::runtime_error);
  // a truncated checkpoint
  std::stringstream full(std::ios::in | std::ios::out | std::ios::binary);
  engine.write_checkpoint(full);
  std::stringstream cut(full.str().substr(0, full.str().size() / 2), std::ios::in | std::ios::binary);
  EXPECT_THROW(engine.read_checkpoint(cut), std::runtime_error);
}

// After any sequence of events, each column's rate in the selector equals the rate computed
// from scratch (the local updates miss nothing).
TYPED_TEST(KmcRestart, LocalRateUpdatesMatchFullRecomputation) {
  for (const char *facet : {"bcc100", "fcc111", "bcc110"}) {
    ModelSpec m;
    m.facet = facet;
    m.nx = m.ny = 12;
    m.base_barrier_eV = 0.3;  // hops at ~1e8 /s, deposition faster: multilayer growth with steps
    m.bond_eV = 0.05;
    m.es_eV = 0.03;
    m.flux_ml_per_s = 1e9;
    const KmcModel model = make_model(m);
    KmcEngine<TypeParam> engine(model, 5);
    RunLimits limits;
    limits.max_events = 20000;
    engine.run(limits, nullptr);
    EXPECT_GT(engine.counters().depositions, 1000u);
    for (std::uint32_t s = 0; s < model.net.site_count(); ++s)
      ASSERT_EQ(engine.selector().rate(s), engine.column_rate(s)) << facet << " column " << s;
  }
}

}  // namespace

namespace {

// With nothing that can happen (no atoms, no flux) a run without a time limit stops at once
// instead of waiting forever.
TYPED_TEST(KmcRestart, RunWithoutPossibleEventsStops) {
  const KmcModel model = make_model(ModelSpec{});
  KmcEngine<TypeParam> engine(model, 1);
  RunLimits limits;
  limits.max_events = 10;
  limits.sample_interval_s = 1.0;
  struct Count : KmcObserver {
    int n = 0;
    void sample(double, const SurfaceState &, const EventCounters &) override { ++n; }
  } count;
  EXPECT_EQ(engine.run(limits, &count), StopReason::kNoEvents);
  limits.max_time_s = 5.5;
  EXPECT_EQ(engine.run(limits, &count), StopReason::kTimeLimit);
  EXPECT_EQ(count.n, 6);  // samples at t = 0, 1, ..., 5
  EXPECT_EQ(engine.time_s(), 5.5);
}

}  // namespace
