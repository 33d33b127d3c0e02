// Flat hops on bcc(110): the enumeration against hand counts, every hop geometry against its
// key (coordination counted from positions with the kMC net's neighbour distances, the solute
// atoms, the fixed layers), the kMC net's own neighbour lists, and the bare hop on Li(110)
// through the NEB on the C++ EAM model (symmetric, so forward and reverse barriers agree).
#include <gtest/gtest.h>

#include "net_coordination_pairs.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "barriers/eam_surface.hpp"
#include "barriers/hop_configuration_bcc110.hpp"
#include "barriers/neb.hpp"
#include "lattice/surface_net.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;

TEST(HopEnvironmentsBcc110, PossibleCoordinationPairsMatchTheKmcNet) {
  // Hand count from the kMC's bcc110 net: the hop A -> A + e2 leaves 5 lateral neighbours at
  // each end, 2 of them shared. Brute force over the 8 sites: which (n_i, n_f) occur?
  const auto net = anodekmc::lattice::SurfaceNet::for_facet("bcc110", 3.5, 8, 8);
  const std::uint32_t a = net.site_at(4, 4);
  int k_e2 = -1;
  for (int k = 0; k < net.hop_count(); ++k)
    if (net.hop_di(k) == 0 && net.hop_dj(k) == 1) k_e2 = k;
  ASSERT_GE(k_e2, 0);
  std::size_t around = 0;
  const std::set<std::pair<int, int>> seen = anodekmc::barriers::test::coordination_pairs_of_hop(net, a, k_e2, around);
  ASSERT_EQ(around, 8u);  // 5 + 5 - 2 shared
  EXPECT_EQ(seen.size(), 30u);
  for (int n_i = 0; n_i <= 6; ++n_i)
    for (int n_f = 0; n_f <= 6; ++n_f)
      EXPECT_EQ(flat_hop_bcc110_possible(n_i, n_f), seen.count({n_i, n_f}) == 1) << n_i << "," << n_f;
}

TEST(HopEnvironmentsBcc110, EnumerationListsEachReversePairOnce) {
  // Host only: 30 ordered pairs, 6 self-reverse (n, n): 6 + 24/2 = 18.
  const auto host = enumerate_flat_hops_bcc110("Li", {"Li"}, 1000);
  EXPECT_EQ(host.size(), 18u);
  // Host + one solute: 120 keys, 12 self-reverse (n_i = n_f, b_i = b_f): 12 + 108/2 = 66.
  const auto keys = enumerate_flat_hops_bcc110("Li", {"Li", "In"}, 1000);
  EXPECT_EQ(keys.size(), 66u);
  int previous_total = 0;
  for (const HopKey &k : keys) {
    EXPECT_GE(k.n_initial + k.n_final, previous_total) << "lowest total coordination first";
    previous_total = k.n_initial + k.n_final;
    EXPECT_TRUE(flat_hop_bcc110_possible(k.n_initial, k.n_final));
  }
  EXPECT_EQ(keys.front().n_initial + keys.front().n_final, 0);
  EXPECT_EQ(keys.back().n_initial + keys.back().n_final, 10);
  // The first four: the bare hop over each substrate pair up to reversal, then (0, 1).
  EXPECT_EQ(keys[3].n_initial + keys[3].n_final, 1);
  EXPECT_EQ(enumerate_flat_hops_bcc110("Li", {"Li", "In"}, 5).size(), 5u);
}

class Bcc110Geometry : public ::testing::Test {
 protected:
  static constexpr double a = 3.49;
  const Slab slab = build_slab(SlabSpec{"bcc110", a, 4, 3, 5, 2, 12.0});
  const std::vector<std::string> elements = {"Li", "In"};

  Eigen::Vector3d minimum_image(Eigen::Vector3d d) const {
    const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
    d.x() -= wx * std::round(d.x() / wx);
    d.y() -= wy * std::round(d.y() / wy);
    return d;
  }
  // Lateral neighbours on the kMC's bcc110 net: adatoms in the same plane at sqrt(3)/2 a or a
  // (the next shell is at sqrt(2) a); the moving atom is not counted.
  int lateral_count(const HopConfiguration &hop, const Eigen::Vector3d &p) const {
    int n = 0;
    for (std::size_t k = slab.structure.size(); k + 1 < hop.structure.size(); ++k) {
      const Eigen::Vector3d d = minimum_image(hop.structure.positions_A[k] - p);
      EXPECT_NEAR(d.z(), 0.0, 1e-9);
      const double r = d.norm();
      EXPECT_GT(r, 0.8 * a) << "a lateral adatom on the initial or final site";
      if (r < 1.2 * a) ++n;
    }
    return n;
  }
};

