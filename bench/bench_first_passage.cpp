// First-passage kMC figures (issue 5), one core. Irreversible nucleation (critical size 1:
// a lateral bond of 5 eV freezes any atom with a neighbour) on a square net (bcc(100)) to
// theta = 0.1 ML, D = hop rate per direction, F = deposition flux (ML/s).
//
//   scan  [side] [seeds] [log10 D/F from] [to]    island density vs D/F with first passage
//   single side log10_D_over_F fp(0|1) [seed] [L] [facet]
//                                                 one run: density, wall time, counters
//                                                 (L: largest domain half-width, default 128;
//                                                 facet: bcc100 (default) or fcc111, hcp0001,
//                                                 bcc110)
//
// Prints one row per run: side, sites, D/F, first_passage, seed, islands, density, wall_s,
// events, exits, interruptions, equivalent_hops; scan also prints the mean density per D/F
// and the fitted exponent (least squares of ln N on ln D/F, weighted by the seeds' spread).
// Usage: build/bench/bench_first_passage scan 1000 2 4 10
#include "kmc/composition_rejection_selector.hpp"
#include "kmc/island_finder.hpp"
#include "kmc/kmc_engine.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace anodekmc;
using namespace anodekmc::kmc;

namespace {

KmcModel nucleation_model(int side, double d_over_f, const std::string &facet) {
  auto net = lattice::SurfaceNet::for_facet(facet, 3.51, side, side);
  const EnvironmentIndex index(net.lateral_count(), 1);
  BondCountingModel bc;
  bc.enabled = true;
  bc.base_barrier_eV = {0.3};
  bc.bond_eV = 5.0;
  RateTable rates(index, nullptr, bc, DesorptionModel{}, 300.0, 1e13);
  const double hop_rate = 1e13 * std::exp(-0.3 / (kBoltzmann_eV_per_K * 300.0));
  return KmcModel{net, {"Li"}, std::vector<std::uint8_t>(net.site_count(), 0), rates, hop_rate / d_over_f, 0};
}

struct RunResult {
  double density = 0, wall_s = 0;
};

RunResult run_one(int side, double d_over_f, bool fp, std::uint64_t seed, int max_half_width = 128,
                  const std::string &facet = "bcc100") {
  const KmcModel model = nucleation_model(side, d_over_f, facet);
  const auto start = std::chrono::steady_clock::now();
  KmcEngine<CompositionRejectionSelector> engine(model, seed);
  FirstPassageOptions options;
  options.enabled = fp;
  options.max_half_width = max_half_width;
  engine.enable_first_passage(options);
  RunLimits limits;
  limits.max_deposited_ml = 0.1;
  engine.run(limits, nullptr);
  engine.synchronise_walkers();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  IslandFinder finder;
  const IslandStatistics islands = finder.analyse(model.net, engine.state());
  RunResult r;
  r.density = static_cast<double>(islands.islands) / model.net.site_count();
  r.wall_s = wall_s;
  const auto &c = engine.first_passage_counters();
  std::printf("%6d %10u %9.3g %3d %6llu %9llu %12.5e %10.2f %12llu %12llu %10llu %12.4g\n", side,
              model.net.site_count(), d_over_f, fp ? 1 : 0, static_cast<unsigned long long>(seed),
              static_cast<unsigned long long>(islands.islands), r.density, wall_s,
              static_cast<unsigned long long>(engine.counters().events), static_cast<unsigned long long>(c.exits),
              static_cast<unsigned long long>(c.interruptions), c.equivalent_hops);
  std::fflush(stdout);
  return r;
}

void header() {
  std::printf("%6s %10s %9s %3s %6s %9s %12s %10s %12s %12s %10s %12s\n", "side", "sites", "D/F", "fp", "seed",
              "islands", "density", "wall_s", "events", "exits", "interrupt", "equiv_hops");
}

}  // namespace

int main(int argc, char **argv) {
  const std::string mode = argc > 1 ? argv[1] : "scan";
  if (mode == "single") {
    if (argc < 5) {
      std::fprintf(stderr,
                   "usage: bench_first_passage single side log10_D_over_F fp(0|1) [seed] [max_half_width] [facet]\n");
      return 2;
    }
    header();
    run_one(std::atoi(argv[2]), std::pow(10.0, std::atof(argv[3])), std::atoi(argv[4]) != 0,
            argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 1, argc > 6 ? std::atoi(argv[6]) : 128,
            argc > 7 ? argv[7] : "bcc100");
    return 0;
  }
  const int side = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 2;
  const int from = argc > 4 ? std::atoi(argv[4]) : 4;
  const int to = argc > 5 ? std::atoi(argv[5]) : 10;
  header();
  std::vector<double> x, y, w;
  std::vector<std::string> summary;
  for (int e = from; e <= to; ++e) {
    const double d_over_f = std::pow(10.0, e);
    double s = 0, s2 = 0;
    for (int k = 1; k <= seeds; ++k) {
      const RunResult r = run_one(side, d_over_f, true, 1000 * e + k);
      s += r.density;
      s2 += r.density * r.density;
    }
    const double mean = s / seeds;
    const double err = seeds > 1 ? std::sqrt(std::max(s2 / seeds - mean * mean, 0.0) / (seeds - 1)) : 0.0;
    x.push_back(std::log(d_over_f));
    y.push_back(std::log(mean));
    const double sigma = std::max(err / mean, 1e-3);
    w.push_back(1.0 / (sigma * sigma));
    char line[160];
    std::snprintf(line, sizeof line, "D/F %9.3g  density %.5e +- %.1e  N (D/F)^(1/3) = %.4f", d_over_f, mean, err,
                  mean * std::cbrt(d_over_f));
    summary.push_back(line);
  }
  for (const auto &l : summary) std::printf("%s\n", l.c_str());
  if (x.size() >= 2) {
    double S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      S += w[i];
      Sx += w[i] * x[i];
      Sy += w[i] * y[i];
      Sxx += w[i] * x[i] * x[i];
      Sxy += w[i] * x[i] * y[i];
    }
    const double det = S * Sxx - Sx * Sx;
    std::printf("fitted exponent %.4f +- %.4f over D/F 1e%d .. 1e%d\n", (S * Sxy - Sx * Sy) / det, std::sqrt(S / det),
                from, to);
  }
  return 0;
}
