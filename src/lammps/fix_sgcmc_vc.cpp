// fix sgcmc/vc: see fix_sgcmc_vc.h and docs/fix_sgcmc_vc.md.
#include "lammps/fix_sgcmc_vc.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "kspace.h"
#include "memory.h"
#include "modify.h"
#include "neighbor.h"
#include "pair.h"
#include "update.h"
#include "utils.h"
#include "angle.h"
#include "bond.h"
#include "dihedral.h"
#include "improper.h"

#include <pcg_random.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

using namespace LAMMPS_NS;
using namespace FixConst;

namespace {

const char *const kUsage =
    "fix ID group sgcmc/vc N fraction T_K seed types t1 t2 [t3 ...] [deltamu dmu2 [dmu3 ...]] "
    "[variance kappa c2 [c3 ...]] [velocity rescale|keep] [energy local|full]";

// Stream of the random numbers every rank draws identically (stage order, full-mode trials);
// rank r uses stream r for its own trials. pcg32 streams are 63-bit numbers.
constexpr std::uint64_t kSharedStream = 0x5ca1ab1e0ddba11ULL;

// SplitMix64 finaliser: spreads (seed, cycle) over the 64-bit state so nearby seeds and
// successive cycles start unrelated sequences.
std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The generators of one MC cycle depend only on (seed, cycle, stream): a restart that restores
// the cycle counter continues the same random sequence, with no generator state to save.
pcg32 cycle_generator(std::uint64_t seed, std::int64_t cycle, std::uint64_t stream) {
  return pcg32(mix64(seed ^ mix64(static_cast<std::uint64_t>(cycle))), stream);
}

double uniform01(pcg32 &rng) {
  const std::uint64_t hi = rng(), lo = rng();
  return static_cast<double>((hi << 21) ^ (lo >> 11)) * 0x1.0p-53;
}

constexpr int kRestartVersion = 1;

}  // namespace

FixSemiGrandVC::FixSemiGrandVC(LAMMPS *instance, int narg, char **arg) : Fix(instance, narg, arg) {
  // arg[0..2] = ID group style
  if (narg < 7) error->all(FLERR, "Illegal fix sgcmc/vc command: expected {}", kUsage);
  nevery_ = utils::inumeric(FLERR, arg[3], false, lmp);
  if (nevery_ <= 0) error->all(FLERR, "fix sgcmc/vc: N (steps between MC cycles) must be > 0, got {}", arg[3]);
  trial_fraction_ = utils::numeric(FLERR, arg[4], false, lmp);
  if (!(trial_fraction_ > 0.0) || !std::isfinite(trial_fraction_))
    error->all(FLERR, "fix sgcmc/vc: fraction (trials per cycle per eligible atom) must be > 0, got {}", arg[4]);
  temperature_K_ = utils::numeric(FLERR, arg[5], false, lmp);
  if (!(temperature_K_ > 0.0) || !std::isfinite(temperature_K_))
    error->all(FLERR, "fix sgcmc/vc: temperature must be > 0 K, got {}", arg[5]);
  const long long seed = utils::bnumeric(FLERR, arg[6], false, lmp);
  if (seed <= 0) error->all(FLERR, "fix sgcmc/vc: seed must be a positive integer, got {}", arg[6]);
  seed_ = static_cast<std::uint64_t>(seed);
  parse_keywords(narg, arg, 7);

  const int n = static_cast<int>(flip_types_.size());
  vector_flag = 1;
  size_vector = 4 + 2 * n + (n - 1);
  global_freq = nevery_;
  extvector = 0;
  restart_global = 1;
  force_reneighbor = 1;
  next_reneighbor = -1;
  time_depend = 1;
  comm_forward = 2;
  comm_reverse = 1;
  type_counts_.assign(n, 0.0);
}

FixSemiGrandVC::~FixSemiGrandVC() { memory->destroy(remote_drho_); }

