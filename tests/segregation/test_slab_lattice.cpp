// The slab's bonds are the crystal's first shell: every bond has the nearest-neighbour length
// of the facet's crystal (positions rebuilt here from the stacking, independently of the bond
// construction), bonds are symmetric, and bulk sites have the crystal's coordination.
#include "segregation/slab_lattice.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace {

using anodekmc::segregation::SlabLattice;

struct Facet {
  const char *name;
  double nn_over_a, spacing_over_a;  // nearest-neighbour distance, interplanar spacing
  int z;
};

// In-plane shift of plane l (Angstrom) for the stacking of each facet.
void plane_shift(const SlabLattice &s, double a, int l, double &x, double &y) {
  x = y = 0;
  const std::string f = s.facet();
  if (f == "bcc100" && l % 2) x = y = a / 2;
  if (f == "bcc110" && l % 2) x = a / 2;
  if (f == "fcc111") {
    const double d = a / std::sqrt(2.0);  // e1 = (d,0), e2 = (d/2, sqrt(3)/2 d); shift (e1+e2)/3 per plane
    x = (l % 3) * (1.5 * d) / 3.0;
    y = (l % 3) * (std::sqrt(3.0) / 2 * d) / 3.0;
  }
}

// Readable test names in ctest instead of the parameter's bytes.
void PrintTo(const Facet &f, std::ostream *out) { *out << f.name; }

class SlabBonds : public ::testing::TestWithParam<Facet> {};

TEST_P(SlabBonds, EveryBondIsFirstShellAndSymmetricWithBulkCoordination) {
  const Facet f = GetParam();
  const double a = 3.5;
  const SlabLattice slab(f.name, a, 6, 6, 7);
  const auto &net = slab.net();
  const auto ca = net.cell_a_A(), cb = net.cell_b_A();
  std::set<std::pair<std::uint32_t, std::uint32_t>> bonds;
  for (std::uint32_t s = 0; s < slab.site_count(); ++s) {
    const int l = slab.layer_of(s);
    const int count = static_cast<int>(slab.neighbour_end(s) - slab.neighbour_begin(s));
    if (l > 0 && l < slab.layers() - 1) {
      EXPECT_EQ(count, f.z) << f.name << " site " << s;
    }
    if (l == 0) {
      EXPECT_EQ(count, slab.z_in_plane() + slab.z_between_planes());
    }
    const auto p = net.position_A(s % slab.sites_per_layer());
    double sx, sy;
    plane_shift(slab, a, l, sx, sy);
    for (std::uint32_t b = slab.neighbour_begin(s); b < slab.neighbour_end(s); ++b) {
      const std::uint32_t o = slab.neighbours()[b];
      EXPECT_NE(o, s);
      bonds.insert({s, o});
      const int lo = slab.layer_of(o);
      EXPECT_LE(std::abs(lo - l), 1);
      const auto q = net.position_A(o % slab.sites_per_layer());
      double ox, oy;
      plane_shift(slab, a, lo, ox, oy);
      double best = 1e300;
      for (int u = -1; u <= 1; ++u)
        for (int v = -1; v <= 1; ++v) {
          const double dx = q.x + ox - p.x - sx + u * ca.x + v * cb.x, dy = q.y + oy - p.y - sy + u * ca.y + v * cb.y;
          const double dz = (lo - l) * f.spacing_over_a * a;
          best = std::min(best, std::sqrt(dx * dx + dy * dy + dz * dz));
        }
      EXPECT_NEAR(best, f.nn_over_a * a, 1e-9) << f.name << " bond " << s << "-" << o;
    }
  }
  for (const auto &[s, o] : bonds) EXPECT_TRUE(bonds.count({o, s})) << "bond " << s << "-" << o << " one-sided";
  EXPECT_EQ(slab.z_bulk(), f.z);
}

INSTANTIATE_TEST_SUITE_P(Facets, SlabBonds,
                         ::testing::Values(Facet{"bcc100", std::sqrt(3.0) / 2, 0.5, 8},
                                           Facet{"bcc110", std::sqrt(3.0) / 2, 1 / std::sqrt(2.0), 8},
                                           Facet{"fcc111", 1 / std::sqrt(2.0), 1 / std::sqrt(3.0), 12},
                                           Facet{"sc100", 1.0, 1.0, 6}),
                         [](const auto &param_info) { return std::string(param_info.param.name); });

TEST(SlabLattice, DepthIsMeasuredFromTheNearerFace) {
  const SlabLattice slab("bcc100", 3.5, 4, 4, 6);
  EXPECT_EQ(slab.depth_of_layer(0), 0);
  EXPECT_EQ(slab.depth_of_layer(5), 0);
  EXPECT_EQ(slab.depth_of_layer(2), 2);
  EXPECT_EQ(slab.depth_of_layer(3), 2);
  EXPECT_EQ(slab.depth_count(), 3);
  EXPECT_THROW(SlabLattice("hcp0001", 3.5, 4, 4, 6), std::invalid_argument);
}

}  // namespace
