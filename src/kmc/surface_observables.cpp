#include "kmc/surface_observables.hpp"

#include <cmath>

namespace anodekmc::kmc {

SurfaceObservables measure(const lattice::SurfaceNet &net, const SurfaceState &state, double time_s,
                           IslandFinder &finder) {
  constexpr double kA2_to_m2 = 1e-20;
  SurfaceObservables o;
  o.time_s = time_s;
  const std::uint32_t n = net.site_count();
  double sum_h = 0.0, sum_h2 = 0.0;
  for (std::uint32_t s = 0; s < n; ++s) {
    const double h = state.height[s];
    sum_h += h;
    sum_h2 += h * h;
    for (int l = 1; l <= SurfaceObservables::kLayers + 1; ++l)
      if (state.height[s] >= l) o.layer_coverage_ml[l - 1] += 1.0;
  }
  for (auto &c : o.layer_coverage_ml) c /= n;
  const double mean_h = sum_h / n;
  o.roughness_rms = std::sqrt(std::max(0.0, sum_h2 / n - mean_h * mean_h));

  double sum_r2 = 0.0, sum_age = 0.0, sum_dx = 0.0, sum_dy = 0.0;
  for (std::size_t a = 0; a < state.atom_count(); ++a) {
    if (!state.alive[a]) continue;
    ++o.atoms;
    const AtomRecord &r = state.atoms[a];
    sum_r2 += r.dx_A * r.dx_A + r.dy_A * r.dy_A;
    sum_age += time_s - state.arrival_time_s[a];
    sum_dx += r.dx_A;
    sum_dy += r.dy_A;
  }
  o.coverage_ml = static_cast<double>(o.atoms) / n;
  if (o.atoms > 0) o.tracer_msd_A2 = sum_r2 / static_cast<double>(o.atoms);
  if (sum_age > 0.0) o.tracer_D_m2_per_s = sum_r2 / (4.0 * sum_age) * kA2_to_m2;
  if (o.atoms > 0 && time_s > 0.0)
    o.jump_D_m2_per_s = (sum_dx * sum_dx + sum_dy * sum_dy) / (4.0 * static_cast<double>(o.atoms) * time_s) * kA2_to_m2;
  o.islands = finder.analyse(net, state);
  return o;
}

}  // namespace anodekmc::kmc