void FixSemiGrandVC::parse_keywords(int narg, char **arg, int first) {
  const int ntypes = atom->ntypes;
  auto is_keyword = [](const char *word) {
    return strcmp(word, "types") == 0 || strcmp(word, "deltamu") == 0 || strcmp(word, "variance") == 0 ||
           strcmp(word, "velocity") == 0 || strcmp(word, "energy") == 0;
  };
  // Values following a keyword up to the next keyword.
  auto values_of = [&](int iarg) {
    int end = iarg + 1;
    // A word that is neither a keyword nor a number ends the list too, so that a misspelt
    // keyword is reported as such rather than as a bad value.
    while (end < narg && !is_keyword(arg[end]) && utils::is_double(arg[end])) ++end;
    return end;
  };
  std::vector<double> mu_values, variance_values;
  bool have_mu = false, have_variance = false;
  for (int iarg = first; iarg < narg;) {
    // velocity and energy take one word; the other keywords a list of numbers.
    const bool one_word = strcmp(arg[iarg], "velocity") == 0 || strcmp(arg[iarg], "energy") == 0;
    const int end = one_word ? std::min(iarg + 2, narg) : values_of(iarg);
    if (strcmp(arg[iarg], "types") == 0) {
      for (int k = iarg + 1; k < end; ++k) {
        const int t = utils::inumeric(FLERR, arg[k], false, lmp);
        if (t < 1 || t > ntypes) error->all(FLERR, "fix sgcmc/vc: types: type {} is not between 1 and {}", arg[k], ntypes);
        if (std::find(flip_types_.begin(), flip_types_.end(), t) != flip_types_.end())
          error->all(FLERR, "fix sgcmc/vc: types: type {} is listed twice", t);
        flip_types_.push_back(t);
      }
    } else if (strcmp(arg[iarg], "deltamu") == 0) {
      have_mu = true;
      for (int k = iarg + 1; k < end; ++k) {
        const double v = utils::numeric(FLERR, arg[k], false, lmp);
        if (!std::isfinite(v)) error->all(FLERR, "fix sgcmc/vc: deltamu: value '{}' is not finite", arg[k]);
        mu_values.push_back(v);
      }
    } else if (strcmp(arg[iarg], "variance") == 0) {
      have_variance = true;
      for (int k = iarg + 1; k < end; ++k) {
        const double v = utils::numeric(FLERR, arg[k], false, lmp);
        if (!std::isfinite(v)) error->all(FLERR, "fix sgcmc/vc: variance: value '{}' is not finite", arg[k]);
        variance_values.push_back(v);
      }
    } else if (strcmp(arg[iarg], "velocity") == 0) {
      if (end != iarg + 2) error->all(FLERR, "fix sgcmc/vc: velocity expects one value, rescale or keep");
      if (strcmp(arg[iarg + 1], "rescale") == 0) rescale_velocity_ = true;
      else if (strcmp(arg[iarg + 1], "keep") == 0) rescale_velocity_ = false;
      else error->all(FLERR, "fix sgcmc/vc: velocity expects rescale or keep, got '{}'", arg[iarg + 1]);
    } else if (strcmp(arg[iarg], "energy") == 0) {
      if (end != iarg + 2) error->all(FLERR, "fix sgcmc/vc: energy expects one value, local or full");
      if (strcmp(arg[iarg + 1], "local") == 0) energy_mode_ = EnergyMode::kLocal;
      else if (strcmp(arg[iarg + 1], "full") == 0) energy_mode_ = EnergyMode::kFull;
      else error->all(FLERR, "fix sgcmc/vc: energy expects local or full, got '{}'", arg[iarg + 1]);
      energy_mode_set_ = true;
    } else {
      error->all(FLERR, "fix sgcmc/vc: unknown keyword '{}'; expected {}", arg[iarg], kUsage);
    }
    iarg = end;
  }

  const int n = static_cast<int>(flip_types_.size());
  if (n < 2) error->all(FLERR, "fix sgcmc/vc: 'types' must list at least two atom types; expected {}", kUsage);
  if (have_mu && static_cast<int>(mu_values.size()) != n - 1)
    error->all(FLERR, "fix sgcmc/vc: deltamu expects {} value(s) (mu of each listed type after the first minus mu of "
                      "the first, energy units), got {}", n - 1, mu_values.size());
  delta_mu_.assign(n, 0.0);
  for (int k = 1; k < n && have_mu; ++k) delta_mu_[k] = mu_values[k - 1];
  target_conc_.assign(n, 0.0);
  if (have_variance) {
    if (static_cast<int>(variance_values.size()) != n)
      error->all(FLERR, "fix sgcmc/vc: variance expects kappa and {} target concentration(s), got {} value(s)", n - 1,
                 variance_values.size());
    kappa_ = variance_values[0];
    if (!(kappa_ > 0.0)) error->all(FLERR, "fix sgcmc/vc: variance: kappa must be > 0, got {}", kappa_);
    double sum = 0.0;
    for (int k = 1; k < n; ++k) {
      target_conc_[k] = variance_values[k];
      if (target_conc_[k] < 0.0 || target_conc_[k] > 1.0)
        error->all(FLERR, "fix sgcmc/vc: variance: target concentration {} is outside [0, 1]", target_conc_[k]);
      sum += target_conc_[k];
    }
    if (sum > 1.0) error->all(FLERR, "fix sgcmc/vc: variance: target concentrations add up to {} > 1", sum);
  }
  slot_of_type_.assign(ntypes + 1, -1);
  for (int k = 0; k < n; ++k) slot_of_type_[flip_types_[k]] = k;
}

