#include "lattice/plane_clustering.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace anodekmc::lattice {

std::vector<CoordinateInterval> cluster_sorted_coordinates(const std::vector<double> &sorted_coords,
                                                           double gap_distance) {
  if (!(gap_distance > 0.0)) throw std::invalid_argument("plane gap must be positive");
  std::vector<CoordinateInterval> clusters;
  for (double c : sorted_coords) {
    if (clusters.empty() || c - clusters.back().hi > gap_distance) {
      clusters.push_back({c, c});
    } else {
      clusters.back().hi = c;  // sorted input: c >= hi
    }
  }
  return clusters;
}

std::vector<CoordinateInterval> merge_intervals(std::vector<CoordinateInterval> intervals,
                                                double gap_distance) {
  if (!(gap_distance > 0.0)) throw std::invalid_argument("plane gap must be positive");
  std::sort(intervals.begin(), intervals.end(),
            [](const CoordinateInterval &a, const CoordinateInterval &b) {
              return a.lo < b.lo || (a.lo == b.lo && a.hi < b.hi);
            });
  std::vector<CoordinateInterval> merged;
  for (const auto &iv : intervals) {
    if (merged.empty() || iv.lo - merged.back().hi > gap_distance) {
      merged.push_back(iv);
    } else {
      merged.back().hi = std::max(merged.back().hi, iv.hi);
    }
  }
  return merged;
}

PlaneSet PlaneSet::open_axis(std::vector<CoordinateInterval> merged) {
  PlaneSet set;
  set.planes_ = std::move(merged);
  return set;
}

PlaneSet PlaneSet::periodic_axis(std::vector<CoordinateInterval> merged, double period,
                                 double gap_distance) {
  PlaneSet set;
  set.periodic_ = true;
  set.period_ = period;
  if (merged.empty()) return set;

  // A plane that straddles the boundary shows up as the last and the first interval; join them
  // (the joined interval is expressed in the unwrapped frame of the last one).
  if (merged.size() > 1 && (merged.front().lo + period) - merged.back().hi <= gap_distance) {
    merged.back().hi = merged.front().hi + period;
    merged.erase(merged.begin());
  }
  const std::size_t n = merged.size();
  if (n == 1) {
    set.planes_ = std::move(merged);
    return set;
  }
  // The bottom plane is the one above the largest empty gap, the cyclic one included. Ties go
  // to the lowest index so the choice is deterministic.
  std::size_t bottom = 0;
  double largest_gap = -1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t below = (i + n - 1) % n;
    const double gap = (i == 0) ? merged[0].lo + period - merged[n - 1].hi
                                : merged[i].lo - merged[below].hi;
    if (gap > largest_gap) {
      largest_gap = gap;
      bottom = i;
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = (bottom + k) % n;
    CoordinateInterval iv = merged[i];
    if (i < bottom) {  // lies above the periodic boundary in the unwrapped frame
      iv.lo += period;
      iv.hi += period;
    }
    set.planes_.push_back(iv);
  }
  return set;
}

double PlaneSet::unwrapped(double coord) const {
  if (periodic_ && !planes_.empty() && coord < planes_.front().lo) return coord + period_;
  return coord;
}

long PlaneSet::plane_of(double coord) const {
  const double u = unwrapped(coord);
  // Last plane whose lower bound is <= u.
  auto it = std::upper_bound(planes_.begin(), planes_.end(), u,
                             [](double value, const CoordinateInterval &iv) { return value < iv.lo; });
  if (it == planes_.begin()) return -1;
  --it;
  if (u > it->hi) return -1;
  return static_cast<long>(it - planes_.begin());
}

double wrap_into_box(double coord, double lo, double period) {
  double w = coord - period * std::floor((coord - lo) / period);
  // Guard the upper edge against round-off: the result must lie in [lo, lo + period).
  if (w >= lo + period) w -= period;
  if (w < lo) w = lo;
  return w;
}

}  // namespace anodekmc::lattice
