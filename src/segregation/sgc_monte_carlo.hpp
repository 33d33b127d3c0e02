// Semi-grand-canonical Metropolis Monte Carlo on a SlabLattice: Li <-> M identity flips at fixed
// dmu = mu_M - mu_Li and T, optionally variance-constrained (VC-SGC; Sadigh, Erhart,
// Stukowski, Caro, Martinez & Zepeda-Ruiz, PRB 85, 184203 (2012)).
//
// VC-SGC replaces the -dmu * N_M term by phi * N_M + (kappa / 2N) N_M^2: the quadratic term
// (kappa in eV) pins the composition, so states inside a two-phase region can be sampled; the
// local slope of the free energy is then estimated by dmu_est = -(phi + kappa <c>), c = N_M / N.
// With kappa = 0 and phi = -dmu it is plain SGC, which is how SGC is run here.
//
// A trial picks a site uniformly at random and proposes to flip it; the proposal is symmetric,
// so Metropolis acceptance min(1, exp(-dH / kT)) obeys detailed balance. One sweep = N trials.
#pragma once

#include "segregation/layer_energies.hpp"
#include "segregation/slab_lattice.hpp"

#include <pcg_random.hpp>

#include <cstdint>
#include <vector>

namespace anodekmc::segregation {

using Rng = pcg64;

class SgcMonteCarlo {
 public:
  SgcMonteCarlo(const SlabLattice &lattice, const LayerEnergies &energies);

  /// Every site set to host (false) or dopant (true).
  void fill(bool dopant);
  /// Plain SGC at (T, dmu).
  void set_sgc(double temperature_K, double delta_mu_eV);
  /// VC-SGC at T with phi (eV) and kappa (eV, > 0).
  void set_variance_constrained(double temperature_K, double phi_eV, double kappa_eV);

  /// `sweeps` x N trial flips.
  void run_sweeps(long sweeps, Rng &rng);

  const SlabLattice &lattice() const { return lattice_; }
  const std::vector<std::uint8_t> &occupation() const { return occupation_; }
  void set_occupation(const std::vector<std::uint8_t> &occupation);
  long dopant_count() const { return dopants_; }
  /// Dopant count per plane (layer index, not depth).
  std::vector<long> dopants_per_layer() const;
  /// The total energy H (without the -dmu term): sum n_i dE_seg + sum_<ij> w n_i n_j (eV).
  double configuration_energy_eV() const;
  long long trials() const { return trials_; }
  long long accepted() const { return accepted_; }

 private:
  const SlabLattice &lattice_;
  std::vector<double> site_energy_eV_;  // dE_seg at the site's depth
  std::vector<double> bond_eV_;         // parallel to lattice.neighbours()
  std::vector<std::uint8_t> occupation_;
  long dopants_ = 0;
  double beta_per_eV_ = 0.0, phi_eV_ = 0.0, kappa_eV_ = 0.0;
  long long trials_ = 0, accepted_ = 0;
};

}  // namespace anodekmc::segregation
