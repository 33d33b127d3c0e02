// Atomic planes of a slab as fixed bins along the surface normal.
//
// At finite temperature in MD the atoms of one plane spread by a few tenths of an Ångström
// (Li at 400 K: about 0.25 Å RMS, more at the surface), so the gaps between neighbouring
// planes close now and then and gap clustering (plane_clustering.hpp) merges planes. Bins of
// the interplanar spacing, centred on the ideal plane positions, keep each atom in its plane
// as long as it stays within half a spacing of it, which holds in a crystal below melting.
//
// Bins have width w and centres c0 + k w. On a periodic axis of length L, L must be a whole
// number n of widths, bins are indexed 0..n-1 (bin 0 centred within w/2 of the box's lower
// edge) and wrap; on an open axis the index is any integer. No LAMMPS headers: the compute
// layer/excess gathers the occupied bins over MPI ranks and passes them here.
#pragma once

#include <vector>

namespace anodekmc::lattice {

class PlaneBins {
 public:
  /// Bins of `width` centred on `origin` + k `width`. `period` = box length along the axis
  /// (0 for an open axis), `box_lo` = the box's lower edge. Throws std::invalid_argument if the
  /// width is not positive and finite or a periodic length is not a whole number of widths
  /// (relative tolerance 1e-6).
  PlaneBins(double origin, double width, double period, double box_lo);

  bool periodic() const { return bin_count_ > 0; }
  /// Number of bins around a periodic axis (0 on an open axis).
  long bin_count() const { return bin_count_; }

  /// Bin of a coordinate (wrapped into the box first on a periodic axis), and the coordinate's
  /// offset from that bin's centre, in [-width/2, width/2).
  long bin_of(double coord) const;
  double offset_from_centre(double coord) const;

  /// The occupied bins (any order, duplicates allowed) from the bottom plane of the slab to the
  /// top one. On a periodic axis the bottom is the occupied bin above the longest run of empty
  /// bins, counted cyclically (the vacuum); ties go to the lowest index.
  std::vector<long> bottom_to_top(std::vector<long> occupied) const;

  /// Centre of a bin in the unwrapped frame of a slab whose bottom plane is bin `bottom`: bins
  /// below `bottom` on a periodic axis lie one period higher, so centres increase upwards.
  double unwrapped_centre(long bin, long bottom) const;

 private:
  double width_ = 1.0;
  double first_centre_ = 0.0;  // centre of bin 0
  double box_lo_ = 0.0;
  double period_ = 0.0;
  long bin_count_ = 0;

  double wrapped(double coord) const;
  long raw_index(double coord) const;  // before wrapping the index
};

}  // namespace anodekmc::lattice
