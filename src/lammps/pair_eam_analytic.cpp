// pair_style eam/analytic: see docs/pair_eam_analytic.md for the user documentation.
//
// The energy is E = Σ_i s_ii F_i(ρ_i) + Σ_{i<j} s_ij φ_ij(r_ij), ρ_i = Σ_j f_j(r_ij), with the
// functions of anodekmc::potential::EamModel and s the per type pair scale of fix adapt
// (applied exactly as pair eam does). compute() is the standard two-pass EAM loop over a half
// neighbour list: densities (reverse communication of ghost densities with newton on), the
// embedding pass, a forward communication of F'(ρ) and ρ to the ghosts, then the forces.
//
// Tables (default mode): for each element pair, f and φ on r = k·dr, k = 0..nr (dr ≈ 1e-3 Å,
// up to the largest cutoff of the elements in use), and for each element F on ρ = k·ρ_e/2000
// up to 5 ρ_e (so the branch points 0.85 ρ_e and 1.15 ρ_e of F are knots). Each interval is
// the cubic Hermite polynomial through the exact values and exact derivatives at its two ends;
// forces use the derivative of that same polynomial, so they are the exact gradient of the
// tabulated energy. Densities beyond the F table fall back to the analytic F.
#include "lammps/pair_eam_analytic.h"

#include "potential/eam_database.hpp"

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "force.h"
#include "memory.h"
#include "neigh_list.h"
#include "neigh_request.h"
#include "neighbor.h"
#include "update.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

using namespace LAMMPS_NS;
using anodekmc::potential::EamDatabase;
using anodekmc::potential::EamModel;

namespace {

constexpr double kTargetTableDr = 1.0e-3;  // Å: the r grid spacing is at most this
constexpr int kRhoKnotsPerRhoE = 2000;     // F grid: ρ_e/2000 (a multiple of 20: ρ_n, ρ_0 are knots)
constexpr int kRhoTableRange = 5;          // F table up to 5 ρ_e
constexpr int kFullListId = 1;

inline double cubic_value(const double *c, double u) { return ((c[3] * u + c[2]) * u + c[1]) * u + c[0]; }
// d/du of the cubic (multiply by 1/Δx for the derivative in x).
inline double cubic_slope(const double *c, double u) { return (3.0 * c[3] * u + 2.0 * c[2]) * u + c[1]; }

// Hermite coefficients on [x_k, x_k + h] from values y and derivatives d at both ends.
inline void hermite(double y0, double d0, double y1, double d1, double h, double *c) {
  const double m0 = d0 * h, m1 = d1 * h;
  c[0] = y0;
  c[1] = m0;
  c[2] = 3.0 * (y1 - y0) - 2.0 * m0 - m1;
  c[3] = 2.0 * (y0 - y1) + m0 + m1;
}

enum class ListKind { kHalfPerpetual, kFullOccasional };

// The one place that uses this LAMMPS version's neighbour request API (upstream replaced it by
// neighbor->add_request(this, flags) in March 2022).
void request_list(Neighbor *neighbor, Pair *pair, int instance, int id, ListKind kind) {
  const int index = neighbor->request(pair, instance);  // may reallocate neighbor->requests
  NeighRequest *request = neighbor->requests[index];
  request->id = id;
  if (kind == ListKind::kFullOccasional) {
    request->half = 0;
    request->full = 1;
    request->occasional = 1;
  }
}

const char *const kCoeffUsage = "pair_coeff * * <database file> <element or NULL for each atom type>";

}  // namespace

PairEAMAnalytic::PairEAMAnalytic(LAMMPS *instance) : Pair(instance) {
  restartinfo = 0;  // like pair eam: re-issue pair_style and pair_coeff after read_restart
  manybody_flag = 1;
  // Only `pair_coeff * *` is accepted, but coeff() checks that itself (one_coeff = 1 would make
  // LAMMPS stop earlier with a bare "Incorrect args for pair coefficients").
  one_coeff = 0;
  single_enable = 1;
  comm_forward = 2;  // F'(ρ) and ρ
  comm_reverse = 1;  // ρ
}

