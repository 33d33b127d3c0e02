// SCIENCE.md section 8, cases 6-11, on the lattice model. Statistical tests use fixed seeds
// and a tolerance of a few standard errors of the mean over independent seeds (the estimator's
// own scatter), never a guessed tolerance.
#include "segregation/gibbs_adsorption.hpp"
#include "segregation/multilayer_mean_field.hpp"
#include "segregation/sgc_monte_carlo.hpp"
#include "segregation/slab_lattice.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace {

using namespace anodekmc::segregation;

constexpr double kB = kBoltzmann_eV_per_K;

double mclean(double x_b, double energy_eV, double T) {  // X/(1-X) = x_b/(1-x_b) exp(-dE/kT)
  const double r = x_b / (1 - x_b) * std::exp(-energy_eV / (kB * T));
  return r / (1 + r);
}

struct Stat {
  double mean = 0, se = 0;
};
Stat stat(const std::vector<double> &v) {
  Stat s;
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double var = 0;
  for (double x : v) var += (x - s.mean) * (x - s.mean);
  s.se = std::sqrt(var / (v.size() - 1) / v.size());
  return s;
}

// Mean composition per depth over `sweeps` sweeps after `equilibration`.
std::vector<double> depth_profile(SgcMonteCarlo &mc, long equilibration, long sweeps, Rng &rng) {
  const auto &lat = mc.lattice();
  mc.run_sweeps(equilibration, rng);
  std::vector<double> x(static_cast<std::size_t>(lat.depth_count()), 0.0), n(x.size(), 0.0);
  for (int l = 0; l < lat.layers(); ++l) n[static_cast<std::size_t>(lat.depth_of_layer(l))] += lat.sites_per_layer();
  for (long s = 0; s < sweeps; ++s) {
    mc.run_sweeps(1, rng);
    const auto counts = mc.dopants_per_layer();
    for (int l = 0; l < lat.layers(); ++l) x[static_cast<std::size_t>(lat.depth_of_layer(l))] += counts[static_cast<std::size_t>(l)];
  }
  for (std::size_t d = 0; d < x.size(); ++d) x[d] /= n[d] * sweeps;
  return x;
}

// Case 6: non-interacting sites follow McLean exactly at every x_b: MC within its statistical
// error, mean field to round-off.
TEST(SegregationExact, McLeanIsothermNonInteractingSites) {
  const double T = 500;
  LayerEnergies e;
  e.segregation_eV = {-0.15, -0.04};
  const SlabLattice slab("bcc110", 3.51, 8, 8, 8);
  const MultilayerMeanField mf(e, 12, slab.z_in_plane(), slab.z_between_planes(), true);
  for (double x_b : {0.002, 0.02, 0.2, 0.6}) {
    const double dmu = kB * T * std::log(x_b / (1 - x_b));  // bulk: x_b = 1/(1+exp(-dmu/kT))
    const MeanFieldResult r = mf.solve(T, dmu);
    ASSERT_EQ(r.solutions.size(), 1u);
    EXPECT_NEAR(r.equilibrium().x_bulk, x_b, 1e-12);
    EXPECT_NEAR(r.equilibrium().composition[0], mclean(x_b, -0.15, T), 1e-10);
    EXPECT_NEAR(r.equilibrium().composition[1], mclean(x_b, -0.04, T), 1e-10);
    EXPECT_NEAR(r.equilibrium().composition[5], x_b, 1e-10);
    std::vector<double> x0, x1, xb;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      SgcMonteCarlo mc(slab, e);
      mc.set_sgc(T, dmu);
      Rng rng(seed, 7);
      const auto x = depth_profile(mc, 200, 1000, rng);
      x0.push_back(x[0]), x1.push_back(x[1]), xb.push_back(0.5 * (x[2] + x[3]));
    }
    const Stat s0 = stat(x0), s1 = stat(x1), sb = stat(xb);
    EXPECT_NEAR(s0.mean, mclean(x_b, -0.15, T), 5 * s0.se) << "x_b " << x_b << " se " << s0.se;
    EXPECT_NEAR(s1.mean, mclean(x_b, -0.04, T), 5 * s1.se) << "x_b " << x_b << " se " << s1.se;
    EXPECT_NEAR(sb.mean, x_b, 5 * sb.se) << "x_b " << x_b;
    EXPECT_GT(s0.se, 0.0);
  }
}

