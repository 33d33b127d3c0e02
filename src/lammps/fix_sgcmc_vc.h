// fix sgcmc/vc: semi-grand-canonical (optionally variance-constrained) Monte Carlo element
// flips, interleaved with MD. User documentation: docs/fix_sgcmc_vc.md.
//
// Ensemble. Atoms of the group whose type is in the `types` list change type among that list.
// The sampled weight is exp(-Φ / k_B T) with
//   Φ = U − Σ_k Δμ_k N_k + Σ_k (κ / 2N) (N_k − c0_k N)²,   k over the listed types after the first,
// N the number of eligible atoms (conserved by flips). κ = 0 is plain SGC at fixed
// Δμ_k = μ_k − μ_1; κ > 0 is the variance-constrained ensemble of Sadigh et al., PRB 85, 184203
// (2012) (their φ_k = −Δμ_k − κ c0_k), which pins the composition near c0 so that states inside
// a two-phase region can be sampled; the local chemical potential difference is then estimated
// by Δμ_k − κ (c_k − c0_k).
//
// Energies. With pair eam/analytic (energy local, the default there) a trial costs one
// neighbourhood evaluation (PairEAMAnalytic::element_change_energy) and an accepted flip
// updates the stored densities incrementally (PairEAMAnalytic::apply_element_change). With any
// other pair style (energy full) each trial re-evaluates the total energy, as fix atom/swap does.
//
// Parallel scheme and detailed balance: see the comment at run_local_cycle() in the .cpp.
#pragma once

#include "fix.h"

#include "lammps/pair_eam_analytic.h"

#include <cstdint>
#include <string>
#include <vector>

namespace LAMMPS_NS {

class FixSemiGrandVC : public Fix {
 public:
  FixSemiGrandVC(class LAMMPS *instance, int narg, char **arg);
  ~FixSemiGrandVC() override;

  int setmask() override;
  void init() override;
  void setup_pre_exchange() override;
  void pre_exchange() override;
  double compute_vector(int index) override;

  void write_restart(FILE *fp) override;
  void restart(char *buf) override;

  int pack_forward_comm(int n, int *list, double *buf, int pbc_flag, int *pbc) override;
  void unpack_forward_comm(int n, int first, double *buf) override;
  int pack_reverse_comm(int n, int first, double *buf) override;
  void unpack_reverse_comm(int n, int *list, double *buf) override;
  double memory_usage() override;

 private:
  enum class EnergyMode { kLocal, kFull };

  // Settings.
  int nevery_ = 1;
  double trial_fraction_ = 1.0;  // trials per cycle / eligible atoms
  double temperature_K_ = 0.0;
  std::uint64_t seed_ = 0;
  std::vector<int> flip_types_;             // LAMMPS types, first is the reference
  std::vector<double> delta_mu_;            // [k] μ(type k) − μ(type 0), energy units; [0] = 0
  double kappa_ = 0.0;                      // variance constraint, energy units; 0 = plain SGC
  std::vector<double> target_conc_;         // [k] c0_k; [0] unused
  bool rescale_velocity_ = true;
  EnergyMode energy_mode_ = EnergyMode::kLocal;
  bool energy_mode_set_ = false;

  // Run state.
  PairEAMAnalytic *eam_ = nullptr;          // set in init() for energy local
  std::vector<int> slot_of_type_;           // [type] -> index into flip_types_, -1 if not listed
  bool unequal_cutoffs_ = false;            // energy full: neighbour cutoffs depend on the type
  double beta_ = 0.0;                       // 1 / (k_B T), inverse energy units
  std::int64_t cycles_done_ = 0;
  double trials_total_ = 0.0, accepted_total_ = 0.0;
  double last_cycle_acceptance_ = 0.0, last_cycle_energy_change_ = 0.0;
  std::vector<double> type_counts_;         // global counts of each listed type in the group

  // Communication buffers: forward sends types (+ densities in local mode); reverse sums the
  // density changes this rank made to ghosts owned by other ranks.
  double *remote_drho_ = nullptr;
  int remote_drho_size_ = 0;
  std::vector<PairEAMAnalytic::GhostDensityChange> remote_changes_;

  void parse_keywords(int narg, char **arg, int first);
  void prepare_configuration();
  void run_local_cycle();
  void check_subdomains_for_parallel_flips();
  void run_full_cycle();
  double total_energy();
  void count_types();
  double constraint_change(int from_slot, int to_slot, const std::vector<double> &counts) const;
  bool metropolis_accepts(double delta_phi, double uniform01) const;
  void rescale_velocity(int i, int old_type, int new_type);
  void schedule_next_cycle();
  std::vector<int> eligible_local_atoms() const;
};

}  // namespace LAMMPS_NS