PairEAMAnalytic::~PairEAMAnalytic() {
  if (copymode) return;
  memory->destroy(rho_);
  memory->destroy(fp_);
  memory->destroy(numforce_);
  if (allocated) {
    memory->destroy(setflag);
    memory->destroy(cutsq);
    memory->destroy(scale);
  }
}

void PairEAMAnalytic::allocate() {
  allocated = 1;
  const int n = atom->ntypes;
  memory->create(setflag, n + 1, n + 1, "pair:setflag");
  memory->create(cutsq, n + 1, n + 1, "pair:cutsq");
  memory->create(scale, n + 1, n + 1, "pair:scale");
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= n; j++) {
      setflag[i][j] = 0;
      scale[i][j] = 1.0;
    }
  type_to_element_.assign(n + 1, -1);
  delete[] map;  // Pair::map (deleted by ~Pair)
  map = new int[n + 1];
  for (int i = 0; i <= n; i++) map[i] = -1;
}

void PairEAMAnalytic::grow_atom_arrays() {
  if (atom->nmax <= nmax_) return;
  memory->destroy(rho_);
  memory->destroy(fp_);
  memory->destroy(numforce_);
  nmax_ = atom->nmax;
  memory->create(rho_, nmax_, "pair:rho");
  memory->create(fp_, nmax_, "pair:fp");
  memory->create(numforce_, nmax_, "pair:numforce");
}

/* ---------------------------------------------------------------------- */

void PairEAMAnalytic::settings(int narg, char **arg) {
  exact_ = false;
  if (narg == 1 && strcmp(arg[0], "exact") == 0) exact_ = true;
  else if (narg != 0)
    error->all(FLERR, "Illegal pair_style eam/analytic command: expected no argument or 'exact', got '{}'",
               arg[0]);
  tables_valid_ = false;
}

void PairEAMAnalytic::coeff(int narg, char **arg) {
  if (!allocated) allocate();
  const int ntypes = atom->ntypes;
  if (narg < 3) error->all(FLERR, "Incorrect args for pair coefficients: expected '{}'", kCoeffUsage);
  if (strcmp(arg[0], "*") != 0 || strcmp(arg[1], "*") != 0)
    error->all(FLERR, "Incorrect args for pair coefficients: pair_style eam/analytic needs '{}', got '{} {}' "
                      "instead of '* *'", kCoeffUsage, arg[0], arg[1]);
  const std::string path = arg[2];
  if (narg != 3 + ntypes)
    error->all(FLERR, "Incorrect args for pair coefficients: eam/analytic expects {} element names (one per "
                      "atom type, NULL for none) after the database file {}, got {}", ntypes, path, narg - 3);

  // Rank 0 reads the file; every rank parses the same text, so every rank reaches the same
  // verdict and the errors below are collective.
  std::string text;
  int status = 0;
  if (comm->me == 0) {
    // As stock pair styles do: the path as given, else its file name in $LAMMPS_POTENTIALS.
    const std::string found = utils::get_potential_file_path(path);
    std::ifstream in(found.empty() ? path : found);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    } else {
      status = 1;
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, world);
  if (status != 0)
    error->all(FLERR, "pair_coeff eam/analytic: cannot open potential database file '{}' (relative paths are "
                      "relative to the current folder; also looked in $LAMMPS_POTENTIALS)", path);
  long long length = static_cast<long long>(text.size());
  MPI_Bcast(&length, 1, MPI_LONG_LONG, 0, world);
  text.resize(static_cast<std::size_t>(length));
  if (length > 0) MPI_Bcast(&text[0], static_cast<int>(length), MPI_CHAR, 0, world);

  EamDatabase database;
  try {
    database = EamDatabase::parse(text, path);
  } catch (const std::exception &e) {
    error->all(FLERR, "pair_coeff eam/analytic: malformed potential database: {}", e.what());
  }

  // Map each type to an element; the model holds each distinct element once.
  std::vector<std::string> symbols;
  std::vector<int> element_of(ntypes + 1, -1);
  for (int type = 1; type <= ntypes; ++type) {
    const std::string word = arg[2 + type];
    if (word == "NULL") continue;
    if (!database.find_element(word)) {
      std::string available;
      for (const auto &e : database.elements) available += " " + e.symbol;
      error->all(FLERR, "pair_coeff eam/analytic: element '{}' (atom type {}) is not in the potential "
                        "database {} (id {}); it has:{}", word, type, path, database.potential_id, available);
    }
    auto found = std::find(symbols.begin(), symbols.end(), word);
    element_of[type] = static_cast<int>(found - symbols.begin());
    if (found == symbols.end()) symbols.push_back(word);
  }
  if (symbols.empty())
    error->all(FLERR, "Incorrect args for pair coefficients: eam/analytic needs at least one atom type mapped "
                      "to an element (all are NULL)");
  try {
    model_ = std::make_unique<EamModel>(database, symbols);
  } catch (const std::exception &e) {
    error->all(FLERR, "pair_coeff eam/analytic: potential database {}: {}", path, e.what());
  }
  type_to_element_ = element_of;
  for (int type = 1; type <= ntypes; ++type) map[type] = element_of[type];  // Pair::map, as manybody styles

  // As pair eam/alloy: setflag for type pairs with both types mapped, masses from the database.
  for (int i = 1; i <= ntypes; ++i)
    for (int j = i; j <= ntypes; ++j) {
      setflag[i][j] = (element_of[i] >= 0 && element_of[j] >= 0) ? 1 : 0;
      if (setflag[i][j] && i == j) atom->set_mass(FLERR, i, model_->record(element_of[i]).mass_amu);
      scale[i][j] = 1.0;
    }
  cutmax_ = model_->max_cutoff_A();
  tables_valid_ = false;
}