// Case 7: sites with an energy spectrum (here the depths of a slab with four different
// energies): the mean composition equals the average of the Fermi (McLean) function over the
// sites.
TEST(SegregationExact, SpectralIsotherm) {
  const double T = 400, dmu = -0.12;
  LayerEnergies e;
  e.segregation_eV = {-0.3, -0.1, 0.05, 0.2};
  const SlabLattice slab("fcc111", 4.0, 6, 6, 10);
  double exact = 0;
  for (int l = 0; l < slab.layers(); ++l)
    exact += 1.0 / (1.0 + std::exp((e.segregation_at_depth_eV(slab.depth_of_layer(l)) - dmu) / (kB * T)));
  exact /= slab.layers();
  std::vector<double> means;
  for (std::uint64_t seed = 11; seed <= 20; ++seed) {
    SgcMonteCarlo mc(slab, e);
    mc.set_sgc(T, dmu);
    Rng rng(seed);
    mc.run_sweeps(100, rng);
    double sum = 0;
    for (int s = 0; s < 1500; ++s) {
      mc.run_sweeps(1, rng);
      sum += static_cast<double>(mc.dopant_count()) / slab.site_count();
    }
    means.push_back(sum / 1500);
  }
  const Stat s = stat(means);
  EXPECT_NEAR(s.mean, exact, 5 * s.se) << "se " << s.se;
}

// Binder cumulant U = 1 - <m^4> / (3 <m^2>^2) of the square-net lattice gas at the symmetric
// point dmu = z w / 2 (zero Ising field), m = 2 X - 1.
double binder(int size, double T, double w, std::uint64_t seed, long sweeps) {
  LayerEnergies e;
  e.pair_surface_eV = w;
  const SlabLattice net("sc100", 3.0, size, size, 1);
  SgcMonteCarlo mc(net, e);
  mc.set_sgc(T, 4 * w / 2);
  Rng rng(seed, static_cast<std::uint64_t>(size));
  mc.run_sweeps(5000, rng);
  double m2 = 0, m4 = 0;
  for (long s = 0; s < sweeps; ++s) {
    mc.run_sweeps(1, rng);
    const double m = 2.0 * mc.dopant_count() / net.site_count() - 1.0, q = m * m;
    m2 += q, m4 += q * q;
  }
  m2 /= sweeps, m4 /= sweeps;
  return 1.0 - m4 / (3 * m2 * m2);
}

// Case 8: the 2D nearest-neighbour lattice gas on the square net has k_B T_c = 2.269185 J with
// J = |w|/4. The Binder cumulants of L = 8 and L = 16 cross at T_c (up to small corrections to
// scaling); the test shows the crossing lies within +-2 % of the exact T_c: at 0.98 T_c the
// larger system has the larger U, at 1.02 T_c the smaller one, each by more than 3 standard
// errors of the difference (8 seeds per point; with 14 degrees of freedom P(t > 3) < 0.5 %).
TEST(SegregationExact, SquareNetCriticalTemperatureWithinTwoPercent) {
  const double w = -0.08;  // attraction, eV
  const double Tc = 2.269185 * std::abs(w) / 4 / kB;
  for (const double factor : {0.98, 1.02}) {
    std::vector<double> u8, u16;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      u8.push_back(binder(8, factor * Tc, w, seed, 50000));
      u16.push_back(binder(16, factor * Tc, w, seed + 100, 50000));
    }
    const Stat s8 = stat(u8), s16 = stat(u16);
    const double diff = s16.mean - s8.mean, se = std::hypot(s8.se, s16.se);
    if (factor < 1) {
      EXPECT_GT(diff, 3 * se) << "T = 0.98 Tc: U16 " << s16.mean << " U8 " << s8.mean << " se " << se;
    } else {
      EXPECT_LT(diff, -3 * se) << "T = 1.02 Tc: U16 " << s16.mean << " U8 " << s8.mean << " se " << se;
    }
  }
}

// Case 9: Fowler-Guggenheim monolayer mean field, z neighbours: k_B T_c = z |w| / 4 and below
// it the coverages obey m = tanh(m T_c / T) (m = 2 X - 1) at the symmetric point.
TEST(SegregationExact, FowlerGuggenheimMonolayerMeanField) {
  const double w = -0.06;
  for (int z : {4, 6}) {
    LayerEnergies e;
    e.pair_surface_eV = w;
    const MultilayerMeanField mf(e, 1, z, 0, false);
    const double Tc = z * std::abs(w) / 4 / kB, dmu = z * w / 2;
    for (double ratio : {0.5, 0.8, 0.95}) {
      const MeanFieldResult r = mf.solve(ratio * Tc, dmu);
      ASSERT_EQ(r.solutions.size(), 2u) << "z " << z << " T/Tc " << ratio;
      double m = 1;  // the positive root of m = tanh(m Tc/T), by iteration
      for (int k = 0; k < 100000; ++k) m = std::tanh(m / ratio);
      for (const auto &s : r.solutions) EXPECT_NEAR(std::abs(2 * s.composition[0] - 1), m, 1e-8);
      EXPECT_NEAR(r.solutions[0].grand_potential_eV, r.solutions[1].grand_potential_eV, 1e-12);  // symmetric
    }
    EXPECT_EQ(mf.solve(1.001 * Tc, dmu).solutions.size(), 1u);
    EXPECT_EQ(mf.solve(0.999 * Tc, dmu).solutions.size(), 2u);
    EXPECT_NEAR(mf.solve(1.001 * Tc, dmu).equilibrium().composition[0], 0.5, 1e-6);
  }
}

