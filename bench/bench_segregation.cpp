// Lattice SGC Monte Carlo throughput (trial flips per second, one core) on slabs of each facet,
// and the wall time of one temperature of the complexion map at the figure's problem size
// (20x20x12 bcc(100) slab, 40 dmu points up and down, the map's default sweeps); the map of 10
// temperatures on R ranks takes about ceil(10 / R) times that (docs/benchmarks.md).
//
// Usage: bench_segregation [spec.ini]   (default: inputs/segregation_LiIn_bcc110/map.ini)
#include "segregation/segregation_spec.hpp"
#include "segregation/sgc_monte_carlo.hpp"
#include "segregation/slab_lattice.hpp"
#include "segregation/temperature_sweep.hpp"

#include <chrono>
#include <cstdio>
#include <string>

using namespace anodekmc::segregation;

int main(int argc, char **argv) {
  const std::string spec_path = argc > 1 ? argv[1] : ANODEKMC_SOURCE_DIR "/inputs/segregation_LiIn_bcc110/map.ini";
  LayerEnergies e;
  e.segregation_eV = {-0.3, -0.05};
  e.pair_surface_eV = -0.08;
  e.pair_bulk_eV = -0.01;
  for (const char *facet : {"bcc100", "bcc110", "fcc111"})
    for (const int n : {20, 64}) {
      const SlabLattice slab(facet, 3.51, n, n, 12);
      SgcMonteCarlo mc(slab, e);
      mc.set_sgc(400, -0.2);
      Rng rng(1);
      mc.run_sweeps(20, rng);
      const auto t0 = std::chrono::steady_clock::now();
      const long sweeps = n == 20 ? 2000 : 200;
      mc.run_sweeps(sweeps, rng);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("%-7s %dx%dx12 slab (%u sites): %.1f M trial flips/s (acceptance %.3f)\n", facet, n, n,
                  slab.site_count(), sweeps * slab.site_count() / s / 1e6,
                  static_cast<double>(mc.accepted()) / static_cast<double>(mc.trials()));
    }
  const SegregationSpec spec = read_segregation_spec(spec_path);
  const auto t0 = std::chrono::steady_clock::now();
  const TemperatureResult r = run_temperature(spec, 0);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("map: one temperature (T = %g K) of %s: %dx%dx%d %s slab, %d dmu points up and down, %ld+%ld sweeps "
              "per point, plus mean field: %.2f s (%.1f M MC trials/s)\n",
              r.temperature_K, spec_path.c_str(), spec.nx, spec.ny, spec.layers, spec.facet.c_str(), spec.delta_mu_points,
              spec.equilibration_sweeps, spec.sampling_sweeps, s, r.trials / s / 1e6);
  std::printf("map: %zu temperatures estimated %.1f s on 1 rank, %.1f s on 2 ranks\n", spec.temperatures_K.size(),
              s * spec.temperatures_K.size(), s * ((spec.temperatures_K.size() + 1) / 2));
  return 0;
}
