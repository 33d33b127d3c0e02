// The screening's step descent next to a solute (barriers/solute_paths.hpp) on bcc(110), run as
// the screen runs it: CI-NEB through LAMMPS (pair_style eam/analytic) with the end-state check.
// Pure Li: the hop path's barriers equal those of the same NEB on the independent pure-C++
// model (same slab, images and tolerance as test_step_neb.cpp). An In edge atom: the record
// holds both paths and the step slab, and a facet without a step builder is refused. A Mg edge
// atom: the edge site is no start, so both paths start one row in.
// One rank (the screen runs each row's paths on MPI_COMM_SELF).
#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "barriers/barrier_config.hpp"
#include "barriers/eam_surface.hpp"
#include "barriers/neb.hpp"
#include "barriers/solute_paths.hpp"
#include "barriers/step_hop_bcc110.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;

BarrierConfig li110_config() {
  BarrierConfig c;
  c.database_path = ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb";
  c.host = c.moving = "Li";
  // 4 x 3 cells, widened by the 3-row strip to 4 x 5 (test_step_neb.cpp's slab).
  c.slab = SlabSpec{"bcc110", 0.0, 4, 3, 5, 2, 12.0};
  c.step_rows = 3;
  c.neb.intermediate_images = 7;
  c.neb.max_force_eV_A = 0.01;
  return c;
}

TEST(SolutePaths, Li110StepHopThroughLammpsEqualsTheCppNeb) {
  const BarrierConfig config = li110_config();
  const SolutePaths p = compute_solute_paths(config, "Li");
  EXPECT_EQ(p.step_cells_x, 4);
  EXPECT_EQ(p.step_cells_y, 5);
  ASSERT_TRUE(p.step_hop.converged) << p.step_hop.failure;
  EXPECT_LE(p.step_hop.max_force_eV_A, 0.01);

  using anodekmc::potential::EamDatabase;
  using anodekmc::potential::EamModel;
  const EamDatabase db = EamDatabase::read(config.database_path);
  const double a = db.find_element("Li")->lattice_constant_A;
  const EamModel model(db, {"Li"});
  const Slab slab = build_slab(SlabSpec{"bcc110", a, 4, 5, 5, 2, 12.0});
  const StepHop step = build_step_down_bcc110(slab, 3, StepPath::kHop, {"Li"});
  const HopConfiguration &c = step.configuration;
  const NebResult r = run_neb(eam_energy_surface(model, c.structure), c.initial_A, c.final_A, c.mobile, config.neb);
  ASSERT_TRUE(r.converged) << r.failure;
  std::printf("[ measured ] Li(110) [001] step hop: LAMMPS %.5f / %.5f eV, C++ model %.5f / %.5f eV (down / up)\n",
              p.step_hop.forward_eV, p.step_hop.reverse_eV, r.barrier_eV, r.reverse_barrier_eV);
  // Both bands converge to 0.01 eV/Å on the same energy surface; the endpoints' energies are
  // exact, the saddle's within the residual force times the image spacing (~0.01 eV/Å x 0.3 Å).
  EXPECT_NEAR(p.step_hop.forward_eV, r.barrier_eV, 3e-3);
  EXPECT_NEAR(p.step_hop.reverse_eV, r.reverse_barrier_eV, 3e-3);
  EXPECT_NEAR(p.step_hop.reverse_eV - p.step_hop.forward_eV, r.reverse_barrier_eV - r.barrier_eV, 1e-3);
}

TEST(SolutePaths, In110EdgeAtomGivesBothPathsAndOtherFacetsAreRefused) {
  const SolutePaths p = compute_solute_paths(li110_config(), "In");
  EXPECT_EQ(p.step_hop.path, "step hop");
  EXPECT_EQ(p.step_exchange.path, "step exchange");
  for (const PathBarrier *b : {&p.step_hop, &p.step_exchange}) {
    std::printf("[ measured ] Li(110) [001] step with an In edge atom, %s: %s %.5f / %.5f eV (down / up)%s%s\n",
                b->path.c_str(), b->converged ? "converged" : "NOT converged", b->forward_eV, b->reverse_eV,
                b->failure.empty() ? "" : ": ", b->failure.c_str());
    if (b->converged) {
      EXPECT_TRUE(std::isfinite(b->forward_eV) && b->forward_eV >= 0.0);
      EXPECT_TRUE(std::isfinite(b->reverse_eV) && b->reverse_eV >= 0.0);
    } else {
      EXPECT_FALSE(b->failure.empty()) << "a failed path says why";
    }
  }
  ASSERT_NE(p.step_down(), nullptr) << "at least one descent path converges";

  EXPECT_EQ(p.start, "edge") << "an In edge atom keeps the edge site a minimum";
  EXPECT_TRUE(p.edge_failure.empty());

  BarrierConfig fcc = li110_config();
  fcc.slab.facet = "fcc111";
  EXPECT_THROW(compute_solute_paths(fcc, "In"), std::invalid_argument);
}

// A Mg edge atom pushes the adatom off the edge site (it relaxes one row back onto the strip),
// so neither path has an edge start: both are run again from the site one row in.
TEST(SolutePaths, Mg110EdgeSiteIsNoStartSoTheDescentStartsOneRowIn) {
  BarrierConfig config = li110_config();
  config.neb.max_steps = 2000;  // the exchange band over Mg does not converge; give up sooner
  const SolutePaths p = compute_solute_paths(config, "Mg");
  EXPECT_EQ(p.start, "inner");
  EXPECT_NE(p.edge_failure.find("left its site"), std::string::npos) << p.edge_failure;
  std::printf("[ measured ] Li(110) [001] step with a Mg edge atom, from one row in: hop %s %.5f / %.5f eV, exchange "
              "%s\n",
              p.step_hop.converged ? "converged" : "NOT converged", p.step_hop.forward_eV, p.step_hop.reverse_eV,
              p.step_exchange.converged ? "converged" : p.step_exchange.failure.c_str());
  ASSERT_NE(p.step_down(), nullptr) << p.step_hop.failure;
  EXPECT_TRUE(p.step_down()->forward_eV > 0.0 && p.step_down()->forward_eV < 1.0);
}

}  // namespace
