// fix hop/detect: see docs/fix_hop_detect.md for the user documentation.
//
// Hysteresis. An atom belongs to one site at a time. It is reassigned only when its nearest
// site is a different one AND it is within the capture radius of that site; in between (over
// the bridge, or vibrating near it) it stays with the old site. A vibration that crosses the
// bridge point and returns is therefore not a hop, and a hop is counted once, when the atom has
// arrived at the new site.
//
// Unwrapping. Positions are unwrapped with the image flags before they are compared with the
// net, and the net is infinite (site indices are unbounded integers), so a hop across a
// periodic boundary is an ordinary one-site jump and the box need not hold a whole number of
// sites.
//
// Parallel. The per-atom state migrates with its atom (pack/unpack_exchange); each rank checks
// its own atoms; counts are summed over ranks after every check, so the global vector is the
// same on every rank; log records are gathered to rank 0 and written sorted by atom ID, so the
// log does not depend on the number of ranks.
#include "lammps/fix_hop_detect.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "force.h"
#include "group.h"
#include "memory.h"
#include "update.h"
#include "utils.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <mpi.h>

using namespace LAMMPS_NS;
using namespace LAMMPS_NS::FixConst;
using anodekmc::lattice::AdsorptionNet;
using anodekmc::lattice::NetPoint;
using anodekmc::lattice::NetSite;

