// Tracer and collective diffusivities of one closed-system kMC run, and the island density of
// one deposition run, measured in-process with the kMC engine (src/kmc).
//
// Diffusivity: adatoms placed at random (no flux) first equilibrate for events_per_run / 4
// events, then move for a simulated time chosen so that about `events_per_run` events happen
// (from the total rate after equilibration), cut into `windows` equal windows of length dt. From the displacement increments dr_a of the atoms present through a
// whole window (d = 2):
//   tracer      D*  = sum_w sum_a |dr_a|^2      / (4 sum_w N_w dt)
//   collective  D_J = sum_w |sum_a dr_a|^2      / (4 sum_w N_w dt)   (centre of mass, Kubo-Green)
// Windows make the centre-of-mass estimate usable: one |sum dr|^2 per run is a single chi-square
// sample with 2 degrees of freedom (100 % noise); `windows` of them average it down. D_J is the
// collective (jump) diffusivity without the thermodynamic factor; the Fickian D_c = D_J * Phi.
#pragma once

#include "kmc/kmc_run_config.hpp"
#include "table/table_spec.hpp"

#include <cstdint>

namespace anodekmc::table {

struct DiffusionSample {
  double tracer_D_m2_per_s = 0.0;
  double collective_D_m2_per_s = 0.0;
  double simulated_time_s = 0.0;
  std::uint64_t events = 0;
  std::uint64_t atoms = 0;
};

struct NucleationSample {
  double island_density_per_nm2 = 0.0;  // islands (>= 2 first-layer columns) per surface area
  double island_density_per_site = 0.0;
  std::uint64_t events = 0;
  double deposited_ml = 0.0;  // atoms deposited per site when the run stopped
  bool reached_deposit = false;  // false: an event or time limit stopped it first
};

/// Runs the closed-system measurement. Throws std::runtime_error if nothing can move.
DiffusionSample measure_diffusion(const kmc::KmcRunConfig &config, const MeasurementSpec &measurement);

/// Runs deposition to the configured deposited amount and counts islands.
NucleationSample measure_nucleation(const kmc::KmcRunConfig &config);

}  // namespace anodekmc::table