/* ---------------------------------------------------------------------- */

void PairEAMAnalytic::init_style() {
  if (strcmp(update->unit_style, "metal") != 0)
    error->all(FLERR, "Pair style eam/analytic requires 'units metal' (the database is in eV and Angstrom), "
                      "got units {}", update->unit_style);
  if (!model_) error->all(FLERR, "Pair style eam/analytic: pair_coeff has not been given");
  if (!exact_ && !tables_valid_) build_tables();

  // Half list for compute() (id 0) and an occasional full list for element_change_energy().
  request_list(neighbor, this, instance_me, 0, ListKind::kHalfPerpetual);
  request_list(neighbor, this, instance_me, kFullListId, ListKind::kFullOccasional);
  embed_step_ = -1;
  full_list_builds_ = -1;
}

void PairEAMAnalytic::init_list(int id, NeighList *ptr) {
  if (id == kFullListId) full_list_ = ptr;
  else list = ptr;
}

double PairEAMAnalytic::init_one(int i, int j) {
  if (setflag[i][j] == 0) scale[i][j] = 1.0;
  scale[j][i] = scale[i][j];
  cutforcesq_ = cutmax_ * cutmax_;
  return cutmax_;
}

void PairEAMAnalytic::build_tables() {
  const EamModel &m = *model_;
  const int n = m.element_count();
  n_elements_ = n;
  nr_ = std::max(100, static_cast<int>(std::ceil(cutmax_ / kTargetTableDr)));
  dr_ = cutmax_ / nr_;
  inv_dr_ = 1.0 / dr_;

  // Knot values and derivatives, then one Hermite piece per interval.
  std::vector<std::vector<double>> f(n, std::vector<double>(nr_ + 1)), df = f;
  for (int a = 0; a < n; ++a)
    for (int k = 0; k <= nr_; ++k) m.density(a, k * dr_, f[a][k], df[a][k]);
  density_tables_.assign(static_cast<std::size_t>(n * n), {});
  pair_tables_.assign(static_cast<std::size_t>(n * n), {});
  std::vector<double> phi(nr_ + 1), dphi(nr_ + 1);
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      auto &dens = density_tables_[a * n + b];
      dens.resize(nr_);
      for (int k = 0; k < nr_; ++k) {
        hermite(f[b][k], df[b][k], f[b][k + 1], df[b][k + 1], dr_, dens[k].at_i);
        hermite(f[a][k], df[a][k], f[a][k + 1], df[a][k + 1], dr_, dens[k].at_j);
      }
      if (b < a) {
        pair_tables_[a * n + b] = pair_tables_[b * n + a];
        continue;
      }
      for (int k = 0; k <= nr_; ++k) m.pair(a, b, k * dr_, phi[k], dphi[k]);
      auto &pair = pair_tables_[a * n + b];
      pair.resize(nr_);
      for (int k = 0; k < nr_; ++k) hermite(phi[k], dphi[k], phi[k + 1], dphi[k + 1], dr_, pair[k].c);
    }

  embedding_tables_.assign(n, {});
  const int nrho = kRhoKnotsPerRhoE * kRhoTableRange;
  for (int a = 0; a < n; ++a) {
    EmbeddingTable &t = embedding_tables_[a];
    const double drho = m.element(a).parameters().rho_e / kRhoKnotsPerRhoE;
    t.inv_drho = 1.0 / drho;
    t.rho_max = nrho * drho;
    t.pieces.resize(nrho);
    double F0, dF0, F1, dF1;
    m.embedding(a, 0.0, F0, dF0);
    for (int k = 0; k < nrho; ++k) {
      m.embedding(a, (k + 1) * drho, F1, dF1);
      hermite(F0, dF0, F1, dF1, drho, t.pieces[k].c);
      F0 = F1;
      dF0 = dF1;
    }
  }
  tables_valid_ = true;
}