namespace anodekmc {

namespace {

const char *const kUsage =
    "fix ID group hop/detect N net-style length [origin x0 y0] [capture radius] [log file]";

// Default capture radius as a fraction of the nearest-site distance d. The atom must travel
// (1 - 0.3) d = 0.7 d from its old site, 0.2 d past the bridge point, before a hop counts:
// far beyond thermal vibration of an adatom in a hollow (rms ~0.1-0.2 A at 300-500 K against
// d = 3.49 A on Li(100)), yet inside the new site's basin where a thermalised adatom sits.
constexpr double kDefaultCaptureFraction = 0.3;

constexpr int kRestartVersion = 2;
constexpr int kLogFields = 6;  // step, atom ID, from_i, from_j, to_i, to_j

std::string style_list() {
  std::string s;
  for (const auto &name : AdsorptionNet::style_names()) s += (s.empty() ? "" : ", ") + name;
  return s;
}

}  // namespace

FixHopDetect::FixHopDetect(LAMMPS *instance, int narg, char **arg) : Fix(instance, narg, arg) {
  parse_arguments(narg, arg);

  vector_flag = 1;
  size_vector = kVectorSize;
  global_freq = nevery;
  extvector = 0;
  peratom_flag = 1;
  size_peratom_cols = kStateColumns;
  peratom_freq = 1;  // the state is current at every step (it changes only at checks)
  restart_global = 1;
  restart_peratom = 1;
  create_attribute = 1;
  dynamic_group_allow = 1;  // membership is checked at every check (see check_atoms)

  grow_arrays(atom->nmax);
  atom->add_callback(Atom::GROW);
  atom->add_callback(Atom::RESTART);
  for (int i = 0; i < atom->nlocal; ++i) set_arrays(i);

  open_log();
}

FixHopDetect::~FixHopDetect() {
  atom->delete_callback(id, Atom::GROW);
  atom->delete_callback(id, Atom::RESTART);
  memory->destroy(state_);
  if (log_) std::fclose(log_);
}

void FixHopDetect::parse_arguments(int narg, char **arg) {
  // arg[0..2] = ID group style
  if (narg < 6) error->all(FLERR, "Illegal fix hop/detect command: expected {}", kUsage);

  nevery = utils::inumeric(FLERR, arg[3], false, lmp);
  if (nevery <= 0)
    error->all(FLERR, "fix hop/detect: N (steps between checks) must be a positive integer, got {}", arg[3]);

  net_style_ = arg[4];
  const auto &names = AdsorptionNet::style_names();
  if (std::find(names.begin(), names.end(), net_style_) == names.end())
    error->all(FLERR, "fix hop/detect: unknown net style '{}'; expected one of {}", arg[4], style_list());
  const double length = utils::numeric(FLERR, arg[5], false, lmp);
  if (!(length > 0.0) || !std::isfinite(length))
    error->all(FLERR, "fix hop/detect: net length (site spacing or lattice constant) must be a positive "
                      "distance, got {}", arg[5]);

  NetPoint origin;
  bool capture_given = false;
  for (int iarg = 6; iarg < narg;) {
    if (strcmp(arg[iarg], "origin") == 0) {
      if (iarg + 3 > narg) error->all(FLERR, "fix hop/detect: 'origin' expects two coordinates x0 y0");
      origin.x = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
      origin.y = utils::numeric(FLERR, arg[iarg + 2], false, lmp);
      if (!std::isfinite(origin.x) || !std::isfinite(origin.y))
        error->all(FLERR, "fix hop/detect: origin must be finite, got {} {}", arg[iarg + 1], arg[iarg + 2]);
      iarg += 3;
    } else if (strcmp(arg[iarg], "capture") == 0) {
      if (iarg + 2 > narg) error->all(FLERR, "fix hop/detect: 'capture' expects a distance (the capture radius)");
      capture_radius_ = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
      capture_given = true;
      iarg += 2;
    } else if (strcmp(arg[iarg], "log") == 0) {
      if (iarg + 2 > narg) error->all(FLERR, "fix hop/detect: 'log' expects a file name");
      log_path_ = arg[iarg + 1];
      iarg += 2;
    } else {
      error->all(FLERR, "fix hop/detect: unknown keyword '{}'; expected {}", arg[iarg], kUsage);
    }
  }

  net_ = AdsorptionNet::by_name(net_style_, length, origin);  // style and length checked above
  const double d = net_.nearest_distance();
  if (!capture_given) capture_radius_ = kDefaultCaptureFraction * d;
  // Capture discs of neighbouring sites must not touch, or there is no hysteresis band.
  if (!(capture_radius_ > 0.0) || !(capture_radius_ < 0.5 * d))
    error->all(FLERR, "fix hop/detect: capture radius must be > 0 and < half the nearest-site distance ({}), got {}",
               0.5 * d, capture_radius_);
}

void FixHopDetect::open_log() {
  if (log_path_.empty()) return;
  int error_number = 0;  // errno of the failed fopen on rank 0, shared so every rank stops alike
  if (comm->me == 0) {
    log_ = std::fopen(log_path_.c_str(), "w");
    if (!log_) {
      error_number = errno != 0 ? errno : EIO;
    } else {
      std::fprintf(log_, "# fix hop/detect %s: net %s, nearest-site distance %.6g, capture radius %.6g\n", id,
                   net_style_.c_str(), net_.nearest_distance(), capture_radius_);
      std::fprintf(log_, "# step atom-ID from_i from_j to_i to_j   (unwrapped site indices)\n");
      std::fflush(log_);
    }
  }
  MPI_Bcast(&error_number, 1, MPI_INT, 0, world);
  if (error_number != 0)
    error->all(FLERR, "fix hop/detect: cannot open log file '{}' for writing: {}", log_path_,
               std::strerror(error_number));
}

int FixHopDetect::setmask() { return END_OF_STEP; }

void FixHopDetect::init() {
  if (!atom->tag_enable) error->all(FLERR, "fix hop/detect needs atom IDs");
  // Report times in ps and lengths in Angstrom whatever the units (1 in metal units).
  ps_per_time_unit_ = 1.0 / (1000.0 * force->femtosecond);
  angstrom_per_length_unit_ = 1.0 / force->angstrom;
}

void FixHopDetect::setup(int /*vflag*/) {
  // The clock runs only over MD steps; a reset_timestep between runs is not elapsed time.
  if (!clock_started_ || update->ntimestep != last_step_) last_step_ = update->ntimestep;
  clock_started_ = true;
  atoms_ = static_cast<double>(group->count(igroup));
  // Atoms moved between runs (displace_atoms, set) are checked before the first step.
  check_atoms();
  reduce_counts();
}

void FixHopDetect::end_of_step() {
  advance_clock();
  check_atoms();
  reduce_counts();
}

// Credits the steps since the last check (a run may end between checks). Minimiser iterations
// also advance the step counter but are not time: after a minimisation the clock skips them.
void FixHopDetect::post_run() {
  if (update->whichflag == 1) advance_clock();
  else last_step_ = update->ntimestep;
}

void FixHopDetect::advance_clock() {
  const bigint steps = update->ntimestep - last_step_;
  if (steps > 0) {
    const double dt_ps = static_cast<double>(steps) * update->dt * ps_per_time_unit_;
    atoms_ = static_cast<double>(group->count(igroup));
    elapsed_ps_ += dt_ps;
    atom_ps_ += atoms_ * dt_ps;
  }
  last_step_ = update->ntimestep;
}

void FixHopDetect::check_atoms() {
  const double capture2 = capture_radius_ * capture_radius_;
  double **x = atom->x;
  const imageint *image = atom->image;
  const tagint *tag = atom->tag;
  const int *mask = atom->mask;
  const int nlocal = atom->nlocal;
  for (int i = 0; i < nlocal; ++i) {
    if (!(mask[i] & groupbit)) {
      // Outside the group (e.g. a dynamic group of the atoms above a height, left by an atom
      // that exchanged into the surface): it loses its site, and on its return it is assigned
      // afresh, without a jump, so that moves made outside the group never count as hops.
      state_[i][kAssigned] = 0.0;
      continue;
    }
    double unwrapped[3];
    domain->unmap(x[i], image[i], unwrapped);
    const NetPoint p{unwrapped[0], unwrapped[1]};
    double *s = state_[i];
    const NetSite nearest = net_.nearest_site(p);
    if (s[kAssigned] == 0.0) {  // first check of this atom: its nearest site, no hop
      s[kSiteI] = static_cast<double>(nearest.i);
      s[kSiteJ] = static_cast<double>(nearest.j);
      s[kArrival] = elapsed_ps_;
      s[kAssigned] = 1.0;
      continue;
    }
    const NetSite current{std::lround(s[kSiteI]), std::lround(s[kSiteJ])};
    if (nearest == current || net_.distance2(p, nearest) > capture2) continue;

    const int k = net_.direction_of(current, nearest);
    if (k >= 0) pending_.direction[k] += 1.0;
    else pending_.long_jumps += 1.0;
    pending_.jump2 += net_.jump_length2(current, nearest);
    pending_.residence_ps += elapsed_ps_ - s[kArrival];
    if (log_path_.size())
      pending_log_.insert(pending_log_.end(), {static_cast<long long>(update->ntimestep), static_cast<long long>(tag[i]),
                                               current.i, current.j, nearest.i, nearest.j});
    s[kSiteI] = static_cast<double>(nearest.i);
    s[kSiteJ] = static_cast<double>(nearest.j);
    s[kArrival] = elapsed_ps_;
  }
}

void FixHopDetect::reduce_counts() {
  constexpr int nd = AdsorptionNet::kMaxDirections;
  double local[nd + 3], global[nd + 3];
  for (int k = 0; k < nd; ++k) local[k] = pending_.direction[k];
  local[nd] = pending_.long_jumps;
  local[nd + 1] = pending_.jump2;
  local[nd + 2] = pending_.residence_ps;
  MPI_Allreduce(local, global, nd + 3, MPI_DOUBLE, MPI_SUM, world);
  double new_hops = global[nd];
  for (int k = 0; k < nd; ++k) {
    direction_hops_[k] += global[k];
    new_hops += global[k];
  }
  long_jumps_ += global[nd];
  jump2_sum_ += global[nd + 1];
  residence_sum_ps_ += global[nd + 2];
  pending_ = LocalCounts{};
  if (new_hops > 0.0 && !log_path_.empty()) write_log_records();
  pending_log_.clear();
}

void FixHopDetect::write_log_records() {
  const int nprocs = comm->nprocs;
  const int mine = static_cast<int>(pending_log_.size());
  std::vector<int> counts(nprocs, 0), displs(nprocs, 0);
  MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, world);
  int total = 0;
  if (comm->me == 0)
    for (int p = 0; p < nprocs; ++p) {
      displs[p] = total;
      total += counts[p];
    }
  std::vector<long long> all(comm->me == 0 ? std::max(total, 1) : 1);
  MPI_Gatherv(pending_log_.data(), mine, MPI_LONG_LONG, all.data(), counts.data(), displs.data(), MPI_LONG_LONG, 0,
              world);
  if (comm->me != 0 || !log_) return;
  // Sorted by step, then atom ID: the same file for any number of ranks.
  const int nrec = total / kLogFields;
  std::vector<int> order(nrec);
  for (int r = 0; r < nrec; ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const long long *ra = &all[static_cast<std::size_t>(a) * kLogFields];
    const long long *rb = &all[static_cast<std::size_t>(b) * kLogFields];
    return ra[0] != rb[0] ? ra[0] < rb[0] : ra[1] < rb[1];
  });
  for (int r : order) {
    const long long *rec = &all[static_cast<std::size_t>(r) * kLogFields];
    std::fprintf(log_, "%lld %lld %lld %lld %lld %lld\n", rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]);
  }
  std::fflush(log_);
}