int FixSemiGrandVC::setmask() { return PRE_EXCHANGE; }

void FixSemiGrandVC::init() {
  if (!atom->tag_enable) error->all(FLERR, "fix sgcmc/vc needs atom IDs");
  if (!force->pair) error->all(FLERR, "fix sgcmc/vc needs a pair style");
  eam_ = dynamic_cast<PairEAMAnalytic *>(force->pair);
  if (!energy_mode_set_) energy_mode_ = eam_ ? EnergyMode::kLocal : EnergyMode::kFull;
  if (energy_mode_ == EnergyMode::kLocal) {
    if (!eam_)
      error->all(FLERR, "fix sgcmc/vc: energy local needs pair_style eam/analytic (found '{}'); use energy full",
                 force->pair_style);
    if (atom->map_style == Atom::MAP_NONE)
      error->all(FLERR, "fix sgcmc/vc with energy local needs an atom map: put 'atom_modify map array' (or hash) "
                        "before the simulation box is created");
    for (int t : flip_types_)
      if (eam_->element_of_type(t) < 0)
        error->all(FLERR, "fix sgcmc/vc: type {} is mapped to NULL in pair_coeff; every listed type needs an element", t);
    if (domain->triclinic && (comm->procgrid[0] > 1 || comm->procgrid[1] > 1 || comm->procgrid[2] > 1))
      error->all(FLERR, "fix sgcmc/vc with energy local supports triclinic boxes on one MPI rank only");
  } else {
    eam_ = nullptr;
  }
  // Full mode: a type change can change neighbour-list membership only if the neighbour
  // cutoffs differ between the listed types. Neighbor is initialised after the fixes, so
  // compare the pair cutoffs it derives its own from (cutneigh = cutforce + skin per pair).
  unequal_cutoffs_ = false;
  for (int t = 1; t <= atom->ntypes; ++t)
    for (int k = 1; k < static_cast<int>(flip_types_.size()); ++k)
      if (force->pair->cutsq[flip_types_[0]][t] != force->pair->cutsq[flip_types_[k]][t]) unequal_cutoffs_ = true;
  beta_ = 1.0 / (force->boltz * temperature_K_);
}

void FixSemiGrandVC::setup_pre_exchange() {
  if (energy_mode_ == EnergyMode::kLocal) check_subdomains_for_parallel_flips();
  schedule_next_cycle();
  count_types();
}

void FixSemiGrandVC::schedule_next_cycle() {
  next_reneighbor = (update->ntimestep / nevery_ + 1) * nevery_;
}

void FixSemiGrandVC::pre_exchange() {
  if (next_reneighbor != update->ntimestep) return;
  prepare_configuration();
  count_types();
  if (energy_mode_ == EnergyMode::kLocal) run_local_cycle();
  else run_full_cycle();
  ++cycles_done_;
  schedule_next_cycle();
}