/* ---------------------------------------------------------------------- */

void PairEAMAnalytic::densities(int a, int b, double r, double &f_at_i, double &df_at_i, double &f_at_j,
                                double &df_at_j) const {
  if (exact_) {
    model_->density(b, r, f_at_i, df_at_i);
    model_->density(a, r, f_at_j, df_at_j);
    return;
  }
  if (!(r < cutmax_)) {
    f_at_i = df_at_i = f_at_j = df_at_j = 0.0;
    return;
  }
  const double t = r * inv_dr_;
  const int m = std::min(static_cast<int>(t), nr_ - 1);
  const double u = t - m;
  const DensityPiece &p = density_tables_[a * n_elements_ + b][m];
  f_at_i = cubic_value(p.at_i, u);
  df_at_i = cubic_slope(p.at_i, u) * inv_dr_;
  f_at_j = cubic_value(p.at_j, u);
  df_at_j = cubic_slope(p.at_j, u) * inv_dr_;
}

void PairEAMAnalytic::pair_potential(int a, int b, double r, double &phi, double &dphi) const {
  if (exact_) {
    model_->pair(a, b, r, phi, dphi);
    return;
  }
  if (!(r < cutmax_)) {
    phi = dphi = 0.0;
    return;
  }
  const double t = r * inv_dr_;
  const int m = std::min(static_cast<int>(t), nr_ - 1);
  const double u = t - m;
  const double *c = pair_tables_[a * n_elements_ + b][m].c;
  phi = cubic_value(c, u);
  dphi = cubic_slope(c, u) * inv_dr_;
}

void PairEAMAnalytic::embedding(int a, double rho, double &F, double &dF) const {
  if (!exact_) {
    const EmbeddingTable &t = embedding_tables_[a];
    if (rho >= 0.0 && rho < t.rho_max) {
      const double x = rho * t.inv_drho;
      const int m = std::min(static_cast<int>(x), static_cast<int>(t.pieces.size()) - 1);
      const double u = x - m;
      const double *c = t.pieces[m].c;
      F = cubic_value(c, u);
      dF = cubic_slope(c, u) * t.inv_drho;
      return;
    }
  }
  model_->embedding(a, rho, F, dF);
}

/* ---------------------------------------------------------------------- */

void PairEAMAnalytic::compute(int eflag, int vflag) {
  if (exact_) compute_impl<true>(eflag, vflag);
  else compute_impl<false>(eflag, vflag);
}