double FixHopDetect::total_hops() const {
  double total = long_jumps_;
  for (double h : direction_hops_) total += h;
  return total;
}

double FixHopDetect::compute_vector(int index) {
  const double total = total_hops();
  if (index >= kFirstDirection && index < kFirstDirection + AdsorptionNet::kMaxDirections)
    return direction_hops_[index - kFirstDirection];
  switch (index) {
    case kTotalHops:
      return total;
    case kLongJumps:
      return long_jumps_;
    case kHopRate:
      return atom_ps_ > 0.0 ? total / atom_ps_ : 0.0;
    case kMeanResidence:
      return total > 0.0 ? residence_sum_ps_ / total : 0.0;
    case kDiffusivity: {
      // 2D Einstein relation for uncorrelated jumps: D = <sum of squared jumps> / (4 t) per atom.
      const double a2 = angstrom_per_length_unit_ * angstrom_per_length_unit_;
      return atom_ps_ > 0.0 ? jump2_sum_ * a2 / (4.0 * atom_ps_) : 0.0;
    }
    case kElapsed:
      return elapsed_ps_;
    case kAtoms:
      return atoms_;
    default:
      return 0.0;
  }
}

// ---- restart: global counters (rank 0 writes, every rank reads) ----

void FixHopDetect::write_restart(FILE *fp) {
  std::vector<double> list = {static_cast<double>(kRestartVersion),
                              static_cast<double>(net_.direction_count()),
                              clock_started_ ? 1.0 : 0.0,
                              static_cast<double>(last_step_),
                              elapsed_ps_,
                              atom_ps_,
                              atoms_,
                              long_jumps_,
                              jump2_sum_,
                              residence_sum_ps_};
  list.insert(list.end(), direction_hops_.begin(), direction_hops_.end());
  list.push_back(net_.nearest_distance());  // to recognise a different net after read_restart
  if (comm->me == 0) {
    const int size = static_cast<int>(list.size() * sizeof(double));
    std::fwrite(&size, sizeof(int), 1, fp);
    std::fwrite(list.data(), sizeof(double), list.size(), fp);
  }
}

