// Unit tests of the fixed plane bins behind compute layer/excess's 'bins' keyword (no LAMMPS).
#include "lattice/plane_bins.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

using anodekmc::lattice::PlaneBins;

TEST(PlaneBins, OpenAxisIndicesAndOffsets) {
  const PlaneBins bins(1.0, 2.0, 0.0, -100.0);  // centres at ..., -1, 1, 3, 5, ...
  EXPECT_FALSE(bins.periodic());
  EXPECT_EQ(bins.bin_of(1.0), 0);
  EXPECT_EQ(bins.bin_of(1.99), 0);
  EXPECT_EQ(bins.bin_of(2.0), 1);  // a bin holds [centre - w/2, centre + w/2)
  EXPECT_EQ(bins.bin_of(-0.01), -1);
  EXPECT_NEAR(bins.offset_from_centre(3.7), 0.7, 1e-12);
  EXPECT_NEAR(bins.offset_from_centre(2.0), -1.0, 1e-12);
  EXPECT_EQ(bins.bottom_to_top({4, -1, 2, 2, -1}), (std::vector<long>{-1, 2, 4}));
  EXPECT_DOUBLE_EQ(bins.unwrapped_centre(-1, -1), -1.0);
  EXPECT_DOUBLE_EQ(bins.unwrapped_centre(4, -1), 9.0);
}

TEST(PlaneBins, PeriodicAxisWrapsIndicesContinuously) {
  // Box [0, 10), bins of 1 centred on 0.3 + k: bin 0 holds [-0.2, 0.8), bin 9 [8.8, 9.8), and
  // [9.8, 10) belongs to bin 0 again (its raw index is 10).
  const PlaneBins bins(5.3, 1.0, 10.0, 0.0);
  EXPECT_TRUE(bins.periodic());
  EXPECT_EQ(bins.bin_count(), 10);
  EXPECT_EQ(bins.bin_of(0.1), 0);
  EXPECT_EQ(bins.bin_of(9.9), 0);
  EXPECT_EQ(bins.bin_of(9.5), 9);
  EXPECT_EQ(bins.bin_of(-0.1), 0);   // wrapped to 9.9
  EXPECT_EQ(bins.bin_of(10.55), 0);  // wrapped to 0.55
  EXPECT_NEAR(bins.offset_from_centre(9.9), -0.4, 1e-12);
  EXPECT_NEAR(bins.offset_from_centre(0.1), -0.2, 1e-12);
  EXPECT_NEAR(bins.offset_from_centre(0.7), 0.4, 1e-12);
}

TEST(PlaneBins, BottomIsAboveTheLongestEmptyRunCyclically) {
  const PlaneBins bins(0.0, 1.0, 20.0, 0.0);
  // A slab across the boundary: bins 17..19 and 0..4 occupied, the vacuum is 5..16.
  const std::vector<long> order = bins.bottom_to_top({0, 1, 2, 3, 4, 17, 18, 19});
  EXPECT_EQ(order, (std::vector<long>{17, 18, 19, 0, 1, 2, 3, 4}));
  // Centres increase upwards through the boundary.
  EXPECT_DOUBLE_EQ(bins.unwrapped_centre(19, 17), 19.0);
  EXPECT_DOUBLE_EQ(bins.unwrapped_centre(0, 17), 20.0);
  EXPECT_DOUBLE_EQ(bins.unwrapped_centre(4, 17), 24.0);
  // A slab inside the box keeps index order; an adatom-like lone bin stays with its slab side.
  EXPECT_EQ(bins.bottom_to_top({6, 5, 7, 9}), (std::vector<long>{5, 6, 7, 9}));
}

TEST(PlaneBins, RejectsBadWidthsAndIncommensurateBoxes) {
  EXPECT_THROW(PlaneBins(0.0, 0.0, 0.0, 0.0), std::invalid_argument);
  EXPECT_THROW(PlaneBins(0.0, -1.0, 0.0, 0.0), std::invalid_argument);
  EXPECT_THROW(PlaneBins(0.0, 3.0, 10.0, 0.0), std::invalid_argument);
  EXPECT_NO_THROW(PlaneBins(0.0, 2.5, 10.0, 0.0));
  // A box that is a whole number of widths up to round-off (lattice units) is accepted.
  EXPECT_NO_THROW(PlaneBins(0.0, 3.4898 / 2, 20 * 3.4898, -5 * 3.4898));
}