template <bool EXACT>
void PairEAMAnalytic::compute_impl(int eflag, int vflag) {
  ev_init(eflag, vflag);
  grow_atom_arrays();

  double **x = atom->x;
  double **f = atom->f;
  const int *type = atom->type;
  const int nlocal = atom->nlocal;
  const int nall = nlocal + atom->nghost;
  const int newton_pair = force->newton_pair;
  const int inum = list->inum;
  const int *ilist = list->ilist;
  const int *numneigh = list->numneigh;
  int **firstneigh = list->firstneigh;
  const int *t2e = type_to_element_.data();
  const int nel = n_elements_;
  const double inv_dr = inv_dr_;
  const int last_piece = nr_ - 1;
  double *rho = rho_;
  double *fp = fp_;
  const double cut_sq = cutforcesq_;  // locals: the stores to rho and f may not alias them
  std::vector<const DensityPiece *> density_rows(static_cast<std::size_t>(nel * nel), nullptr);
  std::vector<const Cubic *> pair_rows(density_rows.size(), nullptr);
  if (!EXACT)
    for (std::size_t k = 0; k < density_rows.size(); ++k) {
      density_rows[k] = density_tables_[k].data();
      pair_rows[k] = pair_tables_[k].data();
    }

  // 1. Densities.
  std::fill(rho, rho + (newton_pair ? nall : nlocal), 0.0);
  for (int ii = 0; ii < inum; ii++) {
    const int i = ilist[ii];
    const double xtmp = x[i][0], ytmp = x[i][1], ztmp = x[i][2];
    const int a = t2e[type[i]];
    const DensityPiece *const *density_row = density_rows.data() + a * nel;
    const int *jlist = firstneigh[i];
    const int jnum = numneigh[i];
    double rho_i = 0.0;
    for (int jj = 0; jj < jnum; jj++) {
      const int j = jlist[jj] & NEIGHMASK;
      const double delx = xtmp - x[j][0], dely = ytmp - x[j][1], delz = ztmp - x[j][2];
      const double rsq = delx * delx + dely * dely + delz * delz;
      if (rsq >= cut_sq) continue;
      const int b = t2e[type[j]];
      const double r = std::sqrt(rsq);
      if (EXACT) {
        double fv, dfv;
        model_->density(b, r, fv, dfv);
        rho_i += fv;
        if (newton_pair || j < nlocal) {
          if (a != b) model_->density(a, r, fv, dfv);
          rho[j] += fv;
        }
      } else {
        const double t = r * inv_dr;
        const int m = std::min(static_cast<int>(t), last_piece);
        const double u = t - m;
        const DensityPiece &p = density_row[b][m];
        rho_i += cubic_value(p.at_i, u);
        if (newton_pair || j < nlocal) rho[j] += cubic_value(p.at_j, u);
      }
    }
    rho[i] += rho_i;
  }
  if (newton_pair) comm->reverse_comm_pair(this);

  // 2. Embedding energies and F'(ρ).
  for (int ii = 0; ii < inum; ii++) {
    const int i = ilist[ii];
    const int itype = type[i];
    double F, dF;
    embedding(t2e[itype], rho[i], F, dF);
    fp[i] = dF;
    if (eflag) {
      const double e = scale[itype][itype] * F;
      if (eflag_global) eng_vdwl += e;
      if (eflag_atom) eatom[i] += e;
    }
  }
  // F'(ρ) (and ρ, for element_change_energy) of the ghosts.
  comm->forward_comm_pair(this);
  embed_step_ = update->ntimestep;

  // 3. Forces.
  double evdwl = 0.0;
  for (int ii = 0; ii < inum; ii++) {
    const int i = ilist[ii];
    const double xtmp = x[i][0], ytmp = x[i][1], ztmp = x[i][2];
    const int itype = type[i];
    const int a = t2e[itype];
    const DensityPiece *const *density_row = density_rows.data() + a * nel;
    const Cubic *const *pair_row = pair_rows.data() + a * nel;
    const double *scale_row = scale[itype];
    const double fp_i = fp[i];
    const int *jlist = firstneigh[i];
    const int jnum = numneigh[i];
    int count = 0;
    double fxi = 0.0, fyi = 0.0, fzi = 0.0;
    for (int jj = 0; jj < jnum; jj++) {
      const int j = jlist[jj] & NEIGHMASK;
      const double delx = xtmp - x[j][0], dely = ytmp - x[j][1], delz = ztmp - x[j][2];
      const double rsq = delx * delx + dely * dely + delz * delz;
      if (rsq >= cut_sq) continue;
      ++count;
      const int jtype = type[j];
      const int b = t2e[jtype];
      const double r = std::sqrt(rsq);
      const double recip = 1.0 / r;
      double phi, psip;  // psip = dE/dr of this pair
      if (EXACT) {
        double f_i, df_i, f_j, df_j, dphi;
        model_->density(b, r, f_i, df_i);
        if (a != b) model_->density(a, r, f_j, df_j);
        else df_j = df_i;
        model_->pair(a, b, r, phi, dphi);
        psip = fp_i * df_i + fp[j] * df_j + dphi;
      } else {
        const double t = r * inv_dr;
        const int m = std::min(static_cast<int>(t), last_piece);
        const double u = t - m;
        const DensityPiece &p = density_row[b][m];
        const double *c = pair_row[b][m].c;
        psip = (fp_i * cubic_slope(p.at_i, u) + fp[j] * cubic_slope(p.at_j, u) + cubic_slope(c, u)) * inv_dr;
        phi = eflag ? cubic_value(c, u) : 0.0;
      }
      const double s = scale_row[jtype];
      const double fpair = -s * psip * recip;
      fxi += delx * fpair;
      fyi += dely * fpair;
      fzi += delz * fpair;
      if (newton_pair || j < nlocal) {
        f[j][0] -= delx * fpair;
        f[j][1] -= dely * fpair;
        f[j][2] -= delz * fpair;
      }
      if (eflag) evdwl = s * phi;
      if (evflag) ev_tally(i, j, nlocal, newton_pair, evdwl, 0.0, fpair, delx, dely, delz);
    }
    f[i][0] += fxi;
    f[i][1] += fyi;
    f[i][2] += fzi;
    numforce_[i] = count;
  }

  if (vflag_fdotr) virial_fdotr_compute();
}