// Atoms have moved since the last reneighbouring: wrap, migrate, rebuild ghosts and lists,
// as on a reneighbouring step, so that energies refer to the current coordinates.
void FixSemiGrandVC::prepare_configuration() {
  if (domain->triclinic) domain->x2lamda(atom->nlocal);
  domain->pbc();
  comm->exchange();
  comm->borders();
  if (domain->triclinic) domain->lamda2x(atom->nlocal + atom->nghost);
  if (modify->n_pre_neighbor) modify->pre_neighbor();
  neighbor->build(1);
}

std::vector<int> FixSemiGrandVC::eligible_local_atoms() const {
  std::vector<int> eligible;
  const int *mask = atom->mask;
  const int *type = atom->type;
  for (int i = 0; i < atom->nlocal; ++i)
    if ((mask[i] & groupbit) && slot_of_type_[type[i]] >= 0) eligible.push_back(i);
  return eligible;
}

void FixSemiGrandVC::count_types() {
  std::vector<double> local(flip_types_.size(), 0.0);
  for (int i : eligible_local_atoms()) local[slot_of_type_[atom->type[i]]] += 1.0;
  MPI_Allreduce(local.data(), type_counts_.data(), static_cast<int>(local.size()), MPI_DOUBLE, MPI_SUM, world);
}

double FixSemiGrandVC::constraint_change(int from_slot, int to_slot, const std::vector<double> &counts) const {
  if (kappa_ == 0.0) return 0.0;
  const double n_total = std::accumulate(counts.begin(), counts.end(), 0.0);
  // (N_k + d − c0 N)² − (N_k − c0 N)² = 2 d (N_k − c0 N) + 1 for d = ±1.
  double change = 0.0;
  if (from_slot > 0) change += -2.0 * (counts[from_slot] - target_conc_[from_slot] * n_total) + 1.0;
  if (to_slot > 0) change += 2.0 * (counts[to_slot] - target_conc_[to_slot] * n_total) + 1.0;
  return 0.5 * kappa_ / n_total * change;
}

bool FixSemiGrandVC::metropolis_accepts(double delta_phi, double u) const {
  return delta_phi <= 0.0 || u < std::exp(-beta_ * delta_phi);
}

void FixSemiGrandVC::rescale_velocity(int i, int old_type, int new_type) {
  // Keep the kinetic energy of the flipped atom: its mass (per type) changes, its momentum
  // would otherwise carry the old element's kinetic energy into a heavier or lighter atom.
  if (!rescale_velocity_ || atom->rmass) return;
  const double s = std::sqrt(atom->mass[old_type] / atom->mass[new_type]);
  for (int d = 0; d < 3; ++d) atom->v[i][d] *= s;
}

// The checkerboard stages are independent only if parts of the same index on different ranks
// are at least 2 r_c apart: half a sub-domain along every split direction. Checked at setup
// (before any step is taken) and before every cycle (the box may change).
void FixSemiGrandVC::check_subdomains_for_parallel_flips() {
  const double cut = force->pair->cutforce;
  double half_width_min = 1e300;
  for (int d = 0; d < 3; ++d)
    if (comm->procgrid[d] > 1) half_width_min = std::min(half_width_min, 0.5 * (domain->subhi[d] - domain->sublo[d]));
  double global_min = half_width_min;
  MPI_Allreduce(&half_width_min, &global_min, 1, MPI_DOUBLE, MPI_MIN, world);
  if (global_min < 2.0 * cut)
    error->all(FLERR, "fix sgcmc/vc: sub-domains too small for parallel flips: half a sub-domain is {:.3f} but must "
                      "be at least twice the pair cutoff ({:.3f}); use fewer ranks along the split direction "
                      "(processors command), a larger system, or 'energy full'",
               global_min, 2.0 * cut);
}

