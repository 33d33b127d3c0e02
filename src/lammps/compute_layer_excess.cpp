// compute layer/excess: see docs/compute_layer_excess.md for the user documentation.
//
// Planes come either from single-linkage clustering of the atom coordinates along the normal
// (lattice/plane_clustering.hpp; default, for static or quenched slabs) or from fixed bins of
// the interplanar spacing (lattice/plane_bins.hpp; keyword bins, for MD snapshots where thermal
// spread closes the gaps between planes). Either way it runs in parallel and every rank gets
// the same planes. Per-plane sums are integers (counts, and positions as fixed-point offsets
// from a plane reference), so the results are bit-for-bit identical for any number of ranks.
#include "lammps/compute_layer_excess.h"

#include "lattice/plane_bins.hpp"
#include "lattice/plane_clustering.hpp"

#include "atom.h"
#include "domain.h"
#include "error.h"
#include "fix.h"
#include "force.h"
#include "group.h"
#include "memory.h"
#include "update.h"
#include "utils.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

using namespace LAMMPS_NS;
using anodekmc::lattice::CoordinateInterval;
using anodekmc::lattice::PlaneSet;

namespace anodekmc {

namespace {

// Plane positions are accumulated as integer offsets in units of 1e-9 Angstrom (converted to
// the deck's distance units): exact to sum in any order, far below any physical precision.
constexpr double kPositionQuantumAngstrom = 1.0e-9;

const char *const kUsage =
    "compute ID group layer/excess <x|y|z> <solute-type> bulk coord <lo> <hi> | "
    "bulk layers <first> <last> [gap <distance> | bins <width> <origin>]";

}  // namespace

ComputeLayerExcess::ComputeLayerExcess(LAMMPS *instance, int narg, char **arg)
    : Compute(instance, narg, arg) {
  // arg[0..2] = ID group style
  if (narg < 5) error->all(FLERR, "Illegal compute layer/excess command: expected {}", kUsage);

  if (strcmp(arg[3], "x") == 0) axis_ = 0;
  else if (strcmp(arg[3], "y") == 0) axis_ = 1;
  else if (strcmp(arg[3], "z") == 0) axis_ = 2;
  else error->all(FLERR, "compute layer/excess: axis must be x, y or z, got '{}'", arg[3]);

  ntypes_ = atom->ntypes;
  solute_type_ = utils::inumeric(FLERR, arg[4], false, lmp);
  if (solute_type_ < 1 || solute_type_ > ntypes_)
    error->all(FLERR, "compute layer/excess: solute type must be between 1 and {}, got {}", ntypes_,
               arg[4]);

  bool have_bulk = false, have_gap = false, have_bins = false;
  for (int iarg = 5; iarg < narg;) {
    if (strcmp(arg[iarg], "bulk") == 0) {
      if (iarg + 4 > narg)
        error->all(FLERR, "compute layer/excess: 'bulk' expects 'coord <lo> <hi>' or 'layers <first> <last>'");
      if (strcmp(arg[iarg + 1], "coord") == 0) {
        bulk_by_ = BulkBy::kCoordinate;
        bulk_lo_ = utils::numeric(FLERR, arg[iarg + 2], false, lmp);
        bulk_hi_ = utils::numeric(FLERR, arg[iarg + 3], false, lmp);
        if (!(bulk_hi_ > bulk_lo_))
          error->all(FLERR, "compute layer/excess: bulk coord needs lo < hi, got {} {}", arg[iarg + 2],
                     arg[iarg + 3]);
      } else if (strcmp(arg[iarg + 1], "layers") == 0) {
        bulk_by_ = BulkBy::kPlaneIndex;
        bulk_first_ = utils::inumeric(FLERR, arg[iarg + 2], false, lmp);
        bulk_last_ = utils::inumeric(FLERR, arg[iarg + 3], false, lmp);
        if (bulk_first_ < 1 || bulk_last_ < bulk_first_)
          error->all(FLERR, "compute layer/excess: bulk layers needs 1 <= first <= last, got {} {}",
                     arg[iarg + 2], arg[iarg + 3]);
      } else {
        error->all(FLERR, "compute layer/excess: 'bulk' expects 'coord' or 'layers', got '{}'",
                   arg[iarg + 1]);
      }
      have_bulk = true;
      iarg += 4;
    } else if (strcmp(arg[iarg], "gap") == 0) {
      if (iarg + 2 > narg) error->all(FLERR, "compute layer/excess: 'gap' expects a distance");
      gap_distance_ = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
      have_gap = true;
      if (!(gap_distance_ > 0.0) || !std::isfinite(gap_distance_))
        error->all(FLERR, "compute layer/excess: gap must be a positive distance, got {}", arg[iarg + 1]);
      iarg += 2;
    } else if (strcmp(arg[iarg], "bins") == 0) {
      if (iarg + 3 > narg) error->all(FLERR, "compute layer/excess: 'bins' expects a width and an origin (distances)");
      bin_width_ = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
      bin_origin_ = utils::numeric(FLERR, arg[iarg + 2], false, lmp);
      if (!(bin_width_ > 0.0) || !std::isfinite(bin_width_))
        error->all(FLERR, "compute layer/excess: bins width must be a positive distance, got {}", arg[iarg + 1]);
      if (!std::isfinite(bin_origin_))
        error->all(FLERR, "compute layer/excess: bins origin must be a finite coordinate, got {}", arg[iarg + 2]);
      have_bins = true;
      iarg += 3;
    } else {
      error->all(FLERR, "compute layer/excess: unknown keyword '{}'; expected {}", arg[iarg], kUsage);
    }
  }
  if (have_gap && have_bins)
    error->all(FLERR, "compute layer/excess: give either 'gap' (planes by clustering) or 'bins' (fixed planes), "
                      "not both");
  if (have_bins) plane_by_ = PlaneBy::kBins;
  if (!have_bulk)
    error->all(FLERR, "compute layer/excess: the bulk reference is required "
                      "('bulk coord <lo> <hi>' or 'bulk layers <first> <last>')");

  check_box();

  columns_ = 4 + ntypes_;
  vector_flag = 1;
  size_vector = kVectorSize;
  extvector = 0;
  array_flag = 1;
  size_array_cols = columns_;
  size_array_rows = 0;
  size_array_rows_variable = 1;  // the number of planes is found from the atoms
  extarray = 0;

  vector = new double[kVectorSize];
  std::fill(vector, vector + kVectorSize, 0.0);
}

ComputeLayerExcess::~ComputeLayerExcess() {
  delete[] vector;
  memory->destroy(array);
}

void ComputeLayerExcess::check_box() const {
  if (domain->dimension != 3) error->all(FLERR, "compute layer/excess requires a 3d simulation");
  if (domain->triclinic && axis_ != 2)
    error->all(FLERR, "compute layer/excess: with a triclinic box the surface normal must be z");
  for (int d = 0; d < 3; ++d) {
    if (d != axis_ && !domain->periodicity[d])
      error->all(FLERR, "compute layer/excess: the box must be periodic in the in-plane direction {} "
                        "(excess is per unit area of an infinite surface)", "xyz"[d]);
  }
}

void ComputeLayerExcess::init() {
  check_box();  // boundaries may have changed since the compute was defined
  if (atom->ntypes != ntypes_)
    error->all(FLERR, "compute layer/excess: number of atom types changed since the compute was defined");
  // Find the planes once now, so the array has its number of rows before thermo output or
  // variables check their indices.
  compute_layers();
}

double ComputeLayerExcess::in_plane_area() const {
  if (axis_ == 0) return domain->yprd * domain->zprd;
  if (axis_ == 1) return domain->xprd * domain->zprd;
  return domain->xprd * domain->yprd;  // also right for a triclinic box: |a x b| = xprd * yprd
}

void ComputeLayerExcess::resize_array(int rows) {
  if (rows > allocated_rows_ || !array) {
    memory->destroy(array);
    allocated_rows_ = std::max(rows, 1);
    memory->create(array, allocated_rows_, columns_, "layer/excess:array");
  }
  size_array_rows = rows;
}

void ComputeLayerExcess::compute_vector() {
  invoked_vector = update->ntimestep;
  compute_layers();
}

void ComputeLayerExcess::compute_array() {
  invoked_array = update->ntimestep;
  compute_layers();
}

int ComputeLayerExcess::lock_length() {
  compute_layers();
  return size_array_rows;
}

// fix ave/time locks a variable-length compute for an averaging window and assumes the number
// of rows does not change inside it. Planes can appear or vanish (an adatom above the surface
// is a plane of its own), so a change while locked is an error rather than silently mixed rows.
void ComputeLayerExcess::lock(Fix *fix, bigint /*start*/, bigint /*stop*/) {
  lock_fix_ = fix;
  locked_rows_ = size_array_rows;
}

void ComputeLayerExcess::unlock(Fix *fix) {
  if (fix == lock_fix_) lock_fix_ = nullptr;
}

// This rank's group atoms in index order, wrapped into the box on a periodic axis.
std::vector<double> ComputeLayerExcess::group_coordinates() const {
  const bool periodic = domain->periodicity[axis_] != 0;
  const double box_lo = domain->boxlo[axis_];
  const double period = domain->prd[axis_];
  double **x = atom->x;
  const int *mask = atom->mask;
  std::vector<double> coords;
  coords.reserve(atom->nlocal);
  for (int i = 0; i < atom->nlocal; ++i) {
    if (!(mask[i] & groupbit)) continue;
    double c = x[i][axis_];
    if (!std::isfinite(c)) error->one(FLERR, "compute layer/excess: atom coordinate is not finite");
    if (periodic) c = lattice::wrap_into_box(c, box_lo, period);
    coords.push_back(c);
  }
  return coords;
}

// Planes by single-linkage clustering: each rank clusters its own atoms, the intervals are
// gathered and every rank merges them the same way. The reference of a plane is its lower bound.
ComputeLayerExcess::PlaneAssignment ComputeLayerExcess::assign_planes_by_gap() {
  const bool periodic = domain->periodicity[axis_] != 0;
  const double period = domain->prd[axis_];
  const std::vector<double> coords = group_coordinates();
  std::vector<double> sorted = coords;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<CoordinateInterval> local = lattice::cluster_sorted_coordinates(sorted, gap_distance_);

  int nprocs = 1;
  MPI_Comm_size(world, &nprocs);
  const int my_values = 2 * static_cast<int>(local.size());
  std::vector<int> counts(nprocs), displs(nprocs);
  MPI_Allgather(&my_values, 1, MPI_INT, counts.data(), 1, MPI_INT, world);
  int total_values = 0;
  for (int p = 0; p < nprocs; ++p) {
    displs[p] = total_values;
    total_values += counts[p];
  }
  std::vector<double> send(my_values), recv(total_values);
  for (std::size_t k = 0; k < local.size(); ++k) {
    send[2 * k] = local[k].lo;
    send[2 * k + 1] = local[k].hi;
  }
  MPI_Allgatherv(send.data(), my_values, MPI_DOUBLE, recv.data(), counts.data(), displs.data(),
                 MPI_DOUBLE, world);
  std::vector<CoordinateInterval> all(total_values / 2);
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = {recv[2 * k], recv[2 * k + 1]};
  std::vector<CoordinateInterval> merged = lattice::merge_intervals(std::move(all), gap_distance_);
  const PlaneSet set = periodic ? PlaneSet::periodic_axis(std::move(merged), period, gap_distance_)
                                : PlaneSet::open_axis(std::move(merged));

  PlaneAssignment result;
  for (std::size_t k = 0; k < set.size(); ++k) result.reference.push_back(set[k].lo);
  for (double c : coords) {
    const long k = set.plane_of(c);
    result.plane.push_back(k);
    result.offset.push_back(k >= 0 ? set.unwrapped(c) - set[static_cast<std::size_t>(k)].lo : 0.0);
  }
  return result;
}

// Planes as fixed bins (keyword bins): the occupied bins of all ranks, bottom to top. The
// reference of a plane is its bin centre in the slab's unwrapped frame.
ComputeLayerExcess::PlaneAssignment ComputeLayerExcess::assign_planes_by_bins() {
  const bool periodic = domain->periodicity[axis_] != 0;
  std::unique_ptr<lattice::PlaneBins> bins;
  try {
    bins = std::make_unique<lattice::PlaneBins>(bin_origin_, bin_width_, periodic ? domain->prd[axis_] : 0.0,
                                                domain->boxlo[axis_]);
  } catch (const std::invalid_argument &e) {
    error->all(FLERR, "compute layer/excess: bins {} {}: {}", bin_width_, bin_origin_, e.what());
  }
  const std::vector<double> coords = group_coordinates();
  std::vector<long> bin_of_atom(coords.size());
  for (std::size_t a = 0; a < coords.size(); ++a) bin_of_atom[a] = bins->bin_of(coords[a]);

  // Occupied bins of all ranks: flags over the global index range.
  long range[2] = {LONG_MAX, LONG_MAX};  // lowest index, minus the highest (one MPI_MIN for both)
  for (long k : bin_of_atom) {
    range[0] = std::min(range[0], k);
    range[1] = std::min(range[1], -k);
  }
  long global_range[2];
  MPI_Allreduce(range, global_range, 2, MPI_LONG, MPI_MIN, world);
  PlaneAssignment result;
  if (global_range[0] == LONG_MAX) return result;  // no atoms anywhere
  const long lowest = global_range[0], highest = -global_range[1];
  constexpr long kMaxBins = 10000000;
  if (highest - lowest + 1 > kMaxBins)
    error->all(FLERR, "compute layer/excess: the group's atoms span {} bins of width {} (more than {}); check the "
                      "bins width", highest - lowest + 1, bin_width_, kMaxBins);
  const std::size_t span = static_cast<std::size_t>(highest - lowest + 1);
  std::vector<int> local_flags(span, 0), flags(span, 0);
  for (long k : bin_of_atom) local_flags[static_cast<std::size_t>(k - lowest)] = 1;
  MPI_Allreduce(local_flags.data(), flags.data(), static_cast<int>(span), MPI_INT, MPI_MAX, world);
  std::vector<long> occupied;
  for (std::size_t j = 0; j < span; ++j)
    if (flags[j]) occupied.push_back(lowest + static_cast<long>(j));
  const std::vector<long> order = bins->bottom_to_top(std::move(occupied));

  std::vector<long> plane_of_bin(span, -1);
  for (std::size_t p = 0; p < order.size(); ++p) {
    plane_of_bin[static_cast<std::size_t>(order[p] - lowest)] = static_cast<long>(p);
    result.reference.push_back(bins->unwrapped_centre(order[p], order.front()));
  }
  for (std::size_t a = 0; a < coords.size(); ++a) {
    result.plane.push_back(plane_of_bin[static_cast<std::size_t>(bin_of_atom[a] - lowest)]);
    result.offset.push_back(bins->offset_from_centre(coords[a]));
  }
  return result;
}

void ComputeLayerExcess::compute_layers() {
  const double position_quantum = kPositionQuantumAngstrom * force->angstrom;

  // 1-2. Each group atom of this rank gets a plane (index from the bottom) and an offset from
  // that plane's reference coordinate; identical planes on every rank.
  PlaneAssignment planes = plane_by_ == PlaneBy::kBins ? assign_planes_by_bins() : assign_planes_by_gap();
  const int nplanes = static_cast<int>(planes.reference.size());
  if (nplanes == 0) error->all(FLERR, "compute layer/excess: group {} has no atoms", group->names[igroup]);

  // 3. Per-plane integer sums: atom count per type, and position offsets in fixed point.
  const int *mask = atom->mask;
  const int *type = atom->type;
  const int nlocal = atom->nlocal;
  const int stride = ntypes_ + 1;  // per plane: ntypes counts, then the position sum
  std::vector<long long> local_sums(static_cast<std::size_t>(nplanes) * stride, 0);
  std::size_t next = 0;
  for (int i = 0; i < nlocal; ++i) {
    if (!(mask[i] & groupbit)) continue;
    const long k = planes.plane[next];
    const double offset = planes.offset[next];
    ++next;
    if (k < 0 || k >= nplanes) error->one(FLERR, "compute layer/excess: internal error, atom outside every plane");
    long long *row = &local_sums[static_cast<std::size_t>(k) * stride];
    row[type[i] - 1] += 1;
    row[ntypes_] += std::llround(offset / position_quantum);
  }
  std::vector<long long> sums(local_sums.size(), 0);
  MPI_Allreduce(local_sums.data(), sums.data(), static_cast<int>(sums.size()), MPI_LONG_LONG, MPI_SUM,
                world);
  const bool periodic = domain->periodicity[axis_] != 0;
  const double box_lo = domain->boxlo[axis_];
  const double period = domain->prd[axis_];

  // 4. Bulk reference: solute fraction over the bulk planes.
  std::vector<long long> plane_total(nplanes, 0);
  for (int k = 0; k < nplanes; ++k)
    for (int t = 0; t < ntypes_; ++t) plane_total[k] += sums[static_cast<std::size_t>(k) * stride + t];
  auto position_of = [&](int k) {
    return planes.reference[k] + static_cast<double>(sums[static_cast<std::size_t>(k) * stride + ntypes_]) *
                              position_quantum / static_cast<double>(plane_total[k]);
  };
  int first_bulk = -1, last_bulk = -1;
  if (bulk_by_ == BulkBy::kPlaneIndex) {
    if (bulk_last_ > nplanes)
      error->all(FLERR, "compute layer/excess: bulk layers {} {} but only {} planes were found", bulk_first_,
                 bulk_last_, nplanes);
    first_bulk = bulk_first_ - 1;
    last_bulk = bulk_last_ - 1;
  } else {
    int selected = 0;
    for (int k = 0; k < nplanes; ++k) {
      double pos = position_of(k);
      if (periodic) pos = lattice::wrap_into_box(pos, box_lo, period);
      if (pos >= bulk_lo_ && pos <= bulk_hi_) {
        if (first_bulk < 0) first_bulk = k;
        last_bulk = k;
        ++selected;
      }
    }
    if (first_bulk < 0)
      error->all(FLERR, "compute layer/excess: no atomic plane lies in the bulk region {} {} ({} planes found)",
                 bulk_lo_, bulk_hi_, nplanes);
    // The bulk must be one run of consecutive planes (it separates the two surfaces). On a
    // periodic axis a region can catch planes from both ends of a slab across the boundary.
    if (selected != last_bulk - first_bulk + 1)
      error->all(FLERR, "compute layer/excess: the bulk region {} {} holds planes {} to {} but not all planes "
                        "between them (slab across the periodic boundary?); use 'bulk layers <first> <last>'",
                 bulk_lo_, bulk_hi_, first_bulk + 1, last_bulk + 1);
  }
  long long bulk_atoms = 0, bulk_solute = 0;
  for (int k = first_bulk; k <= last_bulk; ++k) {
    bulk_atoms += plane_total[k];
    bulk_solute += sums[static_cast<std::size_t>(k) * stride + solute_type_ - 1];
  }
  const double x_bulk = static_cast<double>(bulk_solute) / static_cast<double>(bulk_atoms);
  const double area = in_plane_area();

  // 5. Outputs.
  if (lock_fix_ && nplanes != locked_rows_)
    error->all(FLERR, "compute layer/excess: the number of planes changed from {} to {} inside an averaging "
                      "window of fix {}; average with nrepeat 1 and ave one, or give the deck a fixed set of "
                      "planes", locked_rows_, nplanes, lock_fix_->id);
  resize_array(nplanes);
  double excess_lower = 0.0, excess_upper = 0.0, excess_total = 0.0;
  for (int k = 0; k < nplanes; ++k) {
    const long long *row = &sums[static_cast<std::size_t>(k) * stride];
    const double n_plane = static_cast<double>(plane_total[k]);
    const double n_solute = static_cast<double>(row[solute_type_ - 1]);
    const double excess = (n_solute - x_bulk * n_plane) / area;
    array[k][0] = position_of(k);
    array[k][1] = n_plane;
    for (int t = 0; t < ntypes_; ++t) array[k][2 + t] = static_cast<double>(row[t]);
    array[k][2 + ntypes_] = n_solute / n_plane;
    array[k][3 + ntypes_] = excess;
    if (k < first_bulk) excess_lower += excess;
    if (k > last_bulk) excess_upper += excess;
    excess_total += excess;
  }
  vector[kPlaneCount] = nplanes;
  vector[kBulkSoluteFraction] = x_bulk;
  vector[kExcessLower] = excess_lower;
  vector[kExcessUpper] = excess_upper;
  vector[kExcessTotal] = excess_total;
  vector[kArea] = area;
  vector[kBulkPlaneCount] = last_bulk - first_bulk + 1;
}

double ComputeLayerExcess::memory_usage() {
  return static_cast<double>(allocated_rows_) * columns_ * sizeof(double) + kVectorSize * sizeof(double);
}

}  // namespace anodekmc
