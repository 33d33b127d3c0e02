// Flat hops on fcc(111): the enumeration against hand counts on the kMC's triangular net, every
// hop geometry against its key (coordination counted from positions, fcc hollows, the solute
// atoms, the fixed layers), the mirror symmetry that lets one NEB give a key and its reverse,
// and NEBs on the C++ EAM model of fcc Li(111) (a from the potential's fcc minimum): the bare hop
// is symmetric, and an asymmetric key's forward minus reverse barrier is the end-point energy
// difference; with the shipped potential a Li adatom does not stay on the fcc hollow of fcc
// Li(111), so the NEBs run on Ag(111) (fcc in the database).
#include <gtest/gtest.h>

#include "net_coordination_pairs.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "barriers/eam_surface.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/hop_configuration_fcc111.hpp"
#include "barriers/neb.hpp"
#include "lattice/surface_net.hpp"
#include "potential/eam_database.hpp"
#include "potential/material_properties.hpp"

namespace {

using namespace anodekmc::barriers;
using anodekmc::potential::EamDatabase;
using anodekmc::potential::EamModel;

TEST(HopEnvironmentsFcc111, PossibleCoordinationPairsMatchTheKmcNet) {
  // The kMC's fcc111 net: the hop A -> A + e1 leaves 5 lateral neighbours at each end, 2 of
  // them shared (a triangular net: the two sites beside a bond). All 2^8 occupations of the 8
  // sites around the pair: which (n_i, n_f) occur?
  const auto net = anodekmc::lattice::SurfaceNet::for_facet("fcc111", 4.4, 8, 8);
  const std::uint32_t a = net.site_at(4, 4);
  int k_e1 = -1;
  for (int k = 0; k < net.hop_count(); ++k)
    if (net.hop_di(k) == 1 && net.hop_dj(k) == 0) k_e1 = k;
  ASSERT_GE(k_e1, 0);
  ASSERT_EQ(net.hop_count(), 6);
  std::size_t around = 0;
  const std::set<std::pair<int, int>> seen = anodekmc::barriers::test::coordination_pairs_of_hop(net, a, k_e1, around);
  ASSERT_EQ(around, 8u);  // 5 + 5 - 2 shared
  EXPECT_EQ(seen.size(), 30u);
  for (int n_i = 0; n_i <= 6; ++n_i)
    for (int n_f = 0; n_f <= 6; ++n_f)
      EXPECT_EQ(flat_hop_fcc111_possible(n_i, n_f), seen.count({n_i, n_f}) == 1) << n_i << "," << n_f;
}

TEST(HopEnvironmentsFcc111, EnumerationListsEachReversePairOnce) {
  // Host only: 30 ordered pairs, 6 self-reverse (n, n): 6 + 24/2 = 18 (hand count).
  EXPECT_EQ(enumerate_flat_hops_fcc111("Li", {"Li"}, 1000).size(), 18u);
  // Host + one solute: 120 keys, 12 self-reverse (n_i = n_f, b_i = b_f): 12 + 108/2 = 66.
  const auto keys = enumerate_flat_hops_fcc111("Li", {"Li", "In"}, 1000);
  EXPECT_EQ(keys.size(), 66u);
  int previous_total = 0;
  for (const HopKey &k : keys) {
    EXPECT_GE(k.n_initial + k.n_final, previous_total) << "lowest total coordination first";
    previous_total = k.n_initial + k.n_final;
  }
  EXPECT_EQ(enumerate_flat_hops_fcc111("Li", {"Li", "In"}, 7).size(), 7u);
}

class Fcc111Geometry : public ::testing::Test {
 protected:
  static constexpr double a = 4.4;
  const double d = a / std::sqrt(2.0);
  const Slab slab = build_slab(SlabSpec{"fcc111", a, 5, 3, 5, 2, 12.0});
  const std::vector<std::string> elements = {"Li", "In"};

