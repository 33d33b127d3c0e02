// Atomic planes of a slab from the atom coordinates along the surface normal.
//
// Planes are found by single-linkage clustering in one dimension: two atoms belong to the same
// plane when a chain of atoms connects them with no step along the normal larger than `gap`.
// Unlike fixed bins this never splits a plane across two bins or merges two planes into one
// bin (aliasing), whatever the thermal spread or the lattice spacing, as long as the spread
// within a plane stays below `gap` and the spacing between planes above it.
//
// The clustering is split so it runs in parallel: each process clusters its own atoms
// (cluster_sorted_coordinates), the per-process intervals are exchanged, and every process
// merges all of them (merge_intervals). Single linkage makes this exact: a local cluster is a
// subset of one global cluster, and two intervals belong to the same global cluster exactly
// when they overlap or are at most `gap` apart.
#pragma once

#include <cstddef>
#include <vector>

namespace anodekmc::lattice {

/// A closed interval [lo, hi] of coordinates (distance units) covered by one plane.
struct CoordinateInterval {
  double lo = 0.0;
  double hi = 0.0;
};

/// Clusters coordinates that are already sorted ascending; returns one interval per cluster,
/// ascending. `gap_distance` must be positive.
std::vector<CoordinateInterval> cluster_sorted_coordinates(const std::vector<double> &sorted_coords,
                                                           double gap_distance);

/// Merges intervals from any number of processes (any order) into disjoint clusters on an open
/// (non-periodic) axis, ascending.
std::vector<CoordinateInterval> merge_intervals(std::vector<CoordinateInterval> intervals,
                                                double gap_distance);

/// The planes of a slab along one axis, ordered from the bottom surface to the top one.
///
/// On a periodic axis the bottom plane is the one above the largest empty gap (the vacuum
/// of a slab), and planes above the periodic boundary are reported unwrapped: their
/// coordinates are the box coordinates plus the box length, so positions always increase with
/// the plane index. A plane that straddles the periodic boundary is one plane.
class PlaneSet {
 public:
  /// Planes on an open axis: `merged` from merge_intervals().
  static PlaneSet open_axis(std::vector<CoordinateInterval> merged);
  /// Planes on a periodic axis of length `period`; `merged` from merge_intervals() over
  /// coordinates wrapped into the box (wrap_into_box).
  static PlaneSet periodic_axis(std::vector<CoordinateInterval> merged, double period,
                                double gap_distance);

  std::size_t size() const { return planes_.size(); }
  const CoordinateInterval &operator[](std::size_t i) const { return planes_[i]; }

  /// The coordinate of an atom in the frame of the planes: unchanged on an open axis, shifted by
  /// one period on a periodic axis if the atom lies below the bottom plane's lower bound.
  /// `coord` must already be wrapped into the box on a periodic axis.
  double unwrapped(double coord) const;

  /// Index of the plane that holds an atom at (box) coordinate `coord`, or -1 if none does.
  long plane_of(double coord) const;

 private:
  std::vector<CoordinateInterval> planes_;
  bool periodic_ = false;
  double period_ = 0.0;
};

/// Wraps a coordinate into [lo, lo + period). Used identically wherever planes are built and
/// looked up, so an atom always maps to the same unwrapped value.
double wrap_into_box(double coord, double lo, double period);

}  // namespace anodekmc::lattice
