// Surface nets: neighbour tables, geometry and the plating flux of SCIENCE.md section 4.
#include "kmc/kmc_run_config.hpp"
#include "lattice/surface_net.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using anodekmc::lattice::SurfaceNet;

namespace {

void expect_consistent(const SurfaceNet &net) {
  for (std::uint32_t s = 0; s < net.site_count(); ++s) {
    std::set<std::uint32_t> lateral;
    for (int k = 0; k < net.lateral_count(); ++k) {
      const std::uint32_t u = net.lateral(s, k);
      lateral.insert(u);
      // symmetric: s is a lateral neighbour of u
      bool back = false;
      for (int m = 0; m < net.lateral_count(); ++m) back |= net.lateral(u, m) == s;
      EXPECT_TRUE(back) << net.facet() << " site " << s;
    }
    EXPECT_EQ(lateral.size(), static_cast<std::size_t>(net.lateral_count())) << net.facet();
    for (int k = 0; k < net.hop_count(); ++k) {
      const std::uint32_t t = net.hop_target(s, k);
      EXPECT_EQ(net.hop_target(t, net.reverse_hop(k)), s);
      EXPECT_TRUE(lateral.count(t)) << "hop targets are lateral neighbours";
    }
  }
}

}  // namespace

TEST(SurfaceNet, NeighbourTablesAreConsistentOnEveryFacet) {
  for (const auto &facet : SurfaceNet::facet_names()) expect_consistent(SurfaceNet::for_facet(facet, 3.51, 6, 5));
}

TEST(SurfaceNet, RealGeometry) {
  const double a = 3.51;
  const auto b100 = SurfaceNet::for_facet("bcc100", a, 8, 8);
  EXPECT_EQ(b100.hop_count(), 4);
  EXPECT_NEAR(b100.area_per_site_A2(), a * a, 1e-12);
  EXPECT_NEAR(b100.mean_hop_length2_A2(), a * a, 1e-12);
  const auto b110 = SurfaceNet::for_facet("bcc110", a, 8, 8);
  EXPECT_EQ(b110.hop_count(), 4);
  EXPECT_EQ(b110.lateral_count(), 6);
  EXPECT_NEAR(b110.area_per_site_A2(), a * a / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(b110.mean_hop_length2_A2(), 0.75 * a * a, 1e-12);  // bcc nearest neighbour sqrt(3)/2 a
  const auto f111 = SurfaceNet::for_facet("fcc111", 4.05, 8, 8);
  const double d = 4.05 / std::sqrt(2.0);
  EXPECT_NEAR(f111.area_per_site_A2(), d * d * std::sqrt(3.0) / 2.0, 1e-12);
  EXPECT_NEAR(f111.mean_hop_length2_A2(), d * d, 1e-12);
  const auto f100 = SurfaceNet::for_facet("fcc100", 4.05, 8, 8);
  EXPECT_NEAR(f100.area_per_site_A2(), d * d, 1e-12);
}

TEST(SurfaceNet, BadArgumentsAreRejected) {
  EXPECT_THROW(SurfaceNet::for_facet("bcc111", 3.51, 8, 8), std::invalid_argument);
  EXPECT_THROW(SurfaceNet::for_facet("bcc100", -1.0, 8, 8), std::invalid_argument);
  EXPECT_THROW(SurfaceNet::for_facet("bcc100", NAN, 8, 8), std::invalid_argument);
  EXPECT_THROW(SurfaceNet::for_facet("bcc100", 3.51, 3, 8), std::invalid_argument);
}

// SCIENCE.md section 4: 1 mA/cm^2 = 6.24e15 atoms cm^-2 s^-1, about 7.7 ML/s on Li(100) and
// 5.4 ML/s on Li(110) with a = 3.51 A.
TEST(SurfaceNet, PlatingFluxFromCurrentDensity) {
  const double a = 3.51;
  const double per_cm2 = anodekmc::kmc::flux_from_current_density(1.0, 1e16);  // 1 cm^2 = 1e16 A^2
  EXPECT_NEAR(per_cm2 / 6.241509e15, 1.0, 1e-6);
  EXPECT_NEAR(anodekmc::kmc::flux_from_current_density(1.0, a * a), 7.69, 0.01);
  EXPECT_NEAR(anodekmc::kmc::flux_from_current_density(1.0, a * a / std::sqrt(2.0)), 5.44, 0.01);
}

// The neighbour arithmetic (fast division by nx, periodic wrap) agrees with plain division on
// nets of awkward sizes, at every site.
TEST(SurfaceNet, NeighbourArithmeticMatchesPlainDivision) {
  for (int nx : {4, 5, 7, 97, 1000, 3163}) {
    const int ny = 6;
    const auto net = SurfaceNet::for_facet("fcc111", 4.05, nx, ny);
    const int di[] = {1, -1, 0, 0, 1, -1}, dj[] = {0, 0, 1, -1, -1, 1};
    for (std::uint32_t s = 0; s < net.site_count(); ++s) {
      const long i = s % nx, j = s / nx;
      for (int k = 0; k < 6; ++k) ASSERT_EQ(net.lateral(s, k), net.site_at(i + di[k], j + dj[k])) << nx << " " << s;
    }
  }
}