/* ---------------------------------------------------------------------- */

// Like pair eam's single(): the pair term plus this atom's embedding energy shared equally
// among the neighbours of its half-list row (numforce), and the force of the pair including
// both embedding derivatives. Needs the per-atom data of the last force evaluation.
double PairEAMAnalytic::single(int i, int j, int itype, int jtype, double rsq, double /*factor_coul*/,
                               double /*factor_lj*/, double &fforce) {
  if (!numforce_ || embed_step_ < 0)
    error->all(FLERR, "Pair eam/analytic: single() needs the embedding data of a force evaluation (run 0 first)");
  if (comm->me == 0 && embed_step_ != update->ntimestep) {
    error->warning(FLERR, "Pair eam/analytic: embedding data not computed for this time step");
    embed_step_ = update->ntimestep;
  }
  const int a = type_to_element_[itype], b = type_to_element_[jtype];
  double energy = 0.0;
  if (numforce_[i] > 0) {
    double F, dF;
    embedding(a, rho_[i], F, dF);
    energy = scale[itype][itype] * F / numforce_[i];
  }
  const double r = std::sqrt(rsq);
  double f_i, df_i, f_j, df_j, phi, dphi;
  densities(a, b, r, f_i, df_i, f_j, df_j);
  pair_potential(a, b, r, phi, dphi);
  const double psip = fp_[i] * df_i + fp_[j] * df_j + dphi;
  fforce = -scale[itype][jtype] * psip / r;
  return energy + scale[itype][jtype] * phi;
}

void *PairEAMAnalytic::extract(const char *name, int &dim) {
  dim = 2;
  if (strcmp(name, "scale") == 0) return static_cast<void *>(scale);
  return nullptr;
}

/* ---------------------------------------------------------------------- */

