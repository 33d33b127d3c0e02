// Unit tests of the adsorption-site nets behind fix hop/detect (no LAMMPS): nearest site against
// a brute-force search, net geometry against crystallography, jump classification.
#include "lattice/adsorption_net.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

using anodekmc::lattice::AdsorptionNet;
using anodekmc::lattice::NetPoint;
using anodekmc::lattice::NetSite;

namespace {

// Nearest site by scanning a wide block of sites around the origin (independent of the
// rounding scheme in nearest_site).
NetSite brute_force_nearest(const AdsorptionNet &net, const NetPoint &p, long range) {
  NetSite best{0, 0};
  double best_d2 = net.distance2(p, best);
  for (long j = -range; j <= range; ++j)
    for (long i = -range; i <= range; ++i) {
      const double d2 = net.distance2(p, {i, j});
      if (d2 < best_d2) {
        best_d2 = d2;
        best = {i, j};
      }
    }
  return best;
}

TEST(AdsorptionNet, NearestSiteEqualsBruteForceOnEveryNet) {
  std::mt19937_64 rng(20261202);
  for (const auto &style : AdsorptionNet::style_names()) {
    const NetPoint origin{0.37, -1.21};
    const AdsorptionNet net = AdsorptionNet::by_name(style, 3.4898, origin);
    std::uniform_real_distribution<double> coord(-12.0, 12.0);
    for (int n = 0; n < 4000; ++n) {
      const NetPoint p{coord(rng), coord(rng)};
      const NetSite fast = net.nearest_site(p);
      const NetSite slow = brute_force_nearest(net, p, 20);
      // Equal sites, or (on an exact tie, measure zero) equal distances.
      EXPECT_NEAR(net.distance2(p, fast), net.distance2(p, slow), 1e-12) << style << " at " << p.x << " " << p.y;
    }
  }
}

TEST(AdsorptionNet, SitesAreTheirOwnNearestSiteAndNeighboursAtTheRightDistance) {
  const double a = 3.4898;
  struct Case {
    const char *style;
    double nearest;
    int directions;
  };
  const Case cases[] = {{"square", a, 4},          {"bcc100", a, 4},
                        {"fcc100", a / std::sqrt(2.0), 4}, {"centred/rect", 0.5 * std::sqrt(3.0) * a, 4},
                        {"bcc110", 0.5 * std::sqrt(3.0) * a, 4}, {"triangular", a, 6},
                        {"fcc111", a / std::sqrt(2.0), 6},       {"hcp0001", a, 6}};
  for (const auto &c : cases) {
    const AdsorptionNet net = AdsorptionNet::by_name(c.style, a, {1.0, 2.0});
    EXPECT_NEAR(net.nearest_distance(), c.nearest, 1e-12) << c.style;
    ASSERT_EQ(net.direction_count(), c.directions) << c.style;
    for (long i = -3; i <= 3; ++i)
      for (long j = -3; j <= 3; ++j) EXPECT_EQ(net.nearest_site(net.position({i, j})), (NetSite{i, j})) << c.style;
    // Every hop direction reaches a site at the nearest distance; directions come in opposite pairs.
    for (int k = 0; k < net.direction_count(); ++k) {
      const NetSite to{net.direction_di(k), net.direction_dj(k)};
      EXPECT_NEAR(std::sqrt(net.jump_length2({0, 0}, to)), c.nearest, 1e-12) << c.style << " direction " << k;
      EXPECT_EQ(net.direction_of({5, -7}, {5 + to.i, -7 + to.j}), k);
      EXPECT_EQ(net.direction_di(k ^ 1), -net.direction_di(k));
      EXPECT_EQ(net.direction_dj(k ^ 1), -net.direction_dj(k));
      EXPECT_FALSE(net.direction_label(k).empty());
    }
    // No other site is as close as the nearest distance: count sites within 1.01 d of a site.
    int close = 0;
    for (long i = -4; i <= 4; ++i)
      for (long j = -4; j <= 4; ++j) {
        const double d = std::sqrt(net.jump_length2({0, 0}, {i, j}));
        if (d > 1e-9 && d < 1.01 * c.nearest) ++close;
      }
    EXPECT_EQ(close, c.directions) << c.style;
  }
}

TEST(AdsorptionNet, JumpsBeyondTheNearestSitesAreLong) {
  const AdsorptionNet square = AdsorptionNet::by_name("square", 2.0);
  EXPECT_EQ(square.direction_of({0, 0}, {1, 1}), -1);  // diagonal, 2 sqrt 2
  EXPECT_EQ(square.direction_of({0, 0}, {2, 0}), -1);
  EXPECT_EQ(square.direction_of({3, 3}, {3, 3}), -1);  // no jump
  EXPECT_EQ(square.direction_of({0, 0}, {1, 0}), 0);
  EXPECT_EQ(square.direction_of({0, 0}, {-1, 0}), 1);
  EXPECT_EQ(square.direction_of({0, 0}, {0, 1}), 2);
  EXPECT_EQ(square.direction_of({0, 0}, {0, -1}), 3);
  EXPECT_DOUBLE_EQ(square.jump_length2({0, 0}, {1, 1}), 8.0);
  // bcc(110): +-e1 (length a) is the second shell, a long jump.
  const AdsorptionNet bcc110 = AdsorptionNet::by_name("bcc110", 3.0);
  EXPECT_EQ(bcc110.direction_of({0, 0}, {1, 0}), -1);
  EXPECT_DOUBLE_EQ(bcc110.jump_length2({0, 0}, {1, 0}), 9.0);
  // triangular: e1 + e2 is at sqrt 3 d, long.
  const AdsorptionNet tri = AdsorptionNet::by_name("triangular", 1.0);
  EXPECT_EQ(tri.direction_of({0, 0}, {1, 1}), -1);
  EXPECT_NEAR(tri.jump_length2({0, 0}, {1, 1}), 3.0, 1e-12);
}

TEST(AdsorptionNet, OriginShiftsTheNetAndSquareSitesAreAtIntegerMultiples) {
  const AdsorptionNet net = AdsorptionNet::by_name("bcc100", 3.5, {1.75, 1.75});
  const NetPoint p = net.position({2, -1});
  EXPECT_DOUBLE_EQ(p.x, 1.75 + 7.0);
  EXPECT_DOUBLE_EQ(p.y, 1.75 - 3.5);
  // The bridge point between two sites (equidistant) goes to one of them; slightly off goes to the near one.
  EXPECT_EQ(net.nearest_site({1.75 + 1.76, 1.75}), (NetSite{1, 0}));
  EXPECT_EQ(net.nearest_site({1.75 + 1.74, 1.75}), (NetSite{0, 0}));
  // Far from the origin (unwrapped coordinates after many box crossings).
  EXPECT_EQ(net.nearest_site({1.75 + 3.5 * 1000.0 + 0.4, 1.75 - 3.5 * 2000.0 - 0.4}), (NetSite{1000, -2000}));
}

TEST(AdsorptionNet, BadInputIsRefused) {
  EXPECT_THROW(AdsorptionNet::by_name("hexagonal", 3.0), std::invalid_argument);
  EXPECT_THROW(AdsorptionNet::by_name("square", 0.0), std::invalid_argument);
  EXPECT_THROW(AdsorptionNet::by_name("square", -1.0), std::invalid_argument);
  EXPECT_THROW(AdsorptionNet::by_name("square", std::nan("")), std::invalid_argument);
  EXPECT_THROW(AdsorptionNet::by_name("square", INFINITY), std::invalid_argument);
}

}  // namespace