  Eigen::Vector3d minimum_image(Eigen::Vector3d v) const {
    const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
    v.x() -= wx * std::round(v.x() / wx);
    v.y() -= wy * std::round(v.y() / wy);
    return v;
  }
  // Lateral neighbours on the kMC's triangular net: adatoms in the same plane at d (the next
  // shell is at sqrt(3) d); the moving atom is not counted.
  int lateral_count(const HopConfiguration &hop, const Eigen::Vector3d &p) const {
    int n = 0;
    for (std::size_t k = slab.structure.size(); k + 1 < hop.structure.size(); ++k) {
      const Eigen::Vector3d v = minimum_image(hop.structure.positions_A[k] - p);
      EXPECT_NEAR(v.z(), 0.0, 1e-9);
      const double r = v.norm();
      EXPECT_GT(r, 0.9 * d) << "a lateral adatom on the initial or final site";
      if (r < 1.2 * d) ++n;
    }
    return n;
  }
  // Whether an in-plane point is a fcc hollow of the slab (not an hcp hollow).
  bool is_fcc_hollow(const Eigen::Vector3d &p) const {
    for (const Eigen::Vector3d &s : slab.adatom_sites_A)
      if (minimum_image(s - p).head<2>().norm() < 1e-9) return true;
    return false;
  }
};

TEST_F(Fcc111Geometry, EveryKeyHasItsNeighboursAndSubstrate) {
  const std::vector<HopKey> keys = enumerate_flat_hops_fcc111("Li", {"Li", "In"}, 1000);
  ASSERT_EQ(keys.size(), 66u);
  for (const HopKey &key : keys) {
    for (const HopKey &k : {key, reversed(key)}) {
      SCOPED_TRACE(std::to_string(k.n_initial) + "," + std::to_string(k.n_final) + "," + k.below_initial + "," +
                   k.below_final);
      const HopConfiguration hop = build_flat_hop_fcc111(slab, k, elements);
      const auto m = static_cast<Eigen::Index>(3 * hop.moving_atom);
      const Eigen::Vector3d from = hop.initial_A.segment<3>(m), to = hop.final_A.segment<3>(m);
      EXPECT_NEAR((to - from).norm(), d, 1e-9);  // neighbouring fcc hollows, d apart along +x
      EXPECT_NEAR(to.x() - from.x(), d, 1e-9);
      EXPECT_NEAR(from.z() - slab.top_z_A, a / std::sqrt(3.0), 1e-9);
      EXPECT_TRUE(is_fcc_hollow(from));
      EXPECT_TRUE(is_fcc_hollow(to));
      for (std::size_t s = slab.structure.size(); s < hop.structure.size(); ++s)
        EXPECT_TRUE(is_fcc_hollow(hop.structure.positions_A[s])) << "atom " << s;
      EXPECT_EQ(lateral_count(hop, from), k.n_initial);
      EXPECT_EQ(lateral_count(hop, to), k.n_final);
      // Solute atoms: top layer, the supporting atom at site - (0, d / sqrt 3) of its site.
      int solutes = 0;
      for (std::size_t s = 0; s < slab.structure.size(); ++s) {
        if (hop.structure.species[s] != 1) continue;
        ++solutes;
        EXPECT_EQ(slab.layer[s], 0);
        const Eigen::Vector3d di = minimum_image(from - hop.structure.positions_A[s]);
        const Eigen::Vector3d df = minimum_image(to - hop.structure.positions_A[s]);
        const bool under_initial = std::abs(di.x()) < 1e-9 && std::abs(di.y() - d / std::sqrt(3.0)) < 1e-9;
        const bool under_final = std::abs(df.x()) < 1e-9 && std::abs(df.y() - d / std::sqrt(3.0)) < 1e-9;
        EXPECT_TRUE(under_initial != under_final) << "under exactly one end";
        if (under_initial) {
          EXPECT_EQ(k.below_initial, "In");
        }
        if (under_final) {
          EXPECT_EQ(k.below_final, "In");
        }
      }
      EXPECT_EQ(solutes, (k.below_initial == "In") + (k.below_final == "In"));
      for (std::size_t s = 0; s < slab.structure.size(); ++s)
        EXPECT_EQ(hop.mobile[static_cast<Eigen::Index>(3 * s)], slab.layer[s] >= 3 ? 0.0 : 1.0);
    }
  }
}

TEST_F(Fcc111Geometry, ReverseKeyIsTheMirrorImageOfTheForwardKey) {
  // Mirror through the plane perpendicular to the hop at its midpoint: x -> 2 x_mid - x. The
  // reverse key's initial state must be the forward key's final state mirrored (same atoms as a
  // set, same species), so one NEB gives both rows.
  for (const HopKey &key : enumerate_flat_hops_fcc111("Li", {"Li", "In"}, 1000)) {
    SCOPED_TRACE(std::to_string(key.n_initial) + "," + std::to_string(key.n_final) + "," + key.below_initial + "," +
                 key.below_final);
    const HopConfiguration fwd = build_flat_hop_fcc111(slab, key, elements);
    const HopConfiguration rev = build_flat_hop_fcc111(slab, reversed(key), elements);
    const auto m = static_cast<Eigen::Index>(3 * fwd.moving_atom);
    const double x_mid = 0.5 * (fwd.initial_A[m] + fwd.final_A[m]);
    ASSERT_EQ(fwd.structure.size(), rev.structure.size());
    for (std::size_t s = 0; s < fwd.structure.size(); ++s) {
      Eigen::Vector3d p = fwd.final_A.segment<3>(static_cast<Eigen::Index>(3 * s));
      p.x() = 2.0 * x_mid - p.x();
      bool matched = false;
      for (std::size_t t = 0; t < rev.structure.size() && !matched; ++t)
        matched = rev.structure.species[t] == fwd.structure.species[s] &&
                  minimum_image(rev.initial_A.segment<3>(static_cast<Eigen::Index>(3 * t)) - p).norm() < 1e-6;
      EXPECT_TRUE(matched) << "atom " << s << " has no mirror image";
    }
  }
}

TEST_F(Fcc111Geometry, BadKeysAndSlabsAreRefused) {
  EXPECT_THROW(build_flat_hop_fcc111(slab, HopKey{5, 0, "Li", "Li", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_fcc111(slab, HopKey{6, 6, "Li", "Li", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_fcc111(slab, HopKey{0, 0, "Li", "Zn", "Li", "flat"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_fcc111(slab, HopKey{0, 0, "Li", "Li", "Li", "down"}, elements), std::invalid_argument);
  EXPECT_THROW(build_flat_hop_fcc111(build_slab(SlabSpec{"bcc110", 3.49, 4, 3, 5, 2, 12.0}),
                                     HopKey{0, 0, "Li", "Li", "Li", "flat"}, elements),
               std::invalid_argument);
  EXPECT_THROW(build_flat_hop_fcc111(build_slab(SlabSpec{"fcc111", a, 4, 3, 5, 2, 12.0}),
                                     HopKey{0, 0, "Li", "Li", "Li", "flat"}, elements),
               std::invalid_argument);
}

// fcc Li under the shipped potential: the lattice constant of its energy minimum (what
// `anodekmc barriers` uses for facet fcc111 when the host's reference structure is bcc).
double fcc_li_lattice_constant_A(const EamModel &model) {
  double a_fcc = 0, c_over_a = 1;
  anodekmc::potential::relaxed_element_energy_eV(model, "fcc", 0, 4.4, a_fcc, c_over_a);
  return a_fcc;
}

// Every adatom of a relaxed state still on the fcc hollow it was put on (hcp hollows count as
// other sites), as catalog_job.cpp checks it.
std::string left_sites(const Slab &slab, const HopConfiguration &hop, const Eigen::VectorXd &placed,
                       const Eigen::VectorXd &relaxed) {
  std::vector<Eigen::Vector3d> sites = slab.adatom_sites_A;
  sites.insert(sites.end(), slab.hcp_sites_A.begin(), slab.hcp_sites_A.end());
  return end_state_left_its_sites(placed, relaxed, slab.structure.size(), sites, hop.structure.cell_A(0, 0),
                                  hop.structure.cell_A(1, 1));
}

TEST(HopEnvironmentsFcc111, NebOnAg111) {
  // Ag is fcc in the database (a = 4.0865 Å): the machinery on a facet its potential is made for.
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Ag"});
  const double a = 4.0865;
  // 5 x 3 cells: 14.4 x 15.0 Å (the cutoff is below 7 Å); 5 layers, 2 fixed.
  const Slab slab = build_slab(SlabSpec{"fcc111", a, 5, 3, 5, 2, 12.0});
  NebSettings settings;
  settings.intermediate_images = 7;  // the band crosses the hcp hollow between the two bridges
  settings.max_force_eV_A = 0.005;

  const HopConfiguration bare = build_flat_hop_fcc111(slab, HopKey{0, 0, "Ag", "Ag", "Ag", "flat"}, {"Ag"});
  const NebResult r = run_neb(eam_energy_surface(model, bare.structure), bare.initial_A, bare.final_A, bare.mobile,
                              settings);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_EQ(left_sites(slab, bare, bare.initial_A, r.images.front()), "");
  EXPECT_EQ(left_sites(slab, bare, bare.final_A, r.images.back()), "");
  // The bare hop is its own mirror image: equal end energies and barriers.
  EXPECT_NEAR(r.energies_eV.front(), r.energies_eV.back(), 1e-5);
  EXPECT_NEAR(r.barrier_eV, r.reverse_barrier_eV, 1e-4);
  EXPECT_GT(r.barrier_eV, 0.0);
  EXPECT_LT(r.barrier_eV, 0.2);
  std::printf("[ measured ] Ag/Ag(111) bare hop %.4f / %.4f eV, %d steps\n", r.barrier_eV, r.reverse_barrier_eV, r.steps);

  // (0, 1): one lateral neighbour at the final site only. Forward minus reverse barrier must be
  // the energy difference of the two end states relaxed on their own (not through the NEB).
  const HopConfiguration one = build_flat_hop_fcc111(slab, HopKey{0, 1, "Ag", "Ag", "Ag", "flat"}, {"Ag"});
  const EnergySurface surface = eam_energy_surface(model, one.structure);
  const NebResult q = run_neb(surface, one.initial_A, one.final_A, one.mobile, settings);
  ASSERT_TRUE(q.converged) << q.failure;
  Eigen::VectorXd start = one.initial_A, end = one.final_A, forces;
  ASSERT_TRUE(minimize(surface, start, one.mobile, 1e-4, 20000).converged);
  ASSERT_TRUE(minimize(surface, end, one.mobile, 1e-4, 20000).converged);
  EXPECT_EQ(left_sites(slab, one, one.initial_A, start), "");
  EXPECT_EQ(left_sites(slab, one, one.final_A, end), "");
  const double end_point_difference_eV = surface(end, forces) - surface(start, forces);
  // Both relaxations stop at finite forces (NEB end points at 0.005 eV/Å): 5e-4 eV against a
  // difference of order 0.1 eV.
  EXPECT_NEAR(q.barrier_eV - q.reverse_barrier_eV, end_point_difference_eV, 5e-4);
  EXPECT_LT(end_point_difference_eV, -0.1) << "a lateral bond lowers the final energy";
  std::printf("[ measured ] Ag/Ag(111) key 0,1: forward %.4f eV, reverse %.4f eV, end-point difference %.4f eV\n",
              q.barrier_eV, q.reverse_barrier_eV, end_point_difference_eV);
}

TEST(HopEnvironmentsFcc111, LiAdatomLeavesTheFccHollowWithTheShippedPotential) {
  // Why inputs/barriers_Li111 has no rows (docs/cli_barriers.md "fcc(111)"): on fcc Li(111) at
  // the potential's fcc lattice constant, a Li adatom put on a fcc hollow and relaxed does not
  // stay there (it moves about 2 Å and pushes a top-layer atom aside). The clean slab is stable.
  // If a refitted potential changes this, the catalog and the docs need redoing.
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  const double a_fcc = fcc_li_lattice_constant_A(model);
  // Same atomic volume as bcc Li within a few per cent (E(fcc) - E(bcc) is only 22 meV/atom
  // with this potential, potentials/FIT_REPORT.md).
  EXPECT_NEAR(a_fcc, std::cbrt(2.0) * 3.49, 0.1);
  std::printf("[ measured ] fcc Li lattice constant of the shipped potential: %.4f A\n", a_fcc);
  const Slab slab = build_slab(SlabSpec{"fcc111", a_fcc, 5, 3, 5, 2, 12.0});
  const HopConfiguration bare = build_flat_hop_fcc111(slab, HopKey{0, 0, "Li", "Li", "Li", "flat"}, {"Li"});
  const EnergySurface surface = eam_energy_surface(model, bare.structure);
  Eigen::VectorXd x = bare.initial_A;
  ASSERT_TRUE(minimize(surface, x, bare.mobile, 1e-3, 50000).converged);
  const std::string left = left_sites(slab, bare, bare.initial_A, x);
  EXPECT_NE(left, "");
  std::printf("[ measured ] Li adatom on fcc Li(111): %s\n", left.c_str());
}

}  // namespace