double PairEAMAnalytic::element_change_energy(int i, int new_type) {
  if (i < 0 || i >= atom->nlocal)
    error->one(FLERR, "Pair eam/analytic element_change_energy: local index {} is not an atom owned by this "
                      "rank (it owns {})", i, atom->nlocal);
  if (new_type < 1 || new_type > atom->ntypes || type_to_element_[new_type] < 0)
    error->one(FLERR, "Pair eam/analytic element_change_energy: type {} is not mapped to an element", new_type);
  if (embed_step_ < 0 || !full_list_ || !rho_)
    error->one(FLERR, "Pair eam/analytic element_change_energy needs a force evaluation on the current "
                      "coordinates first (e.g. run 0)");
  if (!atom->tag_enable)
    error->one(FLERR, "Pair eam/analytic element_change_energy needs atom IDs");
  const int *type = atom->type;
  const int old_type = type[i];
  if (old_type == new_type) return 0.0;
  // Build the full list once per reneighbouring. Neighbor::build_one() alone would skip the
  // build when the step number has not changed (repeated `run 0`, or atoms moved and re-sorted
  // at the same step), so count the builds instead and force it (preflag) when behind.
  if (full_list_builds_ != neighbor->ncalls) {
    neighbor->build_one(full_list_, 1);
    full_list_builds_ = neighbor->ncalls;
  }

  double **x = atom->x;
  const tagint *tag = atom->tag;
  const int old_el = type_to_element_[old_type], new_el = type_to_element_[new_type];
  const int *jlist = full_list_->firstneigh[i];
  const int jnum = full_list_->numneigh[i];

  double delta = 0.0;
  double drho_self = 0.0;  // density at i from its own periodic images (small boxes)
  // Density change of each neighbouring atom, once per atom: a neighbour can appear as several
  // periodic images. (tag, local index of one image, Δρ)
  struct Change {
    tagint tag;
    int j;
    double drho;
  };
  std::vector<Change> changes;
  changes.reserve(jnum);
  for (int jj = 0; jj < jnum; jj++) {
    const int j = jlist[jj] & NEIGHMASK;
    const double delx = x[i][0] - x[j][0], dely = x[i][1] - x[j][1], delz = x[i][2] - x[j][2];
    const double rsq = delx * delx + dely * dely + delz * delz;
    if (rsq >= cutforcesq_) continue;
    const int jtype = type[j];
    const int b = type_to_element_[jtype];
    if (b < 0) continue;
    const double r = std::sqrt(rsq);
    double f_i, df_i, f_old, df_old, f_new, df_new, phi_old, phi_new, dphi;
    if (tag[j] == tag[i]) {
      // An image of i itself: both ends change. The pair is listed from both ends, so ½.
      densities(old_el, old_el, r, f_i, df_i, f_old, df_old);
      densities(new_el, new_el, r, f_i, df_i, f_new, df_new);
      drho_self += f_new - f_old;
      pair_potential(old_el, old_el, r, phi_old, dphi);
      pair_potential(new_el, new_el, r, phi_new, dphi);
      delta += 0.5 * (scale[new_type][new_type] * phi_new - scale[old_type][old_type] * phi_old);
      continue;
    }
    densities(old_el, b, r, f_i, df_i, f_old, df_old);
    densities(new_el, b, r, f_i, df_i, f_new, df_new);
    pair_potential(old_el, b, r, phi_old, dphi);
    pair_potential(new_el, b, r, phi_new, dphi);
    delta += scale[new_type][jtype] * phi_new - scale[old_type][jtype] * phi_old;
    auto same = std::find_if(changes.begin(), changes.end(), [&](const Change &c) { return c.tag == tag[j]; });
    if (same == changes.end()) changes.push_back(Change{tag[j], j, f_new - f_old});
    else same->drho += f_new - f_old;
  }
  for (const Change &c : changes) {
    const int jtype = type[c.j];
    const int b = type_to_element_[jtype];
    double F_old, F_new, dF;
    embedding(b, rho_[c.j], F_old, dF);
    embedding(b, rho_[c.j] + c.drho, F_new, dF);
    delta += scale[jtype][jtype] * (F_new - F_old);
  }
  double F_old, F_new, dF;
  embedding(old_el, rho_[i], F_old, dF);
  embedding(new_el, rho_[i] + drho_self, F_new, dF);
  delta += scale[new_type][new_type] * F_new - scale[old_type][old_type] * F_old;
  return delta;
}

/* ---------------------------------------------------------------------- */

