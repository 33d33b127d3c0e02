// What a kMC sample reports (SCIENCE.md section 4): coverage per layer, RMS roughness, islands,
// tracer and centre-of-mass diffusivities from unwrapped displacements.
//
// Tracer diffusivity, d = 2:  D* = sum_a |dr_a|^2 / (2 d sum_a age_a)  over the atoms present,
//   age_a = time since atom a arrived; for atoms that all arrived at t = 0 this is the usual
//   <|dr|^2> / (4 t).
// Jump (centre-of-mass, Kubo-Green) diffusivity: D_J = |sum_a dr_a|^2 / (2 d N t), meaningful
//   for a closed system (N atoms present since t = 0, no deposition or desorption). The
//   collective (Fickian, chemical) diffusivity is D_c = D_J * Phi with the thermodynamic factor
//   Phi = d(mu / k_B T) / d ln(theta); for the site-exclusion lattice gas without interactions
//   Phi = 1 / (1 - theta), so D_J = D_0 (1 - theta) and D_c = D_0 (SCIENCE.md section 8, case 2).
#pragma once

#include "kmc/island_finder.hpp"
#include "kmc/surface_state.hpp"
#include "lattice/surface_net.hpp"

#include <array>
#include <cstdint>

namespace anodekmc::kmc {

struct SurfaceObservables {
  static constexpr int kLayers = 4;  // coverage reported for layers 1..4 and "5 and above"
  double time_s = 0.0;
  std::uint64_t atoms = 0;                   // deposited atoms present
  double coverage_ml = 0.0;                  // atoms / sites
  std::array<double, kLayers + 1> layer_coverage_ml{};  // fraction of columns with height >= l
  double roughness_rms = 0.0;                // RMS of column heights, in layers
  double tracer_msd_A2 = 0.0;                // mean |dr|^2 over atoms present
  double tracer_D_m2_per_s = 0.0;
  double jump_D_m2_per_s = 0.0;
  IslandStatistics islands;
};

SurfaceObservables measure(const lattice::SurfaceNet &net, const SurfaceState &state, double time_s,
                           IslandFinder &finder);

}  // namespace anodekmc::kmc
