// Throughput of the plane finding behind compute layer/excess: sort + single-linkage
// clustering + per-atom plane lookup, for slabs of 1e4 to 1e6 atoms (one MPI rank's share).
// Prints atoms/s; the figure to watch is that it stays far above the atoms/s of an MD step
// (~1e6-1e7 atom-steps/s per core for EAM), so invoking the compute every few steps is cheap.
#include "lattice/plane_clustering.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

namespace {

using namespace anodekmc::lattice;

std::vector<double> slab_coordinates(long atoms, int planes) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> noise(-0.25, 0.25);
  std::vector<double> z(atoms);
  for (long i = 0; i < atoms; ++i) z[i] = 1.755 * static_cast<double>(i % planes) + noise(rng);
  return z;
}

void BM_FindAndAssignPlanes(benchmark::State &state) {
  const long atoms = state.range(0);
  const auto z = slab_coordinates(atoms, 40);
  for (auto _ : state) {
    std::vector<double> sorted = z;
    std::sort(sorted.begin(), sorted.end());
    const PlaneSet planes = PlaneSet::open_axis(merge_intervals(cluster_sorted_coordinates(sorted, 0.5), 0.5));
    long checksum = 0;
    for (double c : z) checksum += planes.plane_of(c);
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations() * atoms);
  state.counters["atoms"] = static_cast<double>(atoms);
  state.counters["atoms_per_s"] = benchmark::Counter(static_cast<double>(atoms), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_FindAndAssignPlanes)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
