// compute layer/excess: per-plane composition and Gibbsian excess of a solute in a slab.
// Documentation: docs/compute_layer_excess.md.
#pragma once

#include "compute.h"

#include <string>
#include <vector>

namespace anodekmc {

class ComputeLayerExcess : public LAMMPS_NS::Compute {
 public:
  ComputeLayerExcess(LAMMPS_NS::LAMMPS *instance, int narg, char **arg);
  ~ComputeLayerExcess() override;

  void init() override;
  void compute_vector() override;
  void compute_array() override;
  int lock_length() override;  // number of planes now: the row count fix ave/time will get
  void lock(LAMMPS_NS::Fix *fix, LAMMPS_NS::bigint start, LAMMPS_NS::bigint stop) override;
  void unlock(LAMMPS_NS::Fix *fix) override;
  double memory_usage() override;

  // Layout of the global vector (1-based in LAMMPS syntax: c_ID[1] is kPlaneCount).
  enum VectorEntry {
    kPlaneCount = 0,
    kBulkSoluteFraction,
    kExcessLower,
    kExcessUpper,
    kExcessTotal,
    kArea,
    kBulkPlaneCount,
    kVectorSize
  };

 private:
  enum class BulkBy { kCoordinate, kPlaneIndex };
  enum class PlaneBy { kGap, kBins };
  // Planes of this rank's group atoms (in index order): plane index from the bottom and offset
  // from the plane's reference coordinate; the references are the same on every rank.
  struct PlaneAssignment {
    std::vector<long> plane;
    std::vector<double> offset;
    std::vector<double> reference;
  };

  int axis_ = 2;                      // 0, 1, 2 = x, y, z: the surface normal
  int solute_type_ = 1;               // LAMMPS atom type whose excess is reported
  PlaneBy plane_by_ = PlaneBy::kGap;
  double gap_distance_ = 0.5;         // planes are separated by empty stretches wider than this
  double bin_width_ = 0.0;            // or: planes are bins of this width (distance units) ...
  double bin_origin_ = 0.0;           // ... centred on bin_origin_ + k bin_width_
  BulkBy bulk_by_ = BulkBy::kCoordinate;
  double bulk_lo_ = 0.0, bulk_hi_ = 0.0;  // bulk region along the axis (distance units)
  int bulk_first_ = 0, bulk_last_ = 0;    // or: bulk planes by 1-based index from the bottom

  int ntypes_ = 0;
  int columns_ = 0;  // position, count, count per type, solute fraction, excess per area
  int allocated_rows_ = 0;
  LAMMPS_NS::Fix *lock_fix_ = nullptr;  // fix ave/time averaging over a window, if any
  int locked_rows_ = 0;                 // plane count when it locked

  void compute_layers();
  std::vector<double> group_coordinates() const;
  PlaneAssignment assign_planes_by_gap();
  PlaneAssignment assign_planes_by_bins();
  void check_box() const;
  double in_plane_area() const;
  void resize_array(int rows);
};

}  // namespace anodekmc