// Case 10: bulk regular solution, omega = -w/2: k_B T_c = z omega / 2.
TEST(SegregationExact, BulkRegularSolutionCriticalTemperature) {
  for (const auto &[z, w] : {std::pair<int, double>{8, -0.05}, {12, -0.03}}) {
    const double omega = -w / 2, Tc = z * omega / 2 / kB, dmu = z * w / 2;
    EXPECT_EQ(MultilayerMeanField::bulk_solutions(0.995 * Tc, dmu, z, w).size(), 2u);
    EXPECT_EQ(MultilayerMeanField::bulk_solutions(1.005 * Tc, dmu, z, w).size(), 1u);
    const auto two = MultilayerMeanField::bulk_solutions(0.9 * Tc, dmu, z, w);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_NEAR(two[0].first + two[1].first, 1.0, 1e-9);  // symmetric miscibility gap
  }
}

// Case 11: Gibbs adsorption. Mean field (one stable branch): the surface grand potential
// difference equals -integral of Gamma d(dmu) to the trapezoid error (which shrinks as h^2).
TEST(SegregationExact, GibbsAdsorptionMeanFieldGrandPotential) {
  LayerEnergies e;
  e.segregation_eV = {-0.25, -0.08, -0.02};
  e.pair_surface_eV = -0.02;
  e.pair_bulk_eV = -0.01;
  const MultilayerMeanField mf(e, 15, 4, 2, true);
  const double T = 900;
  double previous_error = 0;
  for (int points : {41, 161}) {
    std::vector<double> mu, gamma;
    for (int k = 0; k < points; ++k) {
      mu.push_back(-0.6 + 0.4 * k / (points - 1));
      gamma.push_back(mf.solve(T, mu.back()).equilibrium().excess_per_site);
    }
    const auto integrated = integrate_gibbs(mu, gamma);
    const double exact = mf.solve(T, mu.back()).equilibrium().grand_potential_eV - mf.solve(T, mu.front()).equilibrium().grand_potential_eV;
    const double error = std::abs(integrated.back() - exact);
    EXPECT_LT(error, 1e-3 * std::abs(exact));
    if (points == 161) {
      EXPECT_LT(error, previous_error / 8);  // h^2: 16x smaller ideally
    }
    previous_error = error;
  }
}

// Case 11 on the MC: gamma from thermodynamic integration of the measured Gamma equals the
// exact surface grand potential difference (non-interacting sites: mean field is exact) within
// the propagated statistical error plus the trapezoid error of the same grid.
TEST(SegregationExact, GibbsAdsorptionMonteCarloIntegration) {
  LayerEnergies e;
  e.segregation_eV = {-0.2, -0.05};
  const double T = 600;
  const SlabLattice slab("bcc100", 3.51, 6, 6, 8);
  const MultilayerMeanField mf(e, 10, slab.z_in_plane(), slab.z_between_planes(), true);
  std::vector<double> mu;
  for (int k = 0; k < 9; ++k) mu.push_back(-0.5 + 0.05 * k);
  std::vector<double> exact_gamma;
  for (double m : mu) exact_gamma.push_back(mf.solve(T, m).equilibrium().excess_per_site);
  const double exact = mf.solve(T, mu.back()).equilibrium().grand_potential_eV - mf.solve(T, mu.front()).equilibrium().grand_potential_eV;
  const double trapezoid_error = std::abs(integrate_gibbs(mu, exact_gamma).back() - exact);
  std::vector<double> results;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SgcMonteCarlo mc(slab, e);
    Rng rng(seed, 3);
    std::vector<double> gamma;
    for (double m : mu) {
      mc.set_sgc(T, m);
      const auto x = depth_profile(mc, 100, 800, rng);
      const double xb = 0.5 * (x[2] + x[3]);
      gamma.push_back(x[0] + x[1] - 2 * xb);  // per face: depths 0 and 1 (each one plane per face)
    }
    results.push_back(integrate_gibbs(mu, gamma).back());
  }
  const Stat s = stat(results);
  EXPECT_NEAR(s.mean, exact, 5 * s.se + trapezoid_error) << "se " << s.se << " trapezoid " << trapezoid_error;
}