// Parallel scheme (energy local). Each rank's sub-domain is cut in halves along every
// direction in which there is more than one rank; a stage works on one of these 2^d parts
// (the same part index on every rank) and each rank runs single-flip Metropolis trials on
// atoms picked uniformly in its part. ΔE of a flip at i depends on the types of atoms within
// r_c of i and the densities of atoms within r_c, which depend on types within 2 r_c; parts of
// the same index on different ranks are at least half a sub-domain apart, so requiring that to
// be at least 2 r_c makes the simultaneous chains independent: the stage is exactly a product
// of single-rank Metropolis chains. Every trial satisfies detailed balance for the weight
// exp(−βΦ) (the proposal is symmetric, the part does not depend on the types), so each stage
// and the whole cycle leave that distribution invariant. Between stages ranks send each other
// the density changes they made to ghosts (reverse communication) and refresh ghost types and
// densities (forward communication). The variance constraint needs the global counts: a rank
// uses the counts at the start of the stage plus its own changes, so other ranks' flips of the
// same stage enter one stage late. With one rank this is exact; otherwise the error in Φ is at
// most κ × (flips per stage on other ranks) / N per trial, which short stages keep small.
void FixSemiGrandVC::run_local_cycle() {
  force->pair->compute(1, 0);  // densities of the current configuration

  check_subdomains_for_parallel_flips();
  const int split[3] = {comm->procgrid[0] > 1, comm->procgrid[1] > 1, comm->procgrid[2] > 1};

  const std::vector<int> eligible = eligible_local_atoms();
  double **x = atom->x;
  const int nparts = 1 << (split[0] + split[1] + split[2]);
  std::vector<std::vector<int>> part_atoms(nparts);
  for (int i : eligible) {
    int part = 0, bit = 0;
    for (int d = 0; d < 3; ++d) {
      if (!split[d]) continue;
      const double mid = 0.5 * (domain->sublo[d] + domain->subhi[d]);
      if (x[i][d] >= mid) part |= 1 << bit;
      ++bit;
    }
    part_atoms[part].push_back(i);
  }

  pcg32 shared = cycle_generator(seed_, cycles_done_, kSharedStream);
  pcg32 own = cycle_generator(seed_, cycles_done_, static_cast<std::uint64_t>(comm->me));
  std::vector<int> order(nparts);
  std::iota(order.begin(), order.end(), 0);
  for (int k = nparts - 1; k > 0; --k) std::swap(order[k], order[shared(static_cast<std::uint32_t>(k + 1))]);

  const int n = static_cast<int>(flip_types_.size());
  int *type = atom->type;
  double trials = 0.0, accepted = 0.0, energy_change = 0.0;
  for (int part : order) {
    const std::vector<int> &active = part_atoms[part];
    const int nall = atom->nlocal + atom->nghost;
    if (nall > remote_drho_size_) {
      memory->destroy(remote_drho_);
      remote_drho_size_ = atom->nmax;
      memory->create(remote_drho_, remote_drho_size_, "sgcmc/vc:remote_drho");
    }
    std::fill(remote_drho_, remote_drho_ + nall, 0.0);
    remote_changes_.clear();

    std::vector<double> counts = type_counts_;
    std::vector<double> local_delta(n, 0.0);
    const double expected = trial_fraction_ * static_cast<double>(active.size());
    const long ntrials = active.empty() ? 0 : static_cast<long>(std::floor(expected + uniform01(own)));
    for (long t = 0; t < ntrials; ++t) {
      const int i = active[own(static_cast<std::uint32_t>(active.size()))];
      const int from = slot_of_type_[type[i]];
      const int r = static_cast<int>(own(static_cast<std::uint32_t>(n - 1)));
      const int to = r < from ? r : r + 1;
      const double delta_u = eam_->element_change_energy(i, flip_types_[to]);
      const double delta_phi = delta_u - (delta_mu_[to] - delta_mu_[from]) + constraint_change(from, to, counts);
      trials += 1.0;
      if (!metropolis_accepts(delta_phi, uniform01(own))) continue;
      const int old_type = type[i];
      eam_->apply_element_change(i, flip_types_[to], remote_changes_);
      rescale_velocity(i, old_type, flip_types_[to]);
      counts[from] -= 1.0;
      counts[to] += 1.0;
      local_delta[from] -= 1.0;
      local_delta[to] += 1.0;
      accepted += 1.0;
      energy_change += delta_u;
    }

    for (const auto &c : remote_changes_) remote_drho_[c.ghost] += c.drho;
    comm->reverse_comm_fix(this, 1);
    for (int i = 0; i < atom->nlocal; ++i)
      if (remote_drho_[i] != 0.0) eam_->set_density(i, eam_->density(i) + remote_drho_[i]);
    comm->forward_comm_fix(this, 2);
    std::vector<double> global_delta(n, 0.0);
    MPI_Allreduce(local_delta.data(), global_delta.data(), n, MPI_DOUBLE, MPI_SUM, world);
    for (int k = 0; k < n; ++k) type_counts_[k] += global_delta[k];
  }

  double local[3] = {trials, accepted, energy_change}, global[3];
  MPI_Allreduce(local, global, 3, MPI_DOUBLE, MPI_SUM, world);
  trials_total_ += global[0];
  accepted_total_ += global[1];
  last_cycle_acceptance_ = global[0] > 0.0 ? global[1] / global[0] : 0.0;
  last_cycle_energy_change_ = global[2];
}

