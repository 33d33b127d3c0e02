// Hop environments, catalog text and the bond-counting fit: the enumeration against the
// combinatorics, the hop geometry against the key, the catalog read back by the kMC engine's own
// reader, and the fit against exactly bond-counting data.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "barriers/catalog_writer.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/hop_configuration.hpp"
#include "kmc/barrier_catalog.hpp"

namespace {

using namespace anodekmc::barriers;

TEST(HopEnvironments, EnumerationListsEachReversePairOnce) {
  // One substrate species: 16 (n_i, n_f) pairs, 4 self-reverse: 4 + 12/2 = 10.
  EXPECT_EQ(enumerate_flat_hops_bcc100("Li", {"Li"}, 1000).size(), 10u);
  // Two: 64 keys, 8 self-reverse (n_i = n_f and b_i = b_f): 8 + 56/2 = 36.
  const auto keys = enumerate_flat_hops_bcc100("Li", {"Li", "In"}, 1000);
  EXPECT_EQ(keys.size(), 36u);
  EXPECT_EQ(keys.front().n_initial + keys.front().n_final, 0) << "lowest coordination first";
  EXPECT_EQ(enumerate_flat_hops_bcc100("Li", {"Li", "In"}, 5).size(), 5u);
}

TEST(HopEnvironments, ConfigurationHasTheKeysNeighboursAndSubstrate) {
  const double a = 3.49;
  const Slab slab = build_slab(SlabSpec{"bcc100", a, 4, 4, 5, 2, 12.0});
  const std::vector<std::string> elements = {"Li", "In"};
  const HopConfiguration hop = build_flat_hop_bcc100(slab, HopKey{2, 3, "Li", "In", "Li", "flat"}, elements);
  const HopConfiguration solute_final = build_flat_hop_bcc100(slab, HopKey{0, 0, "Li", "Li", "In", "flat"}, elements);
  ASSERT_EQ(hop.structure.size(), slab.structure.size() + 2 + 3 + 1);
  EXPECT_EQ(hop.moving_atom, hop.structure.size() - 1);
  EXPECT_EQ(hop.structure.species_counts(2), (std::vector<int>{static_cast<int>(hop.structure.size()) - 1, 1}));
  const Eigen::Vector3d from = hop.initial_A.segment<3>(3 * static_cast<Eigen::Index>(hop.moving_atom));
  const Eigen::Vector3d to = hop.final_A.segment<3>(3 * static_cast<Eigen::Index>(hop.moving_atom));
  EXPECT_NEAR((to - from).norm(), a, 1e-12);
  // Lateral neighbours (adatoms at distance a in the same plane) before and after the hop.
  auto lateral_count = [&](const Eigen::Vector3d &p) {
    int n = 0;
    for (std::size_t k = slab.structure.size(); k + 1 < hop.structure.size(); ++k)
      if (std::fabs((hop.structure.positions_A[k] - p).norm() - a) < 1e-9) ++n;
    return n;
  };
  EXPECT_EQ(lateral_count(from), 2);
  EXPECT_EQ(lateral_count(to), 3);
  // below_initial: a top-layer corner of the initial hollow, (-a/2, -a/2) from it, which the
  // final hollow does not touch; below_final: the mirror corner of the final hollow.
  const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
  auto minimum_image = [&](Eigen::Vector3d d) {
    d.x() -= wx * std::round(d.x() / wx);
    d.y() -= wy * std::round(d.y() / wy);
    return d;
  };
  auto in_plane_distance = [&](const Eigen::Vector3d &p, const Eigen::Vector3d &q) {
    return minimum_image(p - q).head<2>().norm();
  };
  for (std::size_t k = 0; k < slab.structure.size(); ++k) {
    if (hop.structure.species[k] == 1) {
      const Eigen::Vector3d d = minimum_image(from - hop.structure.positions_A[k]);
      EXPECT_NEAR(d.x(), 0.5 * a, 1e-9);
      EXPECT_NEAR(d.y(), 0.5 * a, 1e-9);
      EXPECT_GT(in_plane_distance(to, hop.structure.positions_A[k]), a);
      EXPECT_EQ(slab.layer[k], 0);
    }
    if (solute_final.structure.species[k] == 1) {
      const Eigen::Vector3d d = minimum_image(to - solute_final.structure.positions_A[k]);
      EXPECT_NEAR(d.x(), -0.5 * a, 1e-9);
      EXPECT_NEAR(d.y(), 0.5 * a, 1e-9);
      EXPECT_GT(in_plane_distance(from, solute_final.structure.positions_A[k]), a);
    }
  }
  EXPECT_EQ(solute_final.structure.species_counts(2)[1], 1);
  // Fixed layers are frozen, everything else moves.
  EXPECT_EQ(hop.mobile.sum(), 3.0 * (hop.structure.size() - 2 * 16));
  EXPECT_THROW(build_flat_hop_bcc100(slab, HopKey{4, 0, "Li", "Li", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc100(slab, HopKey{0, 0, "Li", "Zn", "Li", "flat"}, elements), std::invalid_argument);
}

TEST(HopEnvironments, EndStateCheckFindsAnAdatomThatLeftItsSite) {
  // Sites on a 3 Å square net in a 12 x 12 Å cell; atom 0 is the slab, atoms 1 and 2 adatoms.
  std::vector<Eigen::Vector3d> sites;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) sites.emplace_back(1.5 + 3.0 * i, 1.5 + 3.0 * j, 10.0);
  Eigen::VectorXd placed(9);
  placed << 0, 0, 0, 1.5, 1.5, 10.0, 10.5, 10.5, 10.0;
  Eigen::VectorXd relaxed = placed;
  relaxed[0] = 5.0;   // slab atoms are not checked
  relaxed[3] += 1.2;  // still nearest its own site (1.5 Å is halfway)
  relaxed[7] -= 0.4;
  EXPECT_EQ(end_state_left_its_sites(placed, relaxed, 1, sites, 12.0, 12.0), "");
  relaxed[6] += 1.7;  // x = 12.2 Å: nearer the periodic image of the site at x = 1.5 than its own at 10.5
  const std::string why = end_state_left_its_sites(placed, relaxed, 1, sites, 12.0, 12.0);
  EXPECT_NE(why.find("adatom 1 left its site"), std::string::npos) << why;
  EXPECT_NE(why.find("1.75 A"), std::string::npos) << why;
}

TEST(Catalog, TextIsWhatTheKmcReaderReads) {
  std::vector<CatalogRow> rows = {{HopKey{0, 0, "Li", "Li", "Li", "flat"}, 0.1724, 0, "NEB"},
                                  {HopKey{1, 0, "Li", "In", "Li", "flat"}, 0.31, 2.5e12, "NEB reverse"}};
  const std::string text = catalog_text({"potential id x", "slab 4x4x6"}, rows);
  const auto path = std::filesystem::temp_directory_path() / "anodekmc_test_catalog.csv";
  std::ofstream(path) << text;
  anodekmc::kmc::BarrierCatalog catalog(anodekmc::kmc::EnvironmentIndex(4, 2), {"Li", "In"});
  catalog.read(path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(catalog.row_count(), 2u);
  anodekmc::kmc::HopEnvironment e;
  e.n_initial = 1;
  e.below_initial = 1;
  const auto &entry = catalog.entry(e);
  ASSERT_TRUE(entry.present);
  EXPECT_DOUBLE_EQ(entry.barrier_eV, 0.31);
  EXPECT_DOUBLE_EQ(entry.prefactor_per_s, 2.5e12);
  EXPECT_EQ(entry.method, "NEB reverse");
  rows.push_back(rows.front());
  EXPECT_THROW(catalog_text({}, rows), std::invalid_argument);
  rows.pop_back();
  rows[0].barrier_eV = -0.1;
  EXPECT_THROW(catalog_text({}, rows), std::invalid_argument);
}

TEST(Catalog, BondCountingFitRecoversExactParameters) {
  std::vector<CatalogRow> rows;
  for (int n = 0; n <= 3; ++n)
    for (const char *below : {"Li", "In"})
      rows.push_back({HopKey{n, 1, "Li", below, "Li", "flat"}, (below[0] == 'L' ? 0.17 : 0.26) + 0.045 * n, 0, "x"});
  const BondCountingFit fit = fit_bond_counting(rows);
  EXPECT_NEAR(fit.bond_eV, 0.045, 1e-12);
  EXPECT_NEAR(fit.base_barrier_eV.at({"Li", "Li"}), 0.17, 1e-12);
  EXPECT_NEAR(fit.base_barrier_eV.at({"Li", "In"}), 0.26, 1e-12);
  EXPECT_LT(fit.rms_residual_eV, 1e-12);
  EXPECT_TRUE(std::isnan(fit.ehrlich_schwoebel_eV)) << "no down rows";
  EXPECT_TRUE(std::isnan(fit.up_step_eV));
  EXPECT_THROW(fit_bond_counting({rows[0], rows[1]}), std::invalid_argument);  // one coordination only
  // Step rows do not change E_0 and E_bond; they give E_ES and E_up as the kMC adds them.
  rows.push_back({HopKey{0, 1, "Li", "Li", "Li", "down"}, 0.17 + 0.06, 0, "x"});
  rows.push_back({HopKey{1, 0, "Li", "Li", "Li", "up"}, 0.17 + 0.045 + 0.03, 0, "x"});
  const BondCountingFit with_steps = fit_bond_counting(rows);
  EXPECT_NEAR(with_steps.bond_eV, 0.045, 1e-12);
  EXPECT_NEAR(with_steps.ehrlich_schwoebel_eV, 0.06, 1e-12);
  EXPECT_NEAR(with_steps.up_step_eV, 0.03, 1e-12);
  rows.push_back({HopKey{0, 1, "Li", "Zn", "Li", "down"}, 0.3, 0, "x"});  // no E_0 for Li over Zn
  EXPECT_TRUE(std::isnan(fit_bond_counting(rows).ehrlich_schwoebel_eV));
}

}  // namespace
