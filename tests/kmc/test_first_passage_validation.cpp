// Long validation of the first-passage kMC (ctest label `validation`, excluded from the default
// suite): island density and island-size distribution of irreversible nucleation at D/F = 1e6
// against the plain engine with many seeds, where the plain engine is still affordable.
#include "kmc_test_models.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/island_finder.hpp"
#include "kmc/kmc_engine.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

using namespace anodekmc::kmc;
using namespace anodekmc::kmc::test;

namespace {

struct Sample {
  std::vector<double> densities;
  std::map<int, double> bins;  // log2 size bins of islands (size >= 2), pooled
};

Sample run_seeds(double d_over_f, bool fp, int side, int seeds) {
  ModelSpec m;
  m.nx = m.ny = side;
  m.base_barrier_eV = 0.3;
  m.bond_eV = 5.0;
  m.flux_ml_per_s = free_hop_rate(m) / d_over_f;
  const KmcModel model = make_model(m);
  Sample out;
  for (int k = 0; k < seeds; ++k) {
    KmcEngine<CompositionRejectionSelector> engine(model, (fp ? 91000 : 93000) + 31 * k);
    FirstPassageOptions options;
    options.enabled = fp;
    engine.enable_first_passage(options);
    RunLimits limits;
    limits.max_deposited_ml = 0.1;
    engine.run(limits, nullptr);
    engine.synchronise_walkers();
    IslandFinder finder;
    const IslandStatistics s = finder.analyse(model.net, engine.state());
    out.densities.push_back(static_cast<double>(s.islands) / model.net.site_count());
    for (const auto &[size, count] : s.size_histogram) {
      if (size < 2) continue;
      int b = 0;
      while ((size >> (b + 1)) > 0) ++b;
      out.bins[std::min(b, 8)] += static_cast<double>(count);
    }
  }
  return out;
}

}  // namespace

// D/F = 1e6, theta = 0.1, 256^2 sites, 40 seeds per engine. Density: 4 combined standard
// errors (t with ~78 dof: P(|t| > 4) ~ 1e-4). Sizes: two-sample chi-square on log2 bins
// (bins with fewer than 20 islands merged), P = 1e-4 quantile (see test_first_passage.cpp for
// why that is conservative).
TEST(FirstPassageValidation, NucleationAtDOverF1e6MatchesPlainEngine) {
  const Sample plain = run_seeds(1e6, false, 256, 40);
  const Sample fast = run_seeds(1e6, true, 256, 40);
  const MeanError p = mean_error(plain.densities), f = mean_error(fast.densities);
  std::printf("D/F 1e6: density plain %.6g +- %.2g, first passage %.6g +- %.2g (diff %.2f sigma)\n", p.mean, p.error,
              f.mean, f.error, (f.mean - p.mean) / std::hypot(p.error, f.error));
  EXPECT_NEAR(f.mean, p.mean, 4.0 * std::hypot(p.error, f.error));
  int dof = 0;
  const double chi2 = merged_two_sample_chi2(plain.bins, fast.bins, 20, dof);
  const double limit[] = {0, 15.14, 18.42, 21.11, 23.51, 25.74, 27.86, 29.88, 31.83};
  std::printf("island sizes: chi2 %.2f with %d dof\n", chi2, dof);
  ASSERT_GE(dof, 2);
  EXPECT_LT(chi2, limit[std::min(dof, 8)]);
}