// Energy full: trials one after another over all ranks, as fix atom/swap does. Every rank
// draws the same random numbers (the shared stream), so all agree on the atom, the new type
// and the decision; only the owner touches the atom.
void FixSemiGrandVC::run_full_cycle() {
  const std::vector<int> eligible = eligible_local_atoms();
  const int nprocs = comm->nprocs;
  int nmine = static_cast<int>(eligible.size());
  std::vector<int> counts_by_rank(nprocs), offsets(nprocs + 1, 0);
  MPI_Allgather(&nmine, 1, MPI_INT, counts_by_rank.data(), 1, MPI_INT, world);
  for (int p = 0; p < nprocs; ++p) offsets[p + 1] = offsets[p] + counts_by_rank[p];
  const int n_eligible = offsets[nprocs];
  last_cycle_acceptance_ = 0.0;
  last_cycle_energy_change_ = 0.0;
  if (n_eligible == 0) return;

  pcg32 shared = cycle_generator(seed_, cycles_done_, kSharedStream);
  const int n = static_cast<int>(flip_types_.size());
  int *type = atom->type;
  double energy = total_energy();
  const double start_energy = energy;
  const long ntrials = static_cast<long>(std::floor(trial_fraction_ * n_eligible + uniform01(shared)));
  double accepted = 0.0;
  auto propagate_types = [&]() {
    comm->forward_comm_fix(this, 1);
    if (unequal_cutoffs_) neighbor->build(1);
  };
  for (long t = 0; t < ntrials; ++t) {
    const int g = static_cast<int>(shared(static_cast<std::uint32_t>(n_eligible)));
    const int r = static_cast<int>(shared(static_cast<std::uint32_t>(n - 1)));
    const double u = uniform01(shared);
    const int owner = static_cast<int>(std::upper_bound(offsets.begin(), offsets.end(), g) - offsets.begin()) - 1;
    int i = -1, from = -1;
    if (comm->me == owner) {
      i = eligible[g - offsets[owner]];
      from = slot_of_type_[type[i]];
    }
    MPI_Bcast(&from, 1, MPI_INT, owner, world);
    const int to = r < from ? r : r + 1;
    if (i >= 0) type[i] = flip_types_[to];
    propagate_types();
    const double new_energy = total_energy();
    const double delta_phi =
        new_energy - energy - (delta_mu_[to] - delta_mu_[from]) + constraint_change(from, to, type_counts_);
    if (metropolis_accepts(delta_phi, u)) {
      if (i >= 0) rescale_velocity(i, flip_types_[from], flip_types_[to]);
      energy = new_energy;
      type_counts_[from] -= 1.0;
      type_counts_[to] += 1.0;
      accepted += 1.0;
    } else {
      if (i >= 0) type[i] = flip_types_[from];
      propagate_types();
    }
  }
  trials_total_ += static_cast<double>(ntrials);
  accepted_total_ += accepted;
  last_cycle_acceptance_ = ntrials > 0 ? accepted / static_cast<double>(ntrials) : 0.0;
  last_cycle_energy_change_ = energy - start_energy;
}

