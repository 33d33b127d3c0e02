// pair_style eam/analytic: the anodekmc analytic EAM model (src/potential) as a LAMMPS pair
// style, read directly from the parameter database. Documentation: docs/pair_eam_analytic.md.
//
// Default: at init the analytic functions are tabulated on fine uniform grids as cubic Hermite
// pieces built from exact values and exact derivatives at the knots, and forces are the exact
// derivatives of the interpolated energy. Keyword `exact`: every pair is evaluated
// analytically. element_change_energy() gives the exact energy change of a type change of one
// atom from its neighbourhood alone (for semi-grand-canonical Monte Carlo).
#pragma once

#include "pair.h"

#include "potential/eam_model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace LAMMPS_NS {

class PairEAMAnalytic : public Pair {
 public:
  explicit PairEAMAnalytic(class LAMMPS *instance);
  ~PairEAMAnalytic() override;

  void compute(int eflag, int vflag) override;
  void settings(int narg, char **arg) override;
  void coeff(int narg, char **arg) override;
  void init_style() override;
  void init_list(int id, class NeighList *ptr) override;
  double init_one(int i, int j) override;
  double single(int i, int j, int itype, int jtype, double rsq, double factor_coul, double factor_lj,
                double &fforce) override;
  void *extract(const char *name, int &dim) override;

  int pack_forward_comm(int n, int *list, double *buf, int pbc_flag, int *pbc) override;
  void unpack_forward_comm(int n, int first, double *buf) override;
  int pack_reverse_comm(int n, int first, double *buf) override;
  void unpack_reverse_comm(int n, int *list, double *buf) override;
  double memory_usage() override;

  /// Exact change of the total potential energy (eV) if owned atom `i` (local index,
  /// 0 <= i < nlocal) changed to LAMMPS type `new_type`, all else unchanged:
  ///   ΔE = ΔF_i + Σ_j Δφ_ij + Σ_j [F_j(ρ_j + Δf_ij) − F_j(ρ_j)]
  /// from i's neighbourhood only (an occasional full neighbour list, built on the first call
  /// after each reneighbouring). It uses the same functions as compute() (tables or analytic)
  /// and the same energy scales, so it equals the difference of two full energy evaluations
  /// up to round-off. Preconditions: a force evaluation (e.g. `run 0`) has been done on the
  /// current coordinates and types; each MPI rank calls it for its own atoms only (it is not
  /// collective). Stops with error->one if i is not owned, new_type is not mapped to an
  /// element, or no force evaluation has been done yet.
  double element_change_energy(int i, int new_type);

  /// Carries out the change priced by element_change_energy(): sets the type of owned atom `i`
  /// and of every local image of it to `new_type`, and adds the density change to the stored
  /// ρ of i and of each neighbour within the cutoff, on every local image of those atoms, so
  /// that later element_change_energy() calls on this rank stay exact without a new force
  /// evaluation. Needs an atom map (for the images, Atom::sametag). A neighbour owned by
  /// another rank is updated here only in this rank's ghost copies; its density change is
  /// appended to `remote_changes` as (local ghost index, Δρ), once per such atom, for the
  /// caller to send to the owner (reverse communication). F'(ρ) is not updated: it is
  /// recomputed by the next force evaluation and is not used by element_change_energy().
  struct GhostDensityChange {
    int ghost;
    double drho;
  };
  void apply_element_change(int i, int new_type, std::vector<GhostDensityChange> &remote_changes);

  /// Stored host density ρ of a local atom (owned or ghost) from the last force evaluation,
  /// including changes applied since by apply_element_change().
  double density(int i) const { return rho_[i]; }
  void set_density(int i, double rho) { rho_[i] = rho; }

  /// Element index (into model()) of a LAMMPS type, -1 for NULL.
  int element_of_type(int type) const { return type_to_element_[type]; }
  const anodekmc::potential::EamModel &model() const { return *model_; }
  bool exact_mode() const { return exact_; }
  /// Number of r intervals and spacing of the tables (0 before init or in exact mode).
  int table_r_intervals() const { return nr_; }
  double table_dr() const { return dr_; }

 protected:
  // One cubic piece c[0] + c[1] u + c[2] u² + c[3] u³ of a tabulated function, u in [0, 1).
  struct Cubic {
    double c[4];
  };
  // Both densities of an element pair (a, b) on one r interval, in one cache line: density at
  // the a atom due to its b neighbour (f_b), then at the b atom due to the a atom (f_a).
  struct alignas(64) DensityPiece {
    double at_i[4];
    double at_j[4];
  };
  struct EmbeddingTable {
    double inv_drho = 0, rho_max = 0;
    std::vector<Cubic> pieces;
  };

  bool exact_ = false;
  std::unique_ptr<anodekmc::potential::EamModel> model_;
  std::vector<int> type_to_element_;  // [type] -> element index, -1 = NULL
  double cutmax_ = 0, cutforcesq_ = 0;
  double **scale = nullptr;  // per type pair energy scale (fix adapt), as in pair eam

  // Tables for the elements of model_ (built in init_style when out of date).
  bool tables_valid_ = false;
  int n_elements_ = 0;
  int nr_ = 0;  // r intervals on [0, cutmax_]
  double dr_ = 0, inv_dr_ = 0;
  std::vector<std::vector<DensityPiece>> density_tables_;  // [a * n + b]
  std::vector<std::vector<Cubic>> pair_tables_;            // [a * n + b] (b, a holds the same)
  std::vector<EmbeddingTable> embedding_tables_;           // [a]

  // Per-atom arrays (owned + ghost atoms).
  int nmax_ = 0;
  double *rho_ = nullptr;
  double *fp_ = nullptr;
  int *numforce_ = nullptr;
  bigint embed_step_ = -1;  // time step of the last embedding pass, -1 before the first

  class NeighList *full_list_ = nullptr;  // occasional full list for element_change_energy
  bigint full_list_builds_ = -1;          // Neighbor::ncalls when full_list_ was last built

  void allocate();
  void grow_atom_arrays();
  void build_tables();
  template <bool EXACT>
  void compute_impl(int eflag, int vflag);

  // The functions in the active mode (tables or analytic). For a pair (i of element a, j of
  // element b) at distance r: the density at i due to j and at j due to i, with d/dr.
  void densities(int a, int b, double r, double &f_at_i, double &df_at_i, double &f_at_j,
                 double &df_at_j) const;
  void pair_potential(int a, int b, double r, double &phi, double &dphi) const;
  void embedding(int a, double rho, double &F, double &dF) const;
};

}  // namespace LAMMPS_NS