TEST_F(Bcc110Geometry, EveryKeyHasItsNeighboursAndSubstrate) {
  const std::vector<HopKey> keys = enumerate_flat_hops_bcc110("Li", {"Li", "In"}, 1000);
  ASSERT_EQ(keys.size(), 66u);
  for (const HopKey &key : keys) {
    for (const HopKey &k : {key, reversed(key)}) {
      SCOPED_TRACE(std::to_string(k.n_initial) + "," + std::to_string(k.n_final) + "," + k.below_initial + "," +
                   k.below_final);
      const HopConfiguration hop = build_flat_hop_bcc110(slab, k, elements);
      const auto m = static_cast<Eigen::Index>(3 * hop.moving_atom);
      const Eigen::Vector3d from = hop.initial_A.segment<3>(m), to = hop.final_A.segment<3>(m);
      // A short hop (sqrt(3)/2 a) between continuation sites one layer spacing above the top layer.
      EXPECT_NEAR((to - from).norm(), 0.5 * std::sqrt(3.0) * a, 1e-9);
      EXPECT_NEAR(from.z() - slab.top_z_A, a / std::sqrt(2.0), 1e-9);
      EXPECT_NEAR(to.x() - from.x(), 0.5 * a, 1e-9);  // +e2
      EXPECT_EQ(lateral_count(hop, from), k.n_initial);
      EXPECT_EQ(lateral_count(hop, to), k.n_final);
      // Solute atoms: top layer, the nearest atom of the site on its -[001] side.
      int solutes = 0;
      for (std::size_t s = 0; s < slab.structure.size(); ++s) {
        if (hop.structure.species[s] != 1) continue;
        ++solutes;
        EXPECT_EQ(slab.layer[s], 0);
        const Eigen::Vector3d di = minimum_image(from - hop.structure.positions_A[s]);
        const Eigen::Vector3d df = minimum_image(to - hop.structure.positions_A[s]);
        const bool under_initial = std::abs(di.x() - 0.5 * a) < 1e-9 && std::abs(di.y()) < 1e-9;
        const bool under_final = std::abs(df.x() - 0.5 * a) < 1e-9 && std::abs(df.y()) < 1e-9;
        EXPECT_TRUE(under_initial || under_final);
        if (under_initial) {
          EXPECT_EQ(k.below_initial, "In");
        }
        if (under_final) {
          EXPECT_EQ(k.below_final, "In");
        }
        EXPECT_NEAR((under_initial ? di : df).norm(), 0.5 * std::sqrt(3.0) * a, 1e-9) << "a nearest neighbour";
      }
      EXPECT_EQ(solutes, (k.below_initial == "In") + (k.below_final == "In"));
      // Fixed layers (the bottom 2 of 5) are frozen, everything else moves.
      for (std::size_t s = 0; s < slab.structure.size(); ++s)
        EXPECT_EQ(hop.mobile[static_cast<Eigen::Index>(3 * s)], slab.layer[s] >= 3 ? 0.0 : 1.0);
      EXPECT_EQ(hop.mobile.sum(), 3.0 * static_cast<double>(hop.structure.size() - 2 * 24));
    }
  }
}

TEST_F(Bcc110Geometry, BadKeysAndSlabsAreRefused) {
  EXPECT_THROW(build_flat_hop_bcc110(slab, HopKey{5, 0, "Li", "Li", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc110(slab, HopKey{6, 6, "Li", "Li", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc110(slab, HopKey{0, 0, "Li", "Zn", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc110(slab, HopKey{0, 0, "Li", "Li", "Li", "down"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc110(build_slab(SlabSpec{"bcc100", a, 4, 4, 5, 2, 12.0}),
                                     HopKey{0, 0, "Li", "Li", "Li", "flat"}, elements),
               std::invalid_argument);
  EXPECT_THROW(build_flat_hop_bcc110(build_slab(SlabSpec{"bcc110", a, 4, 2, 5, 2, 12.0}),
                                     HopKey{0, 0, "Li", "Li", "Li", "flat"}, elements),
               std::invalid_argument);
}

TEST(HopEnvironmentsBcc110, BareHopOnLi110HasEqualForwardAndReverseBarriers) {
  using anodekmc::potential::EamDatabase;
  using anodekmc::potential::EamModel;
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  // 4 x 3 cells: 13.96 x 14.81 Å, more than twice the cutoff; 5 layers, 2 fixed.
  const Slab slab = build_slab(SlabSpec{"bcc110", 3.49, 4, 3, 5, 2, 12.0});
  const HopConfiguration hop = build_flat_hop_bcc110(slab, HopKey{0, 0, "Li", "Li", "Li", "flat"}, {"Li"});
  const EnergySurface surface = eam_energy_surface(model, hop.structure);
  NebSettings settings;
  settings.intermediate_images = 5;
  settings.max_force_eV_A = 0.002;
  const NebResult r = run_neb(surface, hop.initial_A, hop.final_A, hop.mobile, settings);
  ASSERT_TRUE(r.converged) << r.failure;
  // The hop is its own image under the 2-fold rotation about its midpoint.
  EXPECT_NEAR(r.barrier_eV, r.reverse_barrier_eV, 1e-4);
  EXPECT_NEAR(r.energies_eV.front(), r.energies_eV.back(), 1e-5);
  EXPECT_GT(r.barrier_eV, 0.0);
  EXPECT_LT(r.barrier_eV, 0.3);
  std::printf("[ measured ] Li/Li(110) bare hop: forward %.4f eV, reverse %.4f eV, %d steps\n", r.barrier_eV,
              r.reverse_barrier_eV, r.steps);
}

}  // namespace