// Potential energy of the whole system (all ranks): the sum compute pe would give.
double FixSemiGrandVC::total_energy() {
  const int eflag = 1, vflag = 0;
  if (modify->n_pre_force) modify->pre_force(vflag);
  double local = 0.0;
  if (force->pair) {
    force->pair->compute(eflag, vflag);
    local += force->pair->eng_vdwl + force->pair->eng_coul;
  }
  if (atom->molecular != Atom::ATOMIC) {
    if (force->bond) { force->bond->compute(eflag, vflag); local += force->bond->energy; }
    if (force->angle) { force->angle->compute(eflag, vflag); local += force->angle->energy; }
    if (force->dihedral) { force->dihedral->compute(eflag, vflag); local += force->dihedral->energy; }
    if (force->improper) { force->improper->compute(eflag, vflag); local += force->improper->energy; }
  }
  double total = 0.0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  if (force->kspace) {
    force->kspace->compute(eflag, vflag);
    total += force->kspace->energy;  // KSpace styles hold the energy already summed over ranks
  }
  if (modify->n_energy_global) total += modify->energy_global();
  return total;
}

double FixSemiGrandVC::compute_vector(int index) {
  const int n = static_cast<int>(flip_types_.size());
  if (index == 0) return trials_total_;
  if (index == 1) return accepted_total_;
  if (index == 2) return last_cycle_acceptance_;
  if (index == 3) return last_cycle_energy_change_;
  index -= 4;
  if (index < n) return type_counts_[index];
  index -= n;
  const double n_total = std::accumulate(type_counts_.begin(), type_counts_.end(), 0.0);
  if (index < n) return n_total > 0.0 ? type_counts_[index] / n_total : 0.0;
  index -= n;
  const int k = index + 1;  // listed types after the first
  const double c = n_total > 0.0 ? type_counts_[k] / n_total : 0.0;
  return delta_mu_[k] - kappa_ * (c - target_conc_[k]);
}

void FixSemiGrandVC::write_restart(FILE *fp) {
  const double list[6] = {static_cast<double>(kRestartVersion), static_cast<double>(seed_),
                          static_cast<double>(cycles_done_), trials_total_, accepted_total_,
                          static_cast<double>(flip_types_.size())};
  if (comm->me == 0) {
    const int size = static_cast<int>(sizeof(list));
    fwrite(&size, sizeof(int), 1, fp);
    fwrite(list, sizeof(double), 6, fp);
  }
}

void FixSemiGrandVC::restart(char *buf) {
  double list[6];
  std::memcpy(list, buf, sizeof(list));
  if (static_cast<int>(list[0]) != kRestartVersion)
    error->all(FLERR, "fix sgcmc/vc: restart data of version {} cannot be read (expected {})", list[0], kRestartVersion);
  if (static_cast<std::size_t>(list[5]) != flip_types_.size())
    error->all(FLERR, "fix sgcmc/vc: the restart file was written with {} listed types, this fix lists {}",
               static_cast<int>(list[5]), flip_types_.size());
  if (static_cast<std::uint64_t>(list[1]) != seed_ && comm->me == 0)
    error->warning(FLERR, "fix sgcmc/vc: seed {} differs from the restart file's {}; the random sequence will differ "
                          "from that of an uninterrupted run", seed_, static_cast<std::uint64_t>(list[1]));
  cycles_done_ = static_cast<std::int64_t>(list[2]);
  trials_total_ = list[3];
  accepted_total_ = list[4];
}

int FixSemiGrandVC::pack_forward_comm(int n, int *list, double *buf, int /*pbc_flag*/, int * /*pbc*/) {
  const int *type = atom->type;
  int m = 0;
  for (int k = 0; k < n; ++k) {
    const int j = list[k];
    buf[m++] = static_cast<double>(type[j]);
    if (eam_) buf[m++] = eam_->density(j);
  }
  return m;
}

void FixSemiGrandVC::unpack_forward_comm(int n, int first, double *buf) {
  int *type = atom->type;
  int m = 0;
  for (int i = first; i < first + n; ++i) {
    type[i] = static_cast<int>(buf[m++]);
    if (eam_) eam_->set_density(i, buf[m++]);
  }
}

int FixSemiGrandVC::pack_reverse_comm(int n, int first, double *buf) {
  for (int k = 0; k < n; ++k) buf[k] = remote_drho_[first + k];
  return n;
}

void FixSemiGrandVC::unpack_reverse_comm(int n, int *list, double *buf) {
  for (int k = 0; k < n; ++k) remote_drho_[list[k]] += buf[k];
}

double FixSemiGrandVC::memory_usage() { return static_cast<double>(remote_drho_size_) * sizeof(double); }