void PairEAMAnalytic::apply_element_change(int i, int new_type, std::vector<GhostDensityChange> &remote_changes) {
  if (i < 0 || i >= atom->nlocal)
    error->one(FLERR, "Pair eam/analytic apply_element_change: local index {} is not an atom owned by this rank", i);
  if (atom->map_style == Atom::MAP_NONE)
    error->one(FLERR, "Pair eam/analytic apply_element_change needs an atom map (atom_modify map array)");
  int *type = atom->type;
  const int old_type = type[i];
  if (old_type == new_type) return;
  if (full_list_builds_ != neighbor->ncalls) {
    neighbor->build_one(full_list_, 1);
    full_list_builds_ = neighbor->ncalls;
  }
  const int old_el = type_to_element_[old_type], new_el = type_to_element_[new_type];
  double **x = atom->x;
  const tagint *tag = atom->tag;
  const int *sametag = atom->sametag;
  const int nlocal = atom->nlocal;

  // ρ of every neighbour changes by the difference of the density that i's new and old
  // element put at it. Images of i itself (small periodic boxes) change i's own ρ instead.
  double drho_self = 0.0;
  struct Change {
    tagint tag;
    int j;
    double drho;
  };
  std::vector<Change> changes;
  const int *jlist = full_list_->firstneigh[i];
  const int jnum = full_list_->numneigh[i];
  for (int jj = 0; jj < jnum; jj++) {
    const int j = jlist[jj] & NEIGHMASK;
    const double delx = x[i][0] - x[j][0], dely = x[i][1] - x[j][1], delz = x[i][2] - x[j][2];
    const double rsq = delx * delx + dely * dely + delz * delz;
    if (rsq >= cutforcesq_) continue;
    const int b = type_to_element_[type[j]];
    if (b < 0) continue;
    const double r = std::sqrt(rsq);
    double unused, dunused, f_old, df, f_new;
    if (tag[j] == tag[i]) {
      densities(old_el, old_el, r, unused, dunused, f_old, df);
      densities(new_el, new_el, r, unused, dunused, f_new, df);
      drho_self += f_new - f_old;
      continue;
    }
    densities(old_el, b, r, unused, dunused, f_old, df);
    densities(new_el, b, r, unused, dunused, f_new, df);
    auto same = std::find_if(changes.begin(), changes.end(), [&](const Change &c) { return c.tag == tag[j]; });
    if (same == changes.end()) changes.push_back(Change{tag[j], j, f_new - f_old});
    else same->drho += f_new - f_old;
  }

  // Apply to every local image (the owned copy, if any, comes first in the map).
  for (int k = atom->map(tag[i]); k >= 0; k = sametag[k]) {
    type[k] = new_type;
    rho_[k] += drho_self;
  }
  for (const Change &c : changes) {
    const int first = atom->map(c.tag);
    for (int k = first; k >= 0; k = sametag[k]) rho_[k] += c.drho;
    if (first < 0 || first >= nlocal) remote_changes.push_back(GhostDensityChange{c.j, c.drho});
  }
}

int PairEAMAnalytic::pack_forward_comm(int n, int *list_, double *buf, int /*pbc_flag*/, int * /*pbc*/) {
  int m = 0;
  for (int k = 0; k < n; k++) {
    const int j = list_[k];
    buf[m++] = fp_[j];
    buf[m++] = rho_[j];
  }
  return m;
}

void PairEAMAnalytic::unpack_forward_comm(int n, int first, double *buf) {
  int m = 0;
  for (int i = first; i < first + n; i++) {
    fp_[i] = buf[m++];
    rho_[i] = buf[m++];
  }
}

int PairEAMAnalytic::pack_reverse_comm(int n, int first, double *buf) {
  int m = 0;
  for (int i = first; i < first + n; i++) buf[m++] = rho_[i];
  return m;
}

void PairEAMAnalytic::unpack_reverse_comm(int n, int *list_, double *buf) {
  int m = 0;
  for (int k = 0; k < n; k++) rho_[list_[k]] += buf[m++];
}

double PairEAMAnalytic::memory_usage() {
  double bytes = static_cast<double>(maxeatom) * sizeof(double);
  bytes += static_cast<double>(maxvatom) * 6 * sizeof(double);
  bytes += static_cast<double>(nmax_) * (2 * sizeof(double) + sizeof(int));
  for (const auto &t : density_tables_) bytes += static_cast<double>(t.size()) * sizeof(DensityPiece);
  for (const auto &t : pair_tables_) bytes += static_cast<double>(t.size()) * sizeof(Cubic);
  for (const auto &t : embedding_tables_) bytes += static_cast<double>(t.pieces.size()) * sizeof(Cubic);
  return bytes;
}
