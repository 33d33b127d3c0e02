// Event throughput of the kMC engine (issue figures), one core.
//
//   A: pure hopping on a square net (bcc(100)), 10 % coverage, all hop rates equal (site
//      exclusion, no interactions), at 1e4, 1e5, 1e6 and 1e7 sites;
//   B: deposition + hopping on a triangular net (fcc(111)) with bond counting: thin-film growth.
//
// Prints events/s with the lattice size for both selectors: the median of `repeats` runs
// (each a fresh engine) and their range, because a virtual machine's memory speed varies from
// run to run. Usage:
//   build/bench/bench_kmc [max_sites] [repeats] [min_sites]
//   (defaults 1e7, 3, 1e4; memory ~0.6 GB at 1e7 sites)
#include "kmc/composition_rejection_selector.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace anodekmc;
using namespace anodekmc::kmc;

namespace {

KmcModel model(const std::string &facet, int side, double base_eV, double bond_eV, double flux, int max_height) {
  auto net = lattice::SurfaceNet::for_facet(facet, 3.51, side, side);
  const EnvironmentIndex index(net.lateral_count(), 1);
  BondCountingModel bc;
  bc.enabled = true;
  bc.base_barrier_eV = {base_eV};
  bc.bond_eV = bond_eV;
  RateTable rates(index, nullptr, bc, DesorptionModel{}, 300.0, 1e13);
  return KmcModel{net, {"Li"}, std::vector<std::uint8_t>(net.site_count(), 0), rates, flux, max_height};
}

template <class Selector>
double events_per_second(const KmcModel &m, double coverage, std::uint64_t warmup, std::uint64_t events) {
  KmcEngine<Selector> engine(m, 12345);
  engine.place_random_adatoms(coverage);
  RunLimits limits;
  limits.max_events = warmup;
  engine.run(limits, nullptr);
  limits.max_events = warmup + events;
  const auto t0 = std::chrono::steady_clock::now();
  engine.run(limits, nullptr);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return static_cast<double>(events) / s;
}

struct Figure {
  double median, low, high;
};

template <class Selector>
Figure repeated(const KmcModel &m, double coverage, std::uint64_t warmup, std::uint64_t events, int repeats) {
  std::vector<double> v;
  for (int r = 0; r < repeats; ++r) v.push_back(events_per_second<Selector>(m, coverage, warmup, events));
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.front(), v.back()};
}

void print_row(int sites, const Figure &st, const Figure &cr) {
  std::printf("%12d %10.3g (%.3g-%.3g) %10.3g (%.3g-%.3g)\n", sites, st.median, st.low, st.high, cr.median, cr.low,
              cr.high);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char **argv) {
  const double max_sites = argc > 1 ? std::atof(argv[1]) : 1e7;
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const double min_sites = argc > 3 ? std::atof(argv[3]) : 1e4;
  std::printf("events/s: median of %d runs (range)\n\n", repeats);
  std::printf("Benchmark A: pure hopping, square net (bcc100), 10%% coverage, equal hop rates\n");
  std::printf("%12s %24s %24s\n", "sites", "sum tree ev/s", "comp.-rejection ev/s");
  for (double n : {1e4, 1e5, 1e6, 1e7}) {
    if (n > max_sites) break;
    if (n < min_sites) continue;
    const int side = static_cast<int>(std::lround(std::sqrt(n)));
    const KmcModel m = model("bcc100", side, 0.1, 0.0, 0.0, 1);
    const std::uint64_t events = 4000000;
    print_row(side * side, repeated<SumTreeSelector>(m, 0.1, 200000, events, repeats),
              repeated<CompositionRejectionSelector>(m, 0.1, 200000, events, repeats));
  }
  std::printf("\nBenchmark B: deposition + hopping, triangular net (fcc111), bond counting "
              "(E0 0.3 eV, bond 0.1 eV, 300 K), D/F ~ 1e5\n");
  std::printf("%12s %24s %24s\n", "sites", "sum tree ev/s", "comp.-rejection ev/s");
  for (double n : {1e4, 1e6}) {
    if (n > max_sites) break;
    if (n < min_sites) continue;
    const int side = static_cast<int>(std::lround(std::sqrt(n)));
    const double hop = 1e13 * std::exp(-0.3 / (8.617333262e-5 * 300.0));
    const KmcModel m = model("fcc111", side, 0.3, 0.1, hop / 1e5, 0);
    const std::uint64_t events = 3000000;
    print_row(side * side, repeated<SumTreeSelector>(m, 0.0, 200000, events, repeats),
              repeated<CompositionRejectionSelector>(m, 0.0, 200000, events, repeats));
  }
  return 0;
}
