// Unit tests of the 1D plane clustering behind compute layer/excess (no LAMMPS).
#include "lattice/plane_clustering.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

using anodekmc::lattice::cluster_sorted_coordinates;
using anodekmc::lattice::CoordinateInterval;
using anodekmc::lattice::merge_intervals;
using anodekmc::lattice::PlaneSet;
using anodekmc::lattice::wrap_into_box;

namespace {

// Atoms of `nplanes` planes at spacing `d` starting at z0, `per_plane` atoms each, shaken by
// uniform noise in [-amp, amp].
std::vector<double> noisy_planes(int nplanes, int per_plane, double z0, double d, double amp, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> noise(-amp, amp);
  std::vector<double> z;
  for (int p = 0; p < nplanes; ++p)
    for (int i = 0; i < per_plane; ++i) z.push_back(z0 + p * d + noise(rng));
  return z;
}

}  // namespace

TEST(PlaneClustering, SeparatesNoisyPlanes) {
  auto z = noisy_planes(12, 50, 0.0, 1.755, 0.3, 1);
  std::sort(z.begin(), z.end());
  const auto planes = cluster_sorted_coordinates(z, 0.5);
  ASSERT_EQ(planes.size(), 12u);
  for (std::size_t p = 0; p < planes.size(); ++p) {
    EXPECT_GE(planes[p].lo, p * 1.755 - 0.3);
    EXPECT_LE(planes[p].hi, p * 1.755 + 0.3);
  }
}

TEST(PlaneClustering, GapDecidesLinking) {
  const std::vector<double> z = {0.0, 0.4, 0.8, 2.0};
  EXPECT_EQ(cluster_sorted_coordinates(z, 0.5).size(), 2u);   // 0.8 -> 2.0 breaks
  EXPECT_EQ(cluster_sorted_coordinates(z, 1.3).size(), 1u);   // every step <= 1.3
  EXPECT_EQ(cluster_sorted_coordinates(z, 0.3).size(), 4u);   // every step > 0.3
  EXPECT_THROW(cluster_sorted_coordinates(z, 0.0), std::invalid_argument);
  EXPECT_TRUE(cluster_sorted_coordinates({}, 0.5).empty());
}

// Splitting the atoms over any number of "ranks" and merging their local clusters must give
// exactly the clusters of all atoms together (single linkage is decomposable).
TEST(PlaneClustering, MergeOfPartitionsEqualsGlobalClustering) {
  auto z = noisy_planes(9, 40, -3.0, 2.48, 0.45, 7);
  std::vector<double> sorted = z;
  std::sort(sorted.begin(), sorted.end());
  const auto global = cluster_sorted_coordinates(sorted, 0.8);
  for (int nparts : {1, 2, 3, 7, 16}) {
    std::vector<std::vector<double>> parts(nparts);
    std::mt19937 rng(nparts);
    for (double c : z) parts[rng() % nparts].push_back(c);
    std::vector<CoordinateInterval> all;
    for (auto &part : parts) {
      std::sort(part.begin(), part.end());
      const auto local = cluster_sorted_coordinates(part, 0.8);
      all.insert(all.end(), local.begin(), local.end());
    }
    const auto merged = merge_intervals(all, 0.8);
    ASSERT_EQ(merged.size(), global.size()) << nparts << " parts";
    for (std::size_t k = 0; k < merged.size(); ++k) {
      EXPECT_EQ(merged[k].lo, global[k].lo);
      EXPECT_EQ(merged[k].hi, global[k].hi);
    }
  }
}

TEST(PlaneClustering, OpenAxisLookup) {
  const PlaneSet set = PlaneSet::open_axis({{0.0, 0.2}, {1.7, 1.9}, {3.5, 3.6}});
  EXPECT_EQ(set.size(), 3u);
  EXPECT_EQ(set.plane_of(0.1), 0);
  EXPECT_EQ(set.plane_of(1.7), 1);
  EXPECT_EQ(set.plane_of(3.6), 2);
  EXPECT_EQ(set.plane_of(1.0), -1);   // between planes
  EXPECT_EQ(set.plane_of(-1.0), -1);  // below all
  EXPECT_EQ(set.plane_of(9.0), -1);   // above all
}

// A slab in a periodic box that crosses the boundary: the planes must be ordered from the one
// above the vacuum, unwrapped, with the straddling plane counted once.
TEST(PlaneClustering, PeriodicSlabAcrossBoundary) {
  const double lo = 0.0, period = 20.0;
  // planes at 15.0, 16.75, 18.5, 20.25 (-> 0.25), 22.0 (-> 2.0); one more straddles: 19.95..20.05
  std::vector<double> z;
  for (double c : {15.0, 15.1, 16.75, 16.8, 18.5, 18.45, 19.95, 20.05, 21.75, 21.8, 23.5, 23.45})
    z.push_back(wrap_into_box(c, lo, period));
  std::sort(z.begin(), z.end());
  const auto merged = merge_intervals(cluster_sorted_coordinates(z, 0.5), 0.5);
  const PlaneSet set = PlaneSet::periodic_axis(merged, period, 0.5);
  ASSERT_EQ(set.size(), 6u);
  for (std::size_t k = 1; k < set.size(); ++k) EXPECT_GT(set[k].lo, set[k - 1].hi);
  EXPECT_NEAR(set[0].lo, 15.0, 1e-12);
  EXPECT_NEAR(set[3].lo, 19.95, 1e-12);   // the straddling plane, one interval
  EXPECT_NEAR(set[3].hi, 20.05, 1e-12);
  EXPECT_NEAR(set[5].hi, 23.5, 1e-12);
  // Every atom maps to the plane it was built from.
  EXPECT_EQ(set.plane_of(wrap_into_box(15.1, lo, period)), 0);
  EXPECT_EQ(set.plane_of(wrap_into_box(19.95, lo, period)), 3);
  EXPECT_EQ(set.plane_of(wrap_into_box(20.05, lo, period)), 3);
  EXPECT_EQ(set.plane_of(wrap_into_box(23.45, lo, period)), 5);
  EXPECT_EQ(set.plane_of(10.0), -1);  // in the vacuum
}

TEST(PlaneClustering, PeriodicBulkWithoutVacuumKeepsEveryPlane) {
  // 8 planes filling a periodic box evenly: all gaps equal, the lowest one is picked.
  std::vector<double> z;
  for (int p = 0; p < 8; ++p) z.push_back(0.5 + 2.0 * p);
  const PlaneSet set = PlaneSet::periodic_axis(merge_intervals(cluster_sorted_coordinates(z, 0.5), 0.5), 16.0, 0.5);
  ASSERT_EQ(set.size(), 8u);
  EXPECT_DOUBLE_EQ(set[0].lo, 0.5);
  EXPECT_DOUBLE_EQ(set[7].lo, 14.5);
}

TEST(PlaneClustering, WrapIntoBox) {
  EXPECT_DOUBLE_EQ(wrap_into_box(5.0, 0.0, 10.0), 5.0);
  EXPECT_DOUBLE_EQ(wrap_into_box(12.5, 0.0, 10.0), 2.5);
  EXPECT_DOUBLE_EQ(wrap_into_box(-0.5, 0.0, 10.0), 9.5);
  EXPECT_DOUBLE_EQ(wrap_into_box(10.0, 0.0, 10.0), 0.0);
  const double w = wrap_into_box(-1e-17, 0.0, 10.0);  // round-off at the upper edge
  EXPECT_GE(w, 0.0);
  EXPECT_LT(w, 10.0);
}
