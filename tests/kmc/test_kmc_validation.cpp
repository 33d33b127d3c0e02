// The kMC engine against the exact results of SCIENCE.md section 8 (cases 1, 2, 3, 4, 12).
// Tolerances are multiples of the estimators' standard errors computed from the samples
// themselves; seeds are fixed, so the tests are deterministic. Every statistical test runs with
// both selectors (sum tree and composition-rejection): they must give the same statistics.
#include "kmc_test_models.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

using namespace anodekmc::kmc;
using namespace anodekmc::kmc::test;

namespace {

constexpr double kSigmas = 4.0;  // tolerance in standard errors

// Records the unwrapped displacement of every atom (and their sum) at each sample; increments
// over disjoint windows of a Markov walk are independent samples.
class DisplacementRecorder : public KmcObserver {
 public:
  void sample(double time_s, const SurfaceState &s, const EventCounters &) override {
    std::vector<double> x(s.atom_count()), y(s.atom_count());
    for (std::size_t a = 0; a < s.atom_count(); ++a) {
      x[a] = s.atoms[a].dx_A;
      y[a] = s.atoms[a].dy_A;
    }
    times.push_back(time_s);
    xs.push_back(std::move(x));
    ys.push_back(std::move(y));
  }
  /// |dr|^2 of one atom over each window between consecutive samples.
  std::vector<double> window_r2(std::size_t atom) const {
    std::vector<double> r2;
    for (std::size_t k = 1; k < times.size(); ++k) {
      const double dx = xs[k][atom] - xs[k - 1][atom], dy = ys[k][atom] - ys[k - 1][atom];
      r2.push_back(dx * dx + dy * dy);
    }
    return r2;
  }
  std::vector<double> times;
  std::vector<std::vector<double>> xs, ys;
};

// Runs `engine` for `windows` sampling windows of `window_s` and records the displacements at
// every window boundary.
template <class Engine>
DisplacementRecorder record_windows(Engine &engine, double window_s, int windows) {
  DisplacementRecorder rec;
  RunLimits limits;
  limits.sample_interval_s = window_s;
  limits.max_time_s = (windows + 0.5) * window_s;
  engine.run(limits, &rec);
  return rec;
}

template <class Selector>
class KmcValidation : public ::testing::Test {};
using Selectors = ::testing::Types<SumTreeSelector, CompositionRejectionSelector>;
TYPED_TEST_SUITE(KmcValidation, Selectors);

// Case 1: one continuous-time random walker, rate nu per neighbour: <r^2> = 4 D t with
// D = z nu lambda^2 / 4 (square: nu a^2; triangular: 1.5 nu a^2; bcc(110): 4 hops of
// sqrt(3)/2 a: 0.75 nu a^2).
TYPED_TEST(KmcValidation, SingleWalkerTracerDiffusivityOnEveryNet) {
  struct NetCase {
    const char *facet;
    double a, d_over_nu_a2, spacing2_over_a2;
  };
  const NetCase cases[] = {{"bcc100", 3.51, 1.0, 1.0}, {"fcc100", 4.05, 1.0, 0.5},
                           {"fcc111", 4.05, 1.5, 0.5}, {"bcc110", 3.51, 0.75, 1.0}};
  for (const auto &c : cases) {
    ModelSpec m;
    m.facet = c.facet;
    m.a_A = c.a;
    m.nx = m.ny = 16;
    const KmcModel model = make_model(m);
    KmcEngine<TypeParam> engine(model, 20261122);
    engine.place_random_adatoms(1.0 / model.net.site_count());
    const double nu = free_hop_rate(m);
    const double d_exact_A2_per_s = c.d_over_nu_a2 * nu * c.a * c.a * c.spacing2_over_a2;
    const double window_s = 40.0 / (model.net.hop_count() * nu);  // about 40 hops per window
    const int windows = 4000;
    const DisplacementRecorder rec = record_windows(engine, window_s, windows);
    const std::vector<double> r2 = rec.window_r2(0);
    ASSERT_GE(r2.size(), static_cast<std::size_t>(windows - 1));
    const MeanError me = mean_error(r2);
    const double expected = 4.0 * d_exact_A2_per_s * window_s;
    EXPECT_NEAR(me.mean, expected, kSigmas * me.error)
        << c.facet << ": D = " << me.mean / (4 * window_s) << " A^2/s, exact " << d_exact_A2_per_s;
  }
}

// Self-exchange on the square nets (rate_table.hpp, ExchangeModel): a lone walker hops at nu_h
// to each of its 4 neighbours (spacing l) and exchanges at nu_x along each of the 4 diagonals
// (spacing sqrt 2 l): D = (4 nu_h l^2 + 4 nu_x 2 l^2) / 4 = (nu_h + 2 nu_x) l^2.
TYPED_TEST(KmcValidation, SelfExchangeAddsTheDiagonalJumpsToTheTracerDiffusivity) {
  struct NetCase {
    const char *facet;
    double a, spacing2_over_a2;
  };
  for (const NetCase &c : {NetCase{"bcc100", 3.51, 1.0}, NetCase{"fcc100", 4.05, 0.5}}) {
    ModelSpec m;
    m.facet = c.facet;
    m.a_A = c.a;
    m.nx = m.ny = 16;
    m.base_barrier_eV = 0.10;
    m.self_exchange_barrier_eV = 0.08;  // faster than the hop, as on Li(100)
    const KmcModel model = make_model(m);
    KmcEngine<TypeParam> engine(model, 20261203);
    engine.place_random_adatoms(1.0 / model.net.site_count());
    const double kT = 8.617333262e-5 * m.temperature_K;
    const double nu_h = m.prefactor_per_s * std::exp(-m.base_barrier_eV / kT);
    const double nu_x = m.prefactor_per_s * std::exp(-m.self_exchange_barrier_eV / kT);
    const double d_exact_A2_per_s = (nu_h + 2.0 * nu_x) * c.a * c.a * c.spacing2_over_a2;
    const double window_s = 40.0 / (4.0 * (nu_h + nu_x));  // about 40 moves per window
    const int windows = 4000;
    const DisplacementRecorder rec = record_windows(engine, window_s, windows);
    const MeanError me = mean_error(rec.window_r2(0));
    EXPECT_NEAR(me.mean, 4.0 * d_exact_A2_per_s * window_s, kSigmas * me.error)
        << c.facet << ": D = " << me.mean / (4 * window_s) << " A^2/s, exact " << d_exact_A2_per_s;
    EXPECT_GT(engine.counters().exchanges, 0u);
  }
  // The event is the square net's diagonal move: other nets refuse it.
  ModelSpec tri;
  tri.facet = "fcc111";
  tri.a_A = 4.05;
  tri.nx = tri.ny = 16;
  tri.self_exchange_barrier_eV = 0.08;
  EXPECT_THROW(KmcEngine<TypeParam>(make_model(tri), 1), std::invalid_argument);
}

// Case 4: one barrier at several temperatures: ln D is linear in 1/T with slope -E_a / k_B.
TYPED_TEST(KmcValidation, ArrheniusSlopeGivesTheBarrier) {
  const double barrier_eV = 0.12;
  std::vector<double> inv_T, lnD, w;
  for (double T : {200.0, 260.0, 330.0, 420.0}) {
    ModelSpec m;
    m.nx = m.ny = 16;
    m.temperature_K = T;
    m.base_barrier_eV = barrier_eV;
    const KmcModel model = make_model(m);
    KmcEngine<TypeParam> engine(model, 7 + static_cast<std::uint64_t>(T));
    engine.place_random_adatoms(1.0 / model.net.site_count());
    const double nu = free_hop_rate(m);
    const double window_s = 40.0 / (4 * nu);
    const DisplacementRecorder rec = record_windows(engine, window_s, 3000);
    std::vector<double> d = rec.window_r2(0);
    for (double &x : d) x /= 4 * window_s;
    const MeanError me = mean_error(d);
    inv_T.push_back(1.0 / T);
    lnD.push_back(std::log(me.mean));
    const double sigma_ln = me.error / me.mean;
    w.push_back(1.0 / (sigma_ln * sigma_ln));
  }
  // Weighted least squares for ln D = c + s / T.
  const LineFit fit = weighted_line_fit(inv_T, lnD, w);
  const double slope = fit.slope, slope_error = fit.slope_error;
  const double fitted_eV = -slope * kBoltzmann_eV_per_K;
  EXPECT_NEAR(fitted_eV, barrier_eV, kSigmas * slope_error * kBoltzmann_eV_per_K)
      << "fitted E_a = " << fitted_eV << " +- " << slope_error * kBoltzmann_eV_per_K << " eV";
}

// Case 2: site-exclusion lattice gas without interactions: the collective (Fickian) diffusivity
// equals the single-walker D_0 = nu a^2 at any coverage. The kMC measures the centre-of-mass
// (jump) diffusivity D_J = <|sum dr|^2> / (4 N t); D_c = D_J * Phi with the exact thermodynamic
// factor of this lattice gas, Phi = 1 / (1 - theta) (Langmuir), so D_J must equal D_0 (1 - theta).
TYPED_TEST(KmcValidation, LatticeGasCollectiveDiffusivityEqualsSingleWalker) {
  ModelSpec m;
  m.nx = m.ny = 20;
  m.max_height = 1;
  const KmcModel model = make_model(m);
  KmcEngine<TypeParam> engine(model, 4242);
  engine.place_random_adatoms(0.3);
  const double nu = free_hop_rate(m);
  const double window_s = 3.0 / (4 * nu);
  const DisplacementRecorder rec = record_windows(engine, window_s, 3000);
  const std::size_t atoms = engine.state().atom_count();
  ASSERT_EQ(atoms, 120u);
  std::vector<double> d;
  for (std::size_t k = 1; k < rec.times.size(); ++k) {
    double sx = 0, sy = 0;
    for (std::size_t a = 0; a < atoms; ++a) {
      sx += rec.xs[k][a] - rec.xs[k - 1][a];
      sy += rec.ys[k][a] - rec.ys[k - 1][a];
    }
    d.push_back((sx * sx + sy * sy) / (4.0 * atoms * window_s));
  }
  const MeanError me = mean_error(d);
  const double theta = static_cast<double>(atoms) / model.net.site_count();
  const double d0 = nu * m.a_A * m.a_A;
  EXPECT_NEAR(me.mean / (1.0 - theta), d0, kSigmas * me.error / (1.0 - theta))
      << "D_c = D_J / (1 - theta) = " << me.mean / (1.0 - theta) << ", exact " << d0;
}

// Case 3: adsorption/desorption only (site exclusion, no hops): theta(t) = theta_eq (1 -
// exp(-(k_a + k_d) t)) from an empty surface; sites are independent, so at every time the
// occupied count is binomial. At equilibrium its variance is N theta_eq (1 - theta_eq).
TYPED_TEST(KmcValidation, AdsorptionDesorptionRelaxationAndVariance) {
  ModelSpec m;
  m.nx = m.ny = 100;
  m.max_height = 1;
  m.base_barrier_eV = 50.0;  // no hops: exp(-50 eV / kT) underflows to 0
  m.flux_ml_per_s = 2000.0;  // k_a per empty site
  m.desorption = true;
  m.desorption_barrier_eV = 0.6;
  const double ka = m.flux_ml_per_s;
  const double kd = m.prefactor_per_s * std::exp(-m.desorption_barrier_eV / (kBoltzmann_eV_per_K * m.temperature_K));
  const double theta_eq = ka / (ka + kd);
  {
    const KmcModel model = make_model(m);
    KmcEngine<TypeParam> engine(model, 99);
    struct Coverage : KmcObserver {
      std::vector<double> t, theta;
      void sample(double time_s, const SurfaceState &s, const EventCounters &) override {
        double occupied = 0;
        for (auto h : s.height) occupied += h;
        t.push_back(time_s);
        theta.push_back(occupied / s.height.size());
      }
    } cov;
    RunLimits limits;
    limits.sample_interval_s = 0.1 / (ka + kd);
    limits.max_time_s = 4.0 / (ka + kd);
    engine.run(limits, &cov);
    ASSERT_GE(cov.t.size(), 40u);
    const double n = model.net.site_count();
    for (std::size_t i = 0; i < cov.t.size(); ++i) {
      const double p = theta_eq * (1.0 - std::exp(-(ka + kd) * cov.t[i]));
      const double sigma = std::sqrt(std::max(p * (1 - p), 1e-12) / n);
      EXPECT_NEAR(cov.theta[i], p, 4.5 * sigma + 1e-12) << "t = " << cov.t[i];
    }
  }
  {
    ModelSpec small = m;
    small.nx = small.ny = 20;
    const KmcModel model = make_model(small);
    KmcEngine<TypeParam> engine(model, 100);
    engine.place_random_adatoms(std::round(theta_eq * 400) / 400);  // start near equilibrium
    struct Count : KmcObserver {
      std::vector<double> n;
      void sample(double, const SurfaceState &s, const EventCounters &) override {
        double occupied = 0;
        for (auto h : s.height) occupied += h;
        n.push_back(occupied);
      }
    } count;
    RunLimits limits;
    limits.sample_interval_s = 3.0 / (ka + kd);  // correlation time 1/(ka+kd): samples ~independent
    limits.max_time_s = 4000.5 * limits.sample_interval_s;
    engine.run(limits, &count);
    const std::vector<double> x(count.n.begin() + 10, count.n.end());
    const MeanError me = mean_error(x);
    double var = 0;
    for (double v : x) var += (v - me.mean) * (v - me.mean);
    var /= (x.size() - 1);
    const double expected_var = 400 * theta_eq * (1 - theta_eq);
    const double var_error = expected_var * std::sqrt(2.0 / (x.size() - 1));
    EXPECT_NEAR(me.mean, 400 * theta_eq, kSigmas * me.error);
    EXPECT_NEAR(var, expected_var, kSigmas * var_error) << "variance of the occupied count";
  }
}

// Case 12: hops that obey detailed balance (bond counting: the barrier grows with the bonds
// at the initial site) reach the equilibrium of the lattice-gas Hamiltonian
// H = -eps * (nearest-neighbour pairs). The mean number of bonds per atom from the kMC time
// series must equal that of an independent Metropolis Monte Carlo (Kawasaki exchange moves
// between any atom and any empty site) of the same Hamiltonian at the same coverage.
TYPED_TEST(KmcValidation, DetailedBalanceMatchesMetropolisEquilibrium) {
  ModelSpec m;
  m.nx = m.ny = 16;
  m.max_height = 1;
  m.bond_eV = 0.03;
  const double kT = kBoltzmann_eV_per_K * m.temperature_K;
  const KmcModel model = make_model(m);
  const auto &net = model.net;
  auto bonds_per_atom = [&net](const auto &h) {
    double bonds = 0, atoms = 0;
    for (std::uint32_t s = 0; s < net.site_count(); ++s) {
      if (!h[s]) continue;
      atoms += 1;
      for (int k = 0; k < net.lateral_count(); ++k) bonds += h[net.lateral(s, k)];
    }
    return bonds / atoms;  // each bond counted from both ends: 2 x pairs / atoms
  };
  auto batch_means = [](const std::vector<double> &x, int batches) {
    std::vector<double> b(batches, 0.0);
    const std::size_t per = x.size() / batches;
    for (int i = 0; i < batches; ++i) {
      for (std::size_t k = 0; k < per; ++k) b[i] += x[i * per + k];
      b[i] /= per;
    }
    return mean_error(b);
  };

  // kMC: hops only, and hops plus self-exchange (diagonal moves with the same initial-state
  // barrier form, which must leave the equilibrium unchanged).
  auto kmc_bonds = [&](const KmcModel &kmc_model, std::size_t &atoms, std::uint64_t &exchanges) {
    KmcEngine<TypeParam> engine(kmc_model, 12);
    engine.place_random_adatoms(0.3);
    struct Bonds : KmcObserver {
      std::function<double(const SiteVector<Height> &)> f;
      std::vector<double> v;
      void sample(double, const SurfaceState &s, const EventCounters &) override { v.push_back(f(s.height)); }
    } obs;
    obs.f = bonds_per_atom;
    const double nu = free_hop_rate(m);
    RunLimits limits;
    limits.sample_interval_s = 2.0 / nu;  // correlated samples: batch means give the error
    limits.max_time_s = 20000.5 * limits.sample_interval_s;
    engine.run(limits, &obs);
    atoms = engine.state().atom_count();
    exchanges = engine.counters().exchanges;
    return batch_means(std::vector<double>(obs.v.begin() + 1000, obs.v.end()), 20);
  };
  std::size_t n_atoms = 0, n_atoms_x = 0;
  std::uint64_t exchanges = 0, exchanges_x = 0;
  const MeanError k = kmc_bonds(model, n_atoms, exchanges);
  ModelSpec mx = m;
  mx.self_exchange_barrier_eV = 0.09;
  const MeanError kx = kmc_bonds(make_model(mx), n_atoms_x, exchanges_x);
  EXPECT_EQ(exchanges, 0u);
  EXPECT_GT(exchanges_x, 0u);
  ASSERT_EQ(n_atoms, n_atoms_x);

  // Metropolis, independent code path.
  Rng rng(777);
  std::vector<std::int32_t> h(net.site_count(), 0);
  std::vector<std::uint32_t> occupied, empty;
  // the same number of atoms as the kMC (n_atoms)
  for (std::uint32_t s = 0; s < net.site_count(); ++s) (s % 3 == 0 && occupied.size() < n_atoms ? occupied : empty).push_back(s);
  for (auto s : occupied) h[s] = 1;
  auto local_bonds = [&](std::uint32_t s, std::uint32_t ignore) {
    int b = 0;
    for (int q = 0; q < net.lateral_count(); ++q) {
      const auto u = net.lateral(s, q);
      b += (u != ignore) && h[u];
    }
    return b;
  };
  std::vector<double> mc;
  const int sweeps = 40000;
  for (int sweep = 0; sweep < sweeps; ++sweep) {
    for (std::size_t move = 0; move < occupied.size(); ++move) {
      const auto i = uniform_below(rng, occupied.size()), j = uniform_below(rng, empty.size());
      const std::uint32_t from = occupied[i], to = empty[j];
      const double dE = m.bond_eV * (local_bonds(from, to) - local_bonds(to, from));
      if (dE <= 0 || uniform01(rng) < std::exp(-dE / kT)) {
        h[from] = 0;
        h[to] = 1;
        occupied[i] = to;
        empty[j] = from;
      }
    }
    if (sweep >= 2000 && sweep % 2 == 0) mc.push_back(bonds_per_atom(h));
  }
  const MeanError q = batch_means(mc, 20);
  EXPECT_NEAR(k.mean, q.mean, kSigmas * std::sqrt(k.error * k.error + q.error * q.error))
      << "bonds per atom: kMC " << k.mean << " +- " << k.error << ", Metropolis " << q.mean << " +- " << q.error;
  EXPECT_NEAR(kx.mean, q.mean, kSigmas * std::sqrt(kx.error * kx.error + q.error * q.error))
      << "bonds per atom: kMC with self-exchange " << kx.mean << " +- " << kx.error << ", Metropolis " << q.mean
      << " +- " << q.error;
  // The interaction matters at this temperature (else the test would prove little): random
  // placement gives 4 * 0.3 = 1.2 bonds per atom.
  EXPECT_GT(q.mean, 1.3);
}

}  // namespace
