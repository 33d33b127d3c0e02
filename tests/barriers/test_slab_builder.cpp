// Slab geometry checked against crystallography computed here independently: coordination
// numbers of bulk-like and surface atoms, nearest-neighbour distances, and the number of top
// layer atoms an adatom touches at its site.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "barriers/slab_builder.hpp"

namespace {

using anodekmc::barriers::Slab;
using anodekmc::barriers::SlabSpec;

// Periodic minimum-image distance in the slab's (orthogonal) cell.
double distance_A(const Slab &s, const Eigen::Vector3d &p, const Eigen::Vector3d &q) {
  Eigen::Vector3d d = p - q;
  for (int k = 0; k < 3; ++k) {
    const double w = s.structure.cell_A(k, k);
    d[k] -= w * std::round(d[k] / w);
  }
  return d.norm();
}

int neighbours_within(const Slab &s, const Eigen::Vector3d &p, double cutoff_A) {
  int n = 0;
  for (const auto &q : s.structure.positions_A) {
    const double r = distance_A(s, p, q);
    if (r > 1e-6 && r < cutoff_A) ++n;
  }
  return n;
}

struct FacetCase {
  std::string facet;
  double a_A;
  int atoms_per_cell_layer;
  int bulk_coordination, top_coordination, adatom_contacts;
};

class SlabFacets : public ::testing::TestWithParam<FacetCase> {};

TEST_P(SlabFacets, GeometryIsTheCrystalsCut) {
  const FacetCase c = GetParam();
  SlabSpec spec;
  spec.facet = c.facet;
  spec.lattice_constant_A = c.a_A;
  spec.cells_x = 4;
  spec.cells_y = 4;
  spec.layers = 8;
  spec.fixed_layers = 2;
  const Slab slab = anodekmc::barriers::build_slab(spec);
  ASSERT_EQ(slab.structure.size(), static_cast<std::size_t>(16 * c.atoms_per_cell_layer * 8));
  const double nn = slab.nearest_neighbour_A;
  const double shell = 0.5 * (nn + c.a_A);  // between the 1st and 2nd shells (2nd at a for bcc and fcc)
  int fixed = 0;
  for (std::size_t k = 0; k < slab.structure.size(); ++k) {
    const Eigen::Vector3d &p = slab.structure.positions_A[k];
    fixed += slab.fixed[k] ? 1 : 0;
    // No two atoms closer than the bulk nearest-neighbour distance.
    for (std::size_t j = k + 1; j < slab.structure.size(); ++j)
      ASSERT_GT(distance_A(slab, p, slab.structure.positions_A[j]), nn - 1e-9);
    const int n = neighbours_within(slab, p, shell);
    if (slab.layer[k] >= 2 && slab.layer[k] <= 5) {
      EXPECT_EQ(n, c.bulk_coordination) << "layer " << slab.layer[k];
    }
    if (slab.layer[k] == 0) {
      EXPECT_EQ(n, c.top_coordination) << "top layer";
      EXPECT_NEAR(p.z(), slab.top_z_A, 1e-12);
    }
  }
  EXPECT_EQ(fixed, 16 * c.atoms_per_cell_layer * 2);
  ASSERT_EQ(slab.adatom_sites_A.size(), static_cast<std::size_t>(16 * c.atoms_per_cell_layer));
  for (const auto &site : slab.adatom_sites_A) {
    EXPECT_EQ(neighbours_within(slab, site, nn + 1e-6), c.adatom_contacts);
    EXPECT_NEAR(site.z() - slab.top_z_A, slab.layer_spacing_A, 1e-12);
  }
  if (c.facet == "fcc111") {
    ASSERT_EQ(slab.hcp_sites_A.size(), slab.adatom_sites_A.size());
    for (const auto &site : slab.hcp_sites_A) EXPECT_EQ(neighbours_within(slab, site, nn + 1e-6), 3);
    // An hcp hollow sits straight above a second-layer atom, an fcc hollow does not.
    const std::size_t below = anodekmc::barriers::nearest_atom_in_layer(slab, 1, slab.hcp_sites_A[0].head<2>());
    EXPECT_LT((slab.structure.positions_A[below] - slab.hcp_sites_A[0]).head<2>().norm(), 1e-9);
  }
}

// Li (bcc, 3.49 Å) and Al (fcc, 4.05 Å). Coordinations: bcc 8 in bulk, 4 on (100) (the four
// below), 6 on (110) (4 in plane + 2 below); fcc 12 in bulk, 9 on (111). An adatom continuing
// the crystal touches 4 (bcc100), 2 (bcc110: the long-bridge 3-fold site has 2 at d_nn and
// one further), 3 (fcc111) top-layer atoms.
INSTANTIATE_TEST_SUITE_P(Facets, SlabFacets,
                         ::testing::Values(FacetCase{"bcc100", 3.49, 1, 8, 4, 4},
                                           FacetCase{"bcc110", 3.49, 2, 8, 6, 2},
                                           FacetCase{"fcc111", 4.05, 2, 12, 9, 3}),
                         [](const ::testing::TestParamInfo<FacetCase> &facet_case) { return facet_case.param.facet; });

TEST(SlabBuilder, SurfaceAlloyAndAdatom) {
  SlabSpec spec{"bcc100", 3.49, 3, 3, 6, 2, 15.0};
  Slab slab = anodekmc::barriers::build_slab(spec);
  const std::size_t centre = anodekmc::barriers::nearest_atom_in_layer(slab, 0, Eigen::Vector2d(5.0, 5.0));
  EXPECT_EQ(slab.layer[centre], 0);
  anodekmc::barriers::substitute(slab, {centre}, 1);
  EXPECT_EQ(slab.structure.species_counts(2), (std::vector<int>{53, 1}));
  const std::size_t adatom = anodekmc::barriers::add_adatom(slab, 0, 0);
  EXPECT_EQ(adatom, slab.structure.size() - 1);
  EXPECT_EQ(slab.layer[adatom], -1);
  EXPECT_FALSE(slab.fixed[adatom]);
  EXPECT_THROW(anodekmc::barriers::add_adatom(slab, 999, 0), std::out_of_range);
}

TEST(SlabBuilder, BadSpecsNameTheField) {
  auto message = [](SlabSpec spec, double minimum_width_A = 0.0) {
    try {
      anodekmc::barriers::build_slab(spec, minimum_width_A);
    } catch (const std::invalid_argument &e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const SlabSpec good{"bcc110", 3.49, 4, 3, 6, 2, 15.0};
  SlabSpec s = good;
  s.facet = "bcc111";
  EXPECT_NE(message(s).find("facet"), std::string::npos);
  s = good;
  s.lattice_constant_A = -1;
  EXPECT_NE(message(s).find("lattice_constant_A"), std::string::npos);
  s = good;
  s.layers = 2;
  EXPECT_NE(message(s).find("layers"), std::string::npos);
  s = good;
  s.fixed_layers = 5;
  EXPECT_NE(message(s).find("fixed_layers"), std::string::npos);
  EXPECT_NE(message(good, 20.0).find("periodic images"), std::string::npos);
  EXPECT_EQ(message(good, 13.0), "no error");
}

}  // namespace
