// First-passage kMC (docs/kmc_first_passage.md): the exact 1D first-passage distributions
// against a brute-force master-equation integration and plain-hop Monte Carlo, and the
// accelerated engine against theory, the plain engine and its own restart.
#include "kmc_test_models.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/first_passage_interval.hpp"
#include "kmc/island_finder.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/random.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace anodekmc::kmc;
using namespace anodekmc::kmc::test;

namespace {

// dp/dt = Q p on {-L..L} (rate 1 per direction, absorbing outside), classic RK4. With
// eigenvalues of Q in [-4, 0] and step 1e-3 the local error is ~(4e-3)^5 / 120: the integrated
// probabilities are good to ~1e-12, far below the 1e-9 the tests ask for.
std::vector<double> master_equation(int L, double tau) {
  const int n = 2 * L + 1;
  std::vector<double> p(n, 0.0);
  p[L] = 1.0;
  auto rhs = [n](const std::vector<double> &x) {
    std::vector<double> d(n);
    for (int i = 0; i < n; ++i) d[i] = -2.0 * x[i] + (i > 0 ? x[i - 1] : 0.0) + (i + 1 < n ? x[i + 1] : 0.0);
    return d;
  };
  const int steps = static_cast<int>(std::ceil(tau / 1e-3));
  const double h = tau / steps;
  for (int s = 0; s < steps; ++s) {
    auto k1 = rhs(p);
    std::vector<double> t(n);
    for (int i = 0; i < n; ++i) t[i] = p[i] + 0.5 * h * k1[i];
    auto k2 = rhs(t);
    for (int i = 0; i < n; ++i) t[i] = p[i] + 0.5 * h * k2[i];
    auto k3 = rhs(t);
    for (int i = 0; i < n; ++i) t[i] = p[i] + h * k3[i];
    auto k4 = rhs(t);
    for (int i = 0; i < n; ++i) p[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  return p;
}

// Pearson chi-square of two histograms with equal totals over the same bins (two-sample form:
// sum (a - b)^2 / (a + b)), bins with no counts skipped. dof = non-empty bins - 1.
double two_sample_chi2(const std::map<int, double> &a, const std::map<int, double> &b, int &dof) {
  std::map<int, std::pair<double, double>> bins;
  for (const auto &[k, v] : a) bins[k].first += v;
  for (const auto &[k, v] : b) bins[k].second += v;
  double chi2 = 0.0;
  dof = -1;
  for (const auto &[k, v] : bins) {
    if (v.first + v.second <= 0) continue;
    chi2 += (v.first - v.second) * (v.first - v.second) / (v.first + v.second);
    ++dof;
  }
  return chi2;
}

}  // namespace

TEST(FirstPassageInterval, MeanExitTimeIsTheExactDiscreteFormula) {
  // Continuous-time walk, rate 1 per direction, from the centre of {-L..L} with absorbing
  // +-(L+1): E[T] = (L+1)^2 / 2 (the discrete Laplace equation, solved exactly).
  for (int L : {0, 1, 2, 5, 16, 64, 200}) {
    const FirstPassageInterval walk(L);
    const double exact = 0.5 * (L + 1.0) * (L + 1.0);
    EXPECT_NEAR(walk.mean_exit_time(), exact, 1e-10 * exact) << "L = " << L;
  }
}

TEST(FirstPassageInterval, SurvivalAndPropagatorMatchTheMasterEquation) {
  for (int L : {1, 4}) {
    const FirstPassageInterval walk(L);
    for (double tau : {0.05, 0.5, 2.0, 8.0, 30.0}) {
      const std::vector<double> p = master_equation(L, tau);
      double s = 0.0;
      for (double v : p) s += v;
      EXPECT_NEAR(walk.survival(tau), s, 1e-9) << "L " << L << " tau " << tau;
      const std::vector<double> q = walk.conditioned_distribution(tau);
      for (int i = 0; i < 2 * L + 1; ++i) EXPECT_NEAR(q[i], p[i] / s, 1e-9) << "L " << L << " tau " << tau << " y " << i - L;
    }
  }
}

TEST(FirstPassageInterval, ExitTimeSamplingInvertsTheSurvival) {
  Rng rng(7);
  for (int L : {1, 3, 8, 64, 256}) {
    const FirstPassageInterval walk(L);
    for (int k = 0; k < 2000; ++k) {
      const double u = uniform_open01(rng);
      const double tau = walk.exit_time_for(u);
      ASSERT_GE(tau, 0.0);
      // Round-off of the spectral sum near S = 1 (tiny tau) is ~1e-15 absolute.
      if (u < 1.0 - 1e-9) {
        EXPECT_NEAR(walk.log_survival(tau), std::log(u), 1e-9) << "L " << L << " u " << u;
      }
    }
  }
}

// The 1D position at time tau given survival, drawn by position_for, against plain-hop Monte
// Carlo of the same walk (goodness of fit, chi-square with 2L dof).
TEST(FirstPassageInterval, ConditionedPositionMatchesPlainHopMonteCarlo) {
  const int L = 3;
  const double tau = 5.0;
  const FirstPassageInterval walk(L);
  Rng rng(11);
  std::map<int, double> plain, sampled;
  int survivors = 0;
  while (survivors < 40000) {
    int y = 0;
    double t = 0.0;
    bool alive = true;
    while (true) {
      t += -std::log(uniform_open01(rng)) / 2.0;
      if (t > tau) break;
      y += uniform01(rng) < 0.5 ? -1 : 1;
      if (std::abs(y) > L) {
        alive = false;
        break;
      }
    }
    if (!alive) continue;
    ++survivors;
    plain[y] += 1;
    sampled[walk.position_for(tau, uniform01(rng))] += 1;
  }
  int dof = 0;
  const double chi2 = two_sample_chi2(plain, sampled, dof);
  // dof = 6: P(chi2 > 27.9) = 1e-4 (chi-square quantile); a fixed seed makes the test
  // deterministic, the threshold makes a true failure unmistakable.
  EXPECT_EQ(dof, 6);
  EXPECT_LT(chi2, 27.9) << "chi2 " << chi2;
}

// The 2D exit of the square domain as the engine draws it (two independent 1D exit times, a
// coin for the side, the other coordinate conditioned on survival) against plain hops in 2D:
// exit time mean against the exact spectral value, and the exit-site distribution by chi-square.
// The earliest exit of k independent walks drawn in one solve, ln S(T) = ln(u) / k, against the
// minimum of k separate draws and the exact mean int S(t)^k dt (k = 2: square domain; k = 3:
// triangular). Tolerance 4 standard errors of each sample mean.
TEST(FirstPassageInterval, EarliestOfKWalksInOneSolveMatchesKSeparateDraws) {
  const FirstPassageInterval walk(4);
  Rng rng(21);
  for (int k : {2, 3}) {
    std::vector<double> one_solve, separate;
    for (int n = 0; n < 20000; ++n) {
      one_solve.push_back(walk.exit_time_for_log_survival(std::log(uniform_open01(rng)) / k));
      double t = INFINITY;
      for (int w = 0; w < k; ++w) t = std::min(t, walk.exit_time_for(uniform_open01(rng)));
      separate.push_back(t);
    }
    double exact = 0.0;
    for (double t = 0.0;; t += 1e-3) {
      const double s0 = std::pow(walk.survival(t), k), s1 = std::pow(walk.survival(t + 1e-3), k);
      exact += 0.5e-3 * (s0 + s1);
      if (s1 < 1e-14) break;
    }
    const MeanError a = mean_error(one_solve), b = mean_error(separate);
    EXPECT_NEAR(a.mean, exact, 4.0 * a.error) << "one solve, k = " << k;
    EXPECT_NEAR(b.mean, exact, 4.0 * b.error) << "separate draws, k = " << k;
    // And the solve inverts S^k: S(T)^k = u exactly up to round-off.
    const double u = 0.37;
    EXPECT_NEAR(std::pow(walk.survival(walk.exit_time_for_log_survival(std::log(u) / k)), k), u, 1e-12);
  }
}

TEST(FirstPassageInterval, SquareDomainExitMatchesPlainHopMonteCarlo) {
  const int L = 3;
  const FirstPassageInterval walk(L);
  Rng rng(13);
  const int n = 40000;
  std::map<int, double> plain_sites, sampled_sites;
  std::vector<double> plain_times, sampled_times;
  auto key = [](int a, int b) { return (a + 100) * 1000 + (b + 100); };
  for (int k = 0; k < n; ++k) {
    int a = 0, b = 0;
    double t = 0.0;
    while (std::abs(a) <= L && std::abs(b) <= L) {
      t += -std::log(uniform_open01(rng)) / 4.0;
      const auto dir = uniform_below(rng, 4);
      if (dir == 0) ++a;
      else if (dir == 1) --a;
      else if (dir == 2) ++b;
      else --b;
    }
    plain_times.push_back(t);
    plain_sites[key(a, b)] += 1;
    const double ta = walk.exit_time_for(uniform_open01(rng)), tb = walk.exit_time_for(uniform_open01(rng));
    const bool along_a = ta < tb;
    const int side = uniform01(rng) < 0.5 ? -1 : 1;
    const int other = walk.position_for(std::min(ta, tb), uniform01(rng));
    sampled_times.push_back(std::min(ta, tb));
    sampled_sites[along_a ? key(side * (L + 1), other) : key(other, side * (L + 1))] += 1;
  }
  // Exact mean of min(T_a, T_b) = int S(t)^2 dt, by the trapezoidal rule on a fine grid up to
  // where S^2 < 1e-14 (the integrand is smooth; step 1e-3 gives ~1e-7 relative).
  double exact = 0.0;
  for (double t = 0.0;; t += 1e-3) {
    const double s0 = walk.survival(t), s1 = walk.survival(t + 1e-3);
    exact += 0.5e-3 * (s0 * s0 + s1 * s1);
    if (s1 * s1 < 1e-14) break;
  }
  const MeanError pm = mean_error(plain_times), sm = mean_error(sampled_times);
  EXPECT_NEAR(pm.mean, exact, 4.0 * pm.error) << "plain hops";
  EXPECT_NEAR(sm.mean, exact, 4.0 * sm.error) << "first passage";
  int dof = 0;
  const double chi2 = two_sample_chi2(plain_sites, sampled_sites, dof);
  // 4 sides x 7 sites = 28 bins, dof 27: P(chi2 > 61.1) = 1e-4.
  EXPECT_EQ(dof, 27);
  EXPECT_LT(chi2, 61.1) << "chi2 " << chi2;
}

// ---- the engine ----

namespace {

class DisplacementWindows : public KmcObserver {
 public:
  void sample(double, const SurfaceState &s, const EventCounters &) override {
    if (has_last) {
      const double dx = s.atoms[0].dx_A - last_x, dy = s.atoms[0].dy_A - last_y;
      r2.push_back(dx * dx + dy * dy);
    }
    last_x = s.atoms[0].dx_A;
    last_y = s.atoms[0].dy_A;
    has_last = true;
  }
  std::vector<double> r2;
  double last_x = 0, last_y = 0;
  bool has_last = false;
};

template <class Selector>
std::vector<double> single_walker_r2(const ModelSpec &m, bool first_passage, std::uint64_t seed, double window_s,
                                     int windows, FirstPassageCounters *counters = nullptr) {
  const KmcModel model = make_model(m);
  KmcEngine<Selector> engine(model, seed);
  FirstPassageOptions fp;
  fp.enabled = first_passage;
  engine.enable_first_passage(fp);
  engine.place_random_adatoms(1.0 / model.net.site_count());
  DisplacementWindows rec;
  RunLimits limits;
  limits.sample_interval_s = window_s;
  limits.max_time_s = (windows + 0.5) * window_s;
  engine.run(limits, &rec);
  if (counters) *counters = engine.first_passage_counters();
  return rec.r2;
}

}  // namespace

// SCIENCE.md section 8, case 1, with the walker inside protective domains: <r^2> = 4 D t,
// D = (hops / 4) nu l^2 for hops of length l: nu a^2 (square), 0.75 nu a^2 (bcc(110): 4 hops of
// sqrt(3)/2 a), 0.75 nu a^2 (fcc(111): 6 hops of a / sqrt 2; three walks, hexagonal domains),
// 1.5 nu a^2 (hcp(0001): 6 hops of a). Windows of ~2000-3000 hops on a 64 x 64 net, so most of
// the motion is domain exits (checked). Tolerance 4 standard errors of the window mean (windows
// are independent: increments of a Markov walk over disjoint times).
TEST(FirstPassageEngine, SingleWalkerTracerDiffusivityOnEveryNet) {
  struct NetCase {
    const char *facet;
    double d_over_nu_a2;
  };
  for (const NetCase c :
       {NetCase{"bcc100", 1.0}, NetCase{"bcc110", 0.75}, NetCase{"fcc111", 0.75}, NetCase{"hcp0001", 1.5}}) {
    ModelSpec m;
    m.facet = c.facet;
    m.nx = m.ny = 64;
    const double nu = free_hop_rate(m);
    const double window_s = 2000.0 / (4 * nu);
    FirstPassageCounters counters;
    const auto r2 = single_walker_r2<SumTreeSelector>(m, true, 99, window_s, 3000, &counters);
    const MeanError me = mean_error(r2);
    const double expected = 4.0 * c.d_over_nu_a2 * nu * m.a_A * m.a_A * window_s;
    EXPECT_NEAR(me.mean, expected, 4.0 * me.error) << c.facet << " D/D_exact = " << me.mean / expected;
    // The acceleration did the work: most hops were made inside domains.
    EXPECT_GT(counters.exits, 1000u) << c.facet;
    EXPECT_GT(counters.equivalent_hops, 0.5 * 4 * nu * 3000 * window_s) << c.facet;
  }
}

// With self-exchange on the square net the walker also moves diagonally (four moves of length
// sqrt 2 a at nu_x): D = (nu + 2 nu_x) a^2 (SCIENCE.md section 8, case 1, with the diagonal
// jumps), and the domains carry two diagonal walks besides the two lattice walks.
TEST(FirstPassageEngine, SingleWalkerTracerWithSelfExchangeHasTheDiagonalJumps) {
  ModelSpec m;
  m.nx = m.ny = 64;
  m.self_exchange_barrier_eV = 0.08;  // faster than the 0.1 eV hop, as on Li(100)
  const double nu = free_hop_rate(m);
  const double nu_x = m.prefactor_per_s * std::exp(-m.self_exchange_barrier_eV / (kBoltzmann_eV_per_K * m.temperature_K));
  const double window_s = 2000.0 / (4 * nu + 4 * nu_x);
  FirstPassageCounters counters;
  const auto r2 = single_walker_r2<CompositionRejectionSelector>(m, true, 17, window_s, 3000, &counters);
  const MeanError me = mean_error(r2);
  const double expected = 4.0 * (nu + 2.0 * nu_x) * m.a_A * m.a_A * window_s;
  EXPECT_NEAR(me.mean, expected, 4.0 * me.error) << "D/D_exact = " << me.mean / expected;
  EXPECT_GT(counters.exits, 1000u);
  // Most moves (hops and diagonal moves) were made inside domains.
  EXPECT_GT(counters.equivalent_hops, 0.5 * (4 * nu + 4 * nu_x) * 3000 * window_s);
}

// The same windows with the plain engine: the two means agree within 4 combined standard errors.
TEST(FirstPassageEngine, SingleWalkerTracerMatchesPlainEngine) {
  ModelSpec m;
  m.nx = m.ny = 64;
  const double nu = free_hop_rate(m);
  const double window_s = 500.0 / (4 * nu);
  const MeanError fp = mean_error(single_walker_r2<CompositionRejectionSelector>(m, true, 5, window_s, 4000));
  const MeanError plain = mean_error(single_walker_r2<CompositionRejectionSelector>(m, false, 6, window_s, 4000));
  EXPECT_NEAR(fp.mean, plain.mean, 4.0 * std::hypot(fp.error, plain.error));
}

TEST(FirstPassageEngine, OffIsThePlainEngine) {
  for (const char *facet : {"bcc100", "fcc111"}) {
    ModelSpec m;
    m.facet = facet;
    m.nx = m.ny = 32;
    m.bond_eV = 5.0;
    m.flux_ml_per_s = free_hop_rate(m) / 1e4;
    const KmcModel model = make_model(m);
    KmcEngine<SumTreeSelector> plain(model, 3), other(model, 3);
    FirstPassageOptions fp;
    fp.enabled = false;
    other.enable_first_passage(fp);
    EXPECT_FALSE(other.first_passage_active());
    RunLimits limits;
    limits.max_deposited_ml = 0.05;
    plain.run(limits, nullptr);
    other.run(limits, nullptr);
    expect_same_state(plain.state(), other.state());
    EXPECT_EQ(plain.time_s(), other.time_s());
  }
}

TEST(FirstPassageEngine, DesorbingAdatomsAreNotProtected) {
  ModelSpec m;
  m.nx = m.ny = 64;
  m.desorption = true;
  m.desorption_barrier_eV = 0.3;
  const KmcModel model = make_model(m);
  KmcEngine<SumTreeSelector> engine(model, 4);
  FirstPassageOptions fp;
  fp.enabled = true;
  engine.enable_first_passage(fp);
  engine.place_random_adatoms(0.001);
  RunLimits limits;
  limits.max_events = 20000;
  engine.run(limits, nullptr);
  EXPECT_TRUE(engine.first_passage_active());
  EXPECT_EQ(engine.first_passage_counters().domains, 0u);
}

// Exact restart with protected walkers: 2n events straight equal n events, checkpoint, read
// into an engine of another seed, n more events. Deposition and irreversible nucleation make
// every kind of interruption happen; a checkpoint with protected walkers is refused by an
// engine without the acceleration.
// Square and triangular nets (two and three walks per domain), and the square net with
// self-exchange (four walks).
TEST(FirstPassageEngine, RestartIsBitForBitWithProtectedWalkers) {
  for (const char *facet : {"bcc100", "fcc111", "bcc100 with self-exchange"}) {
    SCOPED_TRACE(facet);
    ModelSpec m;
    m.facet = std::string(facet).substr(0, 6);
    if (std::string(facet).find("self-exchange") != std::string::npos) m.self_exchange_barrier_eV = 0.09;
    m.nx = m.ny = 64;
    m.bond_eV = 5.0;
    m.flux_ml_per_s = free_hop_rate(m) / 1e6;
    const KmcModel model = make_model(m);
    FirstPassageOptions fp;
    fp.enabled = true;
    const std::uint64_t n = 3000;
    KmcEngine<SumTreeSelector> straight(model, 8);
    straight.enable_first_passage(fp);
    RunLimits all;
    all.max_events = 2 * n;
    straight.run(all, nullptr);
    KmcEngine<SumTreeSelector> first(model, 8);
    first.enable_first_passage(fp);
    RunLimits half;
    half.max_events = n;
    first.run(half, nullptr);
    ASSERT_GT(first.protected_walkers(), 0u) << "the test needs walkers inside domains at the checkpoint";
    std::stringstream checkpoint(std::ios::in | std::ios::out | std::ios::binary);
    first.write_checkpoint(checkpoint);
    const std::string bytes = checkpoint.str();
    KmcEngine<SumTreeSelector> resumed(model, 1234);
    resumed.enable_first_passage(fp);
    resumed.read_checkpoint(checkpoint);
    resumed.run(all, nullptr);
    expect_same_state(straight.state(), resumed.state());
    EXPECT_EQ(straight.time_s(), resumed.time_s());
    EXPECT_EQ(straight.protected_walkers(), resumed.protected_walkers());
    EXPECT_GT(straight.first_passage_counters().interruptions, 0u);
    EXPECT_EQ(straight.first_passage_counters().exits, resumed.first_passage_counters().exits);
    // Interruptions after the restart need the guard regions read back from the checkpoint.
    EXPECT_EQ(straight.first_passage_counters().interruptions, resumed.first_passage_counters().interruptions);
    // After synchronising, both still agree (same domain ids, same random stream).
    straight.synchronise_walkers();
    resumed.synchronise_walkers();
    expect_same_state(straight.state(), resumed.state());

    if (m.facet == "bcc100" && std::isnan(m.self_exchange_barrier_eV)) {
      // A checkpoint of the first version (48-byte domain records, marker FPKMC-1) is read too:
      // rewrite this one in that layout and continue from it.
      const std::size_t at = bytes.find("FPKMC-2");
      ASSERT_NE(at, std::string::npos);
      const std::size_t records = at + 8 + 8 + sizeof(FirstPassageCounters) + 8;
      std::uint64_t count = 0;
      std::memcpy(&count, bytes.data() + records - 8, sizeof count);
      std::string old_bytes = bytes.substr(0, at) + "FPKMC-1" + std::string(1, '\0') +
                              bytes.substr(at + 8, records - at - 8);
      for (std::uint64_t k = 0; k < count; ++k) old_bytes += bytes.substr(records + 64 * k, 48);
      old_bytes += bytes.substr(records + 64 * count);
      std::stringstream old_checkpoint(old_bytes, std::ios::in | std::ios::binary);
      KmcEngine<SumTreeSelector> from_old(model, 77);
      from_old.enable_first_passage(fp);
      from_old.read_checkpoint(old_checkpoint);
      from_old.run(all, nullptr);
      from_old.synchronise_walkers();
      expect_same_state(straight.state(), from_old.state());
    }

    KmcEngine<SumTreeSelector> plain(model, 1);
    std::stringstream again(bytes, std::ios::in | std::ios::binary);
    try {
      plain.read_checkpoint(again);
      FAIL() << "a plain engine read a checkpoint with protected walkers";
    } catch (const std::runtime_error &e) {
      EXPECT_NE(std::string(e.what()).find("first_passage = on"), std::string::npos) << e.what();
    }
  }
}

// ---- irreversible nucleation: accelerated against plain ----

namespace {

struct NucleationSample {
  std::vector<double> densities;       // islands per site, one per seed
  std::map<int, double> size_bins;     // island sizes (>= 2) pooled over seeds, log2 bins
};

// log2 bin of an island size: 2-3 -> 1, 4-7 -> 2, ..., capped so the last bin holds the tail.
int size_bin(std::uint64_t size) {
  int b = 0;
  while ((size >> (b + 1)) > 0) ++b;
  return std::min(b, 7);
}

NucleationSample nucleation(const char *facet, double d_over_f, bool first_passage, int seeds,
                            double self_exchange_eV = std::numeric_limits<double>::quiet_NaN()) {
  ModelSpec m;
  m.facet = facet;
  m.nx = m.ny = 256;
  m.self_exchange_barrier_eV = self_exchange_eV;
  m.base_barrier_eV = 0.3;
  m.bond_eV = 5.0;  // irreversible, critical size 1
  m.flux_ml_per_s = free_hop_rate(m) / d_over_f;
  const KmcModel model = make_model(m);
  NucleationSample out;
  for (int k = 0; k < seeds; ++k) {
    // Different seeds for the two engines: the samples are independent.
    KmcEngine<CompositionRejectionSelector> engine(model, (first_passage ? 5000 : 7000) + 17 * k);
    FirstPassageOptions fp;
    fp.enabled = first_passage;
    engine.enable_first_passage(fp);
    RunLimits limits;
    limits.max_deposited_ml = 0.1;
    engine.run(limits, nullptr);
    if (first_passage) {
      EXPECT_GT(engine.first_passage_counters().exits, 0u);
    }
    engine.synchronise_walkers();
    IslandFinder finder;
    const IslandStatistics islands = finder.analyse(model.net, engine.state());
    out.densities.push_back(static_cast<double>(islands.islands) / model.net.site_count());
    for (const auto &[size, count] : islands.size_histogram)
      if (size >= 2) out.size_bins[size_bin(size)] += static_cast<double>(count);
  }
  return out;
}

}  // namespace

// Island density and island-size distribution at theta = 0.1, D/F = 1e4 and 1e5 (256^2 sites,
// 10 seeds each), on the square net (two walks per domain) and the triangular fcc(111) net
// (three walks, hexagonal domains): the accelerated engine against the plain one.
//  - density: the two seed means agree within 4 combined standard errors (10 seeds each: the
//    difference over its estimated error is close to a t variable with ~18 dof, for which
//    |t| > 4 has probability ~1e-3);
//  - sizes: two-sample chi-square on log2 size bins, sum (K1 a - K2 b)^2 / (a + b) with
//    K1 = sqrt(B/A), K2 = sqrt(A/B) for totals A, B (Press et al., Numerical Recipes, 14.3),
//    bins with fewer than 20 islands merged into the neighbour below. Island sizes of one run
//    are not independent (their sum is fixed), which narrows the statistic's spread, so the
//    chi-square quantile P = 1e-4 is conservative.
TEST(FirstPassageEngine, IslandDensityAndSizesMatchThePlainEngine) {
  for (const char *facet : {"bcc100", "fcc111"})
  for (double d_over_f : {1e4, 1e5}) {
    const NucleationSample plain = nucleation(facet, d_over_f, false, 10);
    const NucleationSample fast = nucleation(facet, d_over_f, true, 10);
    const MeanError p = mean_error(plain.densities), f = mean_error(fast.densities);
    std::printf("%s D/F %g: density plain %.5g +- %.2g, first passage %.5g +- %.2g\n", facet, d_over_f, p.mean,
                p.error, f.mean, f.error);
    EXPECT_NEAR(f.mean, p.mean, 4.0 * std::hypot(p.error, f.error)) << facet << " D/F " << d_over_f;
    int dof = 0;
    const double chi2 = merged_two_sample_chi2(plain.size_bins, fast.size_bins, 20, dof);
    // Chi-square quantiles at P = 1e-4 for 1..7 dof.
    const double limit[] = {0, 15.14, 18.42, 21.11, 23.51, 25.74, 27.86, 29.88};
    ASSERT_GE(dof, 2) << "too few size bins to compare";
    EXPECT_LT(chi2, limit[std::min(dof, 7)]) << facet << " D/F " << d_over_f << " dof " << dof;
    std::printf("%s D/F %g: island-size chi2 %.2f with %d dof\n", facet, d_over_f, chi2, dof);
  }
}

// The same with self-exchange on the square net (diagonal moves at 2.2 times the hop rate:
// 0.28 eV against the 0.3 eV hop; a lateral bond freezes both), where each domain carries two
// diagonal walks, at D/F = 1e4 (hop rate over flux).
TEST(FirstPassageEngine, IslandDensityAndSizesWithSelfExchangeMatchThePlainEngine) {
  const double d_over_f = 1e4;
  const NucleationSample plain = nucleation("bcc100", d_over_f, false, 10, 0.28);
  const NucleationSample fast = nucleation("bcc100", d_over_f, true, 10, 0.28);
  const MeanError p = mean_error(plain.densities), f = mean_error(fast.densities);
  std::printf("self-exchange D/F %g: density plain %.5g +- %.2g, first passage %.5g +- %.2g\n", d_over_f, p.mean,
              p.error, f.mean, f.error);
  EXPECT_NEAR(f.mean, p.mean, 4.0 * std::hypot(p.error, f.error));
  int dof = 0;
  const double chi2 = merged_two_sample_chi2(plain.size_bins, fast.size_bins, 20, dof);
  const double limit[] = {0, 15.14, 18.42, 21.11, 23.51, 25.74, 27.86, 29.88};
  ASSERT_GE(dof, 2) << "too few size bins to compare";
  EXPECT_LT(chi2, limit[std::min(dof, 7)]) << "dof " << dof;
  std::printf("self-exchange D/F %g: island-size chi2 %.2f with %d dof\n", d_over_f, chi2, dof);
}
