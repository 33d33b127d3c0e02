#include "lattice/plane_bins.hpp"

#include "lattice/plane_clustering.hpp"  // wrap_into_box

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace anodekmc::lattice {

PlaneBins::PlaneBins(double origin, double width, double period, double box_lo)
    : width_(width), box_lo_(box_lo), period_(period) {
  if (!(width > 0.0) || !std::isfinite(width))
    throw std::invalid_argument("plane bin width must be positive and finite, got " + std::to_string(width));
  if (!std::isfinite(origin)) throw std::invalid_argument("plane bin origin must be finite");
  if (period > 0.0) {
    const double ratio = period / width;
    bin_count_ = std::lround(ratio);
    if (bin_count_ < 1 || std::fabs(ratio - static_cast<double>(bin_count_)) > 1e-6 * ratio)
      throw std::invalid_argument("the periodic box length " + std::to_string(period) +
                                  " is not a whole number of plane bin widths " + std::to_string(width) +
                                  " (ratio " + std::to_string(ratio) + ")");
    // The bins tile the period exactly: use the width that does so, so that wrapping never
    // splits a bin at the boundary by round-off.
    width_ = period / static_cast<double>(bin_count_);
    // Bin 0 is the one centred within half a width of the lower box edge.
    first_centre_ = origin - width_ * std::floor((origin - box_lo) / width_ + 0.5);
  } else {
    first_centre_ = origin;
  }
}

double PlaneBins::wrapped(double coord) const {
  return periodic() ? wrap_into_box(coord, box_lo_, period_) : coord;
}

long PlaneBins::raw_index(double coord) const {
  return static_cast<long>(std::floor((wrapped(coord) - first_centre_) / width_ + 0.5));
}

long PlaneBins::bin_of(double coord) const {
  const long k = raw_index(coord);
  if (!periodic()) return k;
  return ((k % bin_count_) + bin_count_) % bin_count_;
}

double PlaneBins::offset_from_centre(double coord) const {
  // Relative to the centre of the unwrapped index, so the offset is continuous across the
  // periodic boundary.
  return wrapped(coord) - (first_centre_ + static_cast<double>(raw_index(coord)) * width_);
}

std::vector<long> PlaneBins::bottom_to_top(std::vector<long> occupied) const {
  std::sort(occupied.begin(), occupied.end());
  occupied.erase(std::unique(occupied.begin(), occupied.end()), occupied.end());
  if (!periodic() || occupied.size() < 2) return occupied;
  const std::size_t n = occupied.size();
  std::size_t bottom = 0;
  long longest_empty = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const long below = occupied[(i + n - 1) % n];
    const long empty = i == 0 ? occupied[0] + bin_count_ - below - 1 : occupied[i] - below - 1;
    if (empty > longest_empty) {
      longest_empty = empty;
      bottom = i;
    }
  }
  std::rotate(occupied.begin(), occupied.begin() + static_cast<std::ptrdiff_t>(bottom), occupied.end());
  return occupied;
}

double PlaneBins::unwrapped_centre(long bin, long bottom) const {
  double centre = first_centre_ + static_cast<double>(bin) * width_;
  if (periodic() && bin < bottom) centre += period_;
  return centre;
}

}  // namespace anodekmc::lattice