// VC-SGC (Sadigh et al. 2012): for non-interacting sites with no segregation energy the free
// energy slope is dmu(c) = kT ln(c / (1 - c)); the VC estimator -(phi + kappa <c>) reproduces it
// at a composition pinned by kappa.
TEST(SegregationExact, VarianceConstrainedEstimatorGivesTheChemicalPotential) {
  const double T = 500, kappa = 5.0, phi = -2.0;
  const SlabLattice slab("bcc100", 3.51, 10, 10, 4);  // N = 400: the O(1/N) bias of the estimator is ~1e-5 eV
  LayerEnergies e;
  std::vector<double> estimates;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SgcMonteCarlo mc(slab, e);
    mc.set_variance_constrained(T, phi, kappa);
    Rng rng(seed, 9);
    mc.run_sweeps(200, rng);
    double c = 0;
    for (int s = 0; s < 2000; ++s) {
      mc.run_sweeps(1, rng);
      c += static_cast<double>(mc.dopant_count()) / slab.site_count();
    }
    c /= 2000;
    estimates.push_back(-(phi + kappa * c) - kB * T * std::log(c / (1 - c)));
  }
  const Stat s = stat(estimates);
  EXPECT_NEAR(s.mean, 0.0, 5 * s.se) << "se " << s.se;
}

}  // namespace

// The reservoir held at a stated composition (the dopant screening's use). Without pair terms
// the profile is McLean's per layer, exactly; with attractive bulk pairs that make the stated
// x_b supersaturated (the lowest-Omega bulk is M-rich), the profile still decays to the held x_b
// deep below the surface, while solve() would use the M-rich bulk.
TEST(SegregationExact, HeldReservoirGivesMcLeanWithoutPairsAndAMetastableDiluteProfileWithThem) {
  const double T = 300.0, kT = kBoltzmann_eV_per_K * T, x_b = 0.002;
  LayerEnergies e;
  e.segregation_eV = {-0.20, -0.05, 0.03};
  const int planes = 12, z_in = 0, z_between = 4;  // bcc(100)
  std::vector<double> mclean(planes);
  for (int l = 0; l < planes; ++l) {
    const double b = std::exp(-e.segregation_at_depth_eV(l) / kT);
    mclean[static_cast<std::size_t>(l)] = x_b * b / (1.0 - x_b + x_b * b);
  }
  const MultilayerMeanField free_sites(e, planes, z_in, z_between, true);
  const double dmu0 = kT * std::log(x_b / (1.0 - x_b));
  bool converged = false;
  const MeanFieldSolution s = free_sites.solve_with_reservoir(T, dmu0, x_b, std::vector<double>(planes, x_b), &converged);
  ASSERT_TRUE(converged);
  for (int l = 0; l < planes; ++l) EXPECT_NEAR(s.composition[static_cast<std::size_t>(l)], mclean[static_cast<std::size_t>(l)], 1e-10);

  // Attraction w = -0.03 eV: bulk critical T = z|w|/4k_B = 696 K; at 300 K the two bulk phases
  // coexist at dmu = z w / 2 = -0.12 eV, where the dilute one holds about 0.01, and the dilute
  // spinodal is near x = 0.12. At x_b = 0.02 the dilute reservoir is supersaturated but
  // metastable.
  // (A much stronger attraction, or a strongly enriched surface, grows the M-rich phase from the
  // surface through every explicit plane: the screening then falls back to McLean.)
  const double x_s = 0.02;
  e.segregation_eV = {-0.03, -0.01, 0.0};
  for (int l = 0; l < planes; ++l) {
    const double b = std::exp(-e.segregation_at_depth_eV(l) / kT);
    mclean[static_cast<std::size_t>(l)] = x_s * b / (1.0 - x_s + x_s * b);
  }
  e.pair_bulk_eV = e.pair_surface_eV = -0.03;
  const MultilayerMeanField attractive(e, planes, z_in, z_between, true);
  const double dmu = kT * std::log(x_s / (1.0 - x_s)) + 2 * z_between * e.pair_bulk_eV * x_s;
  EXPECT_GT(attractive.bulk_composition(T, dmu), 0.9) << "the stated x_b is beyond the model's solubility limit";
  const MeanFieldSolution held = attractive.solve_with_reservoir(T, dmu, x_s, mclean, &converged);
  ASSERT_TRUE(converged);
  EXPECT_NEAR(held.composition.back(), x_s, 1e-3 * x_s);
  // The held profile solves the mean-field equations: the surface plane (no plane above, z_in = 0
  // on bcc(100)) feels the attraction of the plane below only, X_0 = 1/(1 + e^((dE_0 - dmu + z_b w X_1)/kT)).
  const double field0 = e.segregation_eV[0] - dmu + z_between * e.pair_bulk_eV * held.composition[1];
  EXPECT_NEAR(held.composition.front(), 1.0 / (1.0 + std::exp(field0 / kT)), 1e-9);
  EXPECT_LT(held.composition.front(), mclean.front())
      << "the surface site misses half the bulk's attraction that dmu includes: less enriched than McLean";
  EXPECT_THROW(attractive.solve_with_reservoir(T, dmu, 1.5, mclean), std::invalid_argument);
}
