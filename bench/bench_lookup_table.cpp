// Query time of the header-only lookup-table reader (anodekmc/lookup_table.hpp): ns per query
// of ln D(T, x) with bilinear interpolation in (1/T, log10 x), for grids of several sizes, and
// through the by-name table interface (system, facet, quantity, complexion search) on a table
// file if one is given. Target (issue 8): under 1 microsecond per query.
// Run: build/bench/bench_lookup_table [table.json]
#include <anodekmc/lookup_table.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace {

anodekmc::LookupGrid synthetic_grid(std::size_t n_T, std::size_t n_x) {
  anodekmc::LookupGrid g;
  g.system = "bench";
  g.facet = "bcc100";
  g.complexion = "none";
  g.quantity = "tracer";
  for (std::size_t i = 0; i < n_T; ++i) g.inverse_temperature_per_K.push_back(1.0 / 400.0 + i * (1.0 / 250 - 1.0 / 400) / (n_T - 1));
  for (std::size_t j = 0; j < n_x; ++j) g.log10_solute_fraction.push_back(-3.0 + 2.5 * j / (n_x - 1));
  for (std::size_t j = 0; j < n_x; ++j)
    for (std::size_t i = 0; i < n_T; ++i)
      g.ln_D_m2_per_s.push_back(-18.0 - 3500.0 * g.inverse_temperature_per_K[i] + 0.3 * g.log10_solute_fraction[j]);
  g.arrhenius_slope_K.assign(n_x, -3500.0);
  g.validate("bench");
  return g;
}

template <class Query>
double ns_per_query(std::size_t queries, Query query, double &checksum) {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t k = 0; k < queries; ++k) checksum += query(k);
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / queries;
}

}  // namespace

int main(int argc, char **argv) {
  const std::size_t queries = 2000000;
  std::mt19937_64 rng(20261202);
  std::uniform_real_distribution<double> T(240.0, 410.0), u(-3.2, -0.4);
  std::vector<double> temperature(queries), fraction(queries);
  for (std::size_t k = 0; k < queries; ++k) {
    temperature[k] = T(rng);
    fraction[k] = std::pow(10.0, u(rng));
  }
  double checksum = 0.0;
  std::printf("lookup query time, %zu random queries (T in 240-410 K, x in 6e-4-0.4: some outside the grid)\n", queries);
  for (auto [n_T, n_x] : {std::pair<std::size_t, std::size_t>{10, 6}, {100, 100}, {1000, 1000}}) {
    const anodekmc::LookupGrid grid = synthetic_grid(n_T, n_x);
    for (auto policy : {anodekmc::Extrapolation::clamp, anodekmc::Extrapolation::arrhenius}) {
      const double ns = ns_per_query(queries, [&](std::size_t k) { return grid.ln_D(temperature[k], fraction[k], policy); },
                                     checksum);
      std::printf("  grid %4zu T x %4zu x, policy %-9s: %6.1f ns/query\n", n_T, n_x,
                  policy == anodekmc::Extrapolation::clamp ? "clamp" : "arrhenius", ns);
    }
  }
  if (argc > 1) {
    const anodekmc::LookupTable table = anodekmc::LookupTable::load(argv[1]);
    const double ns = ns_per_query(
        queries,
        [&](std::size_t k) {
          // dilute range only: between complexions the by-name query throws by design
          return table.ln_D("LiIn", "bcc100", "tracer", temperature[k], 0.02 + 0.08 * (fraction[k] / 0.4),
                            anodekmc::Extrapolation::clamp);
        },
        checksum);
    std::printf("  table %s by name (%zu grids: system, facet, quantity, complexion search): %.1f ns/query\n", argv[1],
                table.grids().size(), ns);
  }
  std::printf("(checksum %.6g)\n", checksum);
  return 0;
}