void FixHopDetect::restart(char *buf) {
  const auto *list = reinterpret_cast<const double *>(buf);
  if (static_cast<int>(list[0]) != kRestartVersion)
    error->all(FLERR, "fix hop/detect: restart data of version {} cannot be read (expected {})",
               static_cast<int>(list[0]), kRestartVersion);
  if (static_cast<int>(list[1]) != net_.direction_count())
    error->all(FLERR, "fix hop/detect: the restart file was written for a net with {} hop directions, this fix "
                      "has {}", static_cast<int>(list[1]), net_.direction_count());
  clock_started_ = list[2] != 0.0;
  last_step_ = static_cast<bigint>(list[3]);
  elapsed_ps_ = list[4];
  atom_ps_ = list[5];
  atoms_ = list[6];
  long_jumps_ = list[7];
  jump2_sum_ = list[8];
  residence_sum_ps_ = list[9];
  for (int k = 0; k < AdsorptionNet::kMaxDirections; ++k) direction_hops_[k] = list[10 + k];
  const double stored_distance = list[10 + AdsorptionNet::kMaxDirections];
  if (std::fabs(stored_distance - net_.nearest_distance()) > 1e-9 * stored_distance)
    error->warning(FLERR, "fix hop/detect: the restart file's net has nearest-site distance {} but this fix's has {}; "
                          "the stored site indices belong to the old net", stored_distance, net_.nearest_distance());
}

// ---- per-atom state ----

void FixHopDetect::grow_arrays(int nmax) {
  memory->grow(state_, nmax, kStateColumns, "hop/detect:state");
  array_atom = state_;
}

void FixHopDetect::copy_arrays(int i, int j, int /*delflag*/) {
  for (int c = 0; c < kStateColumns; ++c) state_[j][c] = state_[i][c];
}

void FixHopDetect::set_arrays(int i) {
  for (int c = 0; c < kStateColumns; ++c) state_[i][c] = 0.0;
}

int FixHopDetect::pack_exchange(int i, double *buf) {
  for (int c = 0; c < kStateColumns; ++c) buf[c] = state_[i][c];
  return kStateColumns;
}

int FixHopDetect::unpack_exchange(int nlocal, double *buf) {
  for (int c = 0; c < kStateColumns; ++c) state_[nlocal][c] = buf[c];
  return kStateColumns;
}

// Restart records of all fixes share atom->extra: each starts with its own length.
int FixHopDetect::pack_restart(int i, double *buf) {
  buf[0] = kStateColumns + 1;
  for (int c = 0; c < kStateColumns; ++c) buf[1 + c] = state_[i][c];
  return kStateColumns + 1;
}

void FixHopDetect::unpack_restart(int nlocal, int nth) {
  double **extra = atom->extra;
  int m = 0;
  for (int k = 0; k < nth; ++k) m += static_cast<int>(extra[nlocal][m]);
  ++m;
  for (int c = 0; c < kStateColumns; ++c) state_[nlocal][c] = extra[nlocal][m++];
}

int FixHopDetect::size_restart(int /*nlocal*/) { return kStateColumns + 1; }

int FixHopDetect::maxsize_restart() { return kStateColumns + 1; }

double FixHopDetect::memory_usage() {
  return static_cast<double>(atom->nmax) * kStateColumns * sizeof(double) +
         static_cast<double>(pending_log_.capacity()) * sizeof(long long);
}

}  // namespace anodekmc
