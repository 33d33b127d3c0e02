// The flat exchange path (exchange_hop.hpp): its geometry on bcc(100) and bcc(110), and its NEB on the
// C++ model of the shipped potential (three NEBs on 5-layer slabs, about 10 s).
//   - on pure Li(100) and Li(110) the path is its own mirror image (inversion through the saddle), so the
//     forward and reverse barriers must agree;
//   - with In as the pushed atom the two end states differ, and forward minus reverse must be
//     the energy difference of the two end states relaxed on their own.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "barriers/eam_surface.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/exchange_hop.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/neb.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;
using anodekmc::potential::EamDatabase;
using anodekmc::potential::EamModel;

constexpr double kA = 3.489766;  // the database's Li lattice constant

Slab li100_slab(int cells) { return build_slab(SlabSpec{"bcc100", kA, cells, cells, 5, 2, 12.0}); }

Eigen::Vector3d atom(const Eigen::VectorXd &x, std::size_t k) { return x.segment<3>(static_cast<Eigen::Index>(3 * k)); }

TEST(ExchangeHop, GeometryOnBcc100) {
  const Slab slab = li100_slab(5);
  const ExchangeHop ex = build_flat_exchange(slab, 0, 1);
  const HopConfiguration &c = ex.configuration;
  ASSERT_EQ(c.structure.size(), slab.structure.size() + 1);
  EXPECT_EQ(c.moving_atom, slab.structure.size());
  EXPECT_EQ(slab.layer[ex.pushed_atom], 0) << "the pushed atom is a top-layer atom";
  EXPECT_EQ(c.structure.species[ex.pushed_atom], 1);
  EXPECT_EQ(c.structure.species[c.moving_atom], 0);
  const Eigen::Vector3d adatom0 = atom(c.initial_A, c.moving_atom), adatom1 = atom(c.final_A, c.moving_atom);
  const Eigen::Vector3d pushed0 = atom(c.initial_A, ex.pushed_atom), pushed1 = atom(c.final_A, ex.pushed_atom);
  // P is a corner of the adatom's hollow: in-plane a/sqrt 2 away, one layer spacing below.
  EXPECT_NEAR((adatom0 - pushed0).head<2>().norm(), kA / std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(adatom0.z() - pushed0.z(), 0.5 * kA, 1e-9);
  // The adatom ends on P's lattice site; P ends in the hollow diagonally beyond, sqrt 2 a from
  // the first hollow, at the adatom height.
  EXPECT_NEAR((adatom1 - pushed0).norm(), 0.0, 1e-12);
  EXPECT_NEAR((pushed1 - adatom0).head<2>().norm(), std::sqrt(2.0) * kA, 1e-9);
  EXPECT_NEAR(pushed1.z(), adatom0.z(), 1e-12);
  // Nothing else moves between the end states.
  for (std::size_t k = 0; k < c.structure.size(); ++k)
    if (k != c.moving_atom && k != ex.pushed_atom) {
      EXPECT_EQ(atom(c.initial_A, k), atom(c.final_A, k)) << k;
    }
  // The end-state check accepts the states as built and sees an atom that went elsewhere.
  const double wx = c.structure.cell_A(0, 0), wy = c.structure.cell_A(1, 1);
  const std::vector<std::size_t> checked = {c.moving_atom, ex.pushed_atom};
  EXPECT_EQ(end_state_atoms_left_their_sites_3d(c.final_A, c.final_A, checked, ex.sites_A, wx, wy), "");
  Eigen::VectorXd slid = c.final_A;
  slid.segment<3>(static_cast<Eigen::Index>(3 * ex.pushed_atom)) = adatom0;  // P back up in the first hollow
  EXPECT_NE(end_state_atoms_left_their_sites_3d(c.final_A, slid, checked, ex.sites_A, wx, wy).find("adatom 1 left its site"),
            std::string::npos);

  EXPECT_THROW(build_flat_exchange(li100_slab(3), 0, 0), std::invalid_argument);
}

TEST(ExchangeHop, GeometryOnBcc110) {
  // x = [001], y = [1-10]; the adsorption site is the long bridge between two top-layer atoms a
  // apart along x, each a nearest neighbour (sqrt 3 / 2 a). The exchange moves the column by a
  // along [001].
  const Slab slab = build_slab(SlabSpec{"bcc110", kA, 5, 4, 5, 2, 12.0});
  const ExchangeHop ex = build_flat_exchange(slab, 0, 1);
  const HopConfiguration &c = ex.configuration;
  const Eigen::Vector3d adatom0 = atom(c.initial_A, c.moving_atom), pushed0 = atom(c.initial_A, ex.pushed_atom);
  const Eigen::Vector3d adatom1 = atom(c.final_A, c.moving_atom), pushed1 = atom(c.final_A, ex.pushed_atom);
  EXPECT_EQ(slab.layer[ex.pushed_atom], 0);
  EXPECT_NEAR((adatom0 - pushed0).norm(), 0.5 * std::sqrt(3.0) * kA, 1e-9);
  EXPECT_NEAR(std::abs(pushed0.x() - adatom0.x()), 0.5 * kA, 1e-9);
  EXPECT_NEAR(pushed0.y(), adatom0.y(), 1e-9);
  EXPECT_NEAR((adatom1 - pushed0).norm(), 0.0, 1e-12);
  EXPECT_NEAR((pushed1 - adatom0).norm(), kA, 1e-9);
  EXPECT_NEAR((pushed1 - pushed0).norm(), 0.5 * std::sqrt(3.0) * kA, 1e-9);
  EXPECT_EQ(c.structure.species[ex.pushed_atom], 1);
}

NebResult exchange_neb(const EamModel &model, const ExchangeHop &ex) {
  NebSettings settings;
  settings.intermediate_images = 5;
  settings.max_force_eV_A = 0.01;
  const HopConfiguration &c = ex.configuration;
  return run_neb(eam_energy_surface(model, c.structure), c.initial_A, c.final_A, c.mobile, settings);
}

TEST(ExchangeNeb, PureLiPathIsSymmetricOnBcc100AndBcc110) {
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  for (const Slab &slab : {li100_slab(5), build_slab(SlabSpec{"bcc110", kA, 5, 4, 5, 2, 12.0})}) {
    const ExchangeHop ex = build_flat_exchange(slab, 0, 0);
    const NebResult r = exchange_neb(model, ex);
    ASSERT_TRUE(r.converged) << r.failure;
    // End points relaxed to 0.01 eV/Å: their energies agree to well below 1e-3 eV (harmonic
    // estimate f^2 / (2 k) with k ~ 1 eV/Å^2 gives 5e-5 eV per end).
    EXPECT_NEAR(r.barrier_eV, r.reverse_barrier_eV, 1e-3);
    EXPECT_GT(r.barrier_eV, 0.0);
    std::printf("[ measured ] %zu-atom Li slab, Li-Li exchange: forward %.4f eV, reverse %.4f eV, %d steps\n",
                slab.structure.size(), r.barrier_eV, r.reverse_barrier_eV, r.steps);
  }
}

TEST(ExchangeNeb, ForwardMinusReverseIsTheEndStateEnergyDifference) {
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li", "In"});
  const ExchangeHop ex = build_flat_exchange(li100_slab(5), 0, 1);
  const NebResult r = exchange_neb(model, ex);
  ASSERT_TRUE(r.converged) << r.failure;
  // The end states relaxed on their own, to a tighter force than the band's.
  const HopConfiguration &c = ex.configuration;
  const EnergySurface surface = eam_energy_surface(model, c.structure);
  Eigen::VectorXd initial = c.initial_A, final_state = c.final_A;
  minimize(surface, initial, c.mobile, 1e-4, 20000);
  minimize(surface, final_state, c.mobile, 1e-4, 20000);
  Eigen::VectorXd forces;
  const double difference = surface(final_state, forces) - surface(initial, forces);
  EXPECT_NEAR(r.barrier_eV - r.reverse_barrier_eV, difference, 2e-3);
  std::printf("[ measured ] Li adatom exchanging with In in Li(100): forward %.4f eV, reverse %.4f eV, "
              "end states %.4f eV apart\n", r.barrier_eV, r.reverse_barrier_eV, difference);
}

}  // namespace
