// Adatom-substrate exchange (alloying). With hops switched off and site exclusion, each occupied
// column is an independent two-state Markov chain: Li adatom on an In substrate atom (A) and,
// after an exchange, In adatom on a Li substrate atom (B), with rates k_AB = nu exp(-E(Li@In)/kT)
// and k_BA = nu exp(-E(In@Li)/kT). From all-A: P_A(t) = k_BA/(k_AB + k_BA)
// + k_AB/(k_AB + k_BA) exp(-(k_AB + k_BA) t), and the columns are independent, so the fraction
// in A is binomial around it.
#include "kmc_test_models.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace anodekmc::kmc;
using namespace anodekmc::kmc::test;

namespace {

KmcModel exchange_model(double e_li_on_in, double e_in_on_li, double hop_eV, double flux) {
  const auto net = anodekmc::lattice::SurfaceNet::for_facet("bcc100", 3.51, 32, 32);
  const EnvironmentIndex index(net.lateral_count(), 2);
  BondCountingModel bc;
  bc.enabled = true;
  bc.base_barrier_eV = {hop_eV, hop_eV, hop_eV, hop_eV};  // Li/In over Li/In
  bc.bond_eV = 0.1;
  ExchangeModel ex;
  ex.barrier_eV = {NAN, e_li_on_in, e_in_on_li, NAN};
  RateTable rates(index, nullptr, bc, DesorptionModel{}, 300.0, 1e13, ex);
  // substrate: all In (species 1)
  return KmcModel{net, {"Li", "In"}, std::vector<std::uint8_t>(net.site_count(), 1), rates, flux, 1};
}

template <class Selector>
class KmcExchange : public ::testing::Test {};
using Selectors = ::testing::Types<SumTreeSelector, CompositionRejectionSelector>;
TYPED_TEST_SUITE(KmcExchange, Selectors);

TYPED_TEST(KmcExchange, TwoStateRelaxationOfEveryColumn) {
  const double e_ab = 0.60, e_ba = 0.62, kT = kBoltzmann_eV_per_K * 300.0;
  const double k_ab = 1e13 * std::exp(-e_ab / kT), k_ba = 1e13 * std::exp(-e_ba / kT);
  const KmcModel model = exchange_model(e_ab, e_ba, 50.0, 0.0);  // 50 eV: no hops
  KmcEngine<TypeParam> engine(model, 77);
  engine.place_random_adatoms(0.5);
  struct Fraction : KmcObserver {
    std::vector<double> t, f;
    void sample(double time_s, const SurfaceState &s, const EventCounters &) override {
      double a = 0, n = 0;
      for (std::size_t c = 0; c < s.height.size(); ++c) {
        if (!s.height[c]) continue;
        n += 1;
        a += s.species[static_cast<std::size_t>(s.top_atom[c])] == 0;  // Li on top: state A
      }
      t.push_back(time_s);
      f.push_back(a / n);
    }
  } obs;
  RunLimits limits;
  limits.sample_interval_s = 0.2 / (k_ab + k_ba);
  limits.max_time_s = 5.0 / (k_ab + k_ba);
  engine.run(limits, &obs);
  const double n = 512;
  for (std::size_t i = 0; i < obs.t.size(); ++i) {
    const double p = k_ba / (k_ab + k_ba) + k_ab / (k_ab + k_ba) * std::exp(-(k_ab + k_ba) * obs.t[i]);
    const double sigma = std::sqrt(std::max(p * (1 - p), 1e-12) / n);
    EXPECT_NEAR(obs.f[i], p, 4.5 * sigma + 1e-12) << "t = " << obs.t[i];
  }
  EXPECT_GT(engine.counters().exchanges, 500u);
  EXPECT_EQ(engine.counters().hops, 0u);
  // the substrate changed where the exchanged atoms went
  std::size_t li_in_substrate = 0;
  for (auto sp : engine.state().substrate) li_in_substrate += sp == 0;
  std::size_t in_on_top = 0;
  for (std::size_t c = 0; c < engine.state().height.size(); ++c)
    if (engine.state().height[c]) in_on_top += engine.state().species[engine.state().top_atom[c]] == 1;
  EXPECT_EQ(li_in_substrate, in_on_top);  // every exchange moved one Li down and one In up
}

// Growth with hops, exchanges and deposition: the restart is still bit for bit (the species of
// atoms and the changed substrate are in the checkpoint).
TYPED_TEST(KmcExchange, RestartWithExchangesIsExact) {
  const KmcModel model = exchange_model(0.35, 0.40, 0.30, 1e6);
  auto pair = run_straight_and_resumed<TypeParam>(model, 3, 40000);
  const auto &straight = *pair.straight;
  const auto &resumed = *pair.resumed;
  EXPECT_GT(straight.counters().exchanges, 100u);
  EXPECT_GT(straight.counters().hops, 1000u);
  EXPECT_EQ(straight.time_s(), resumed.time_s());
  expect_same_state(straight.state(), resumed.state());
  for (std::uint32_t s = 0; s < model.net.site_count(); ++s)
    ASSERT_EQ(resumed.selector().rate(s), resumed.column_rate(s)) << "column " << s;
}

}  // namespace
