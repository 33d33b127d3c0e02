// The step-down NEBs on the C++ model of the shipped potential: bcc(100) (three NEBs on a
// 173-atom slab, about 40 s) and bcc(110) (two NEBs, about 30 s). The hop over the edge and the exchange with the edge atom end in the
// same state (atoms swapped), so their end-point energies must agree; each path's down minus up
// barrier is its end-point energy difference; the descent costs more than the flat hop (an
// Ehrlich-Schwoebel barrier: 0.046 eV here, 0.064 eV with LAMMPS on the catalog's larger slab).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "barriers/eam_surface.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/neb.hpp"
#include "barriers/step_hop_bcc100.hpp"
#include "barriers/step_hop_bcc110.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;
using anodekmc::potential::EamDatabase;
using anodekmc::potential::EamModel;

TEST(StepNeb, HopAndExchangeDownALi100StepShareTheirEndStates) {
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  const double a = 3.489766;  // the database's Li lattice constant
  // 8 x 4 cells (27.9 x 14.0 Å, over twice the 6.34 Å cutoff along the step), 5 layers, 2 fixed;
  // a 3-row strip leaves 5 rows of lower terrace.
  const Slab slab = build_slab(SlabSpec{"bcc100", a, 8, 4, 5, 2, 12.0}, 2.0 * 6.35);
  NebSettings settings;
  settings.intermediate_images = 7;
  settings.max_force_eV_A = 0.01;
  NebResult result[2];
  int k = 0;
  for (StepPath path : {StepPath::kHop, StepPath::kExchange}) {
    const StepHop step = build_step_down_bcc100(slab, 3, path, {"Li"});
    const HopConfiguration &c = step.configuration;
    result[k] = run_neb(eam_energy_surface(model, c.structure), c.initial_A, c.final_A, c.mobile, settings);
    ASSERT_TRUE(result[k].converged) << step_path_name(path) << ": " << result[k].failure;
    const NebResult &r = result[k];
    EXPECT_NEAR(r.barrier_eV - r.reverse_barrier_eV, r.energies_eV.back() - r.energies_eV.front(), 1e-9);
    std::printf("[ measured ] Li(100) step, %s path: down %.4f eV, up %.4f eV, final - initial %.4f eV, %d steps\n",
                step_path_name(path), r.barrier_eV, r.reverse_barrier_eV,
                r.energies_eV.back() - r.energies_eV.front(), r.steps);
    ++k;
  }
  // Same initial state; same final state up to the identity of two atoms.
  EXPECT_NEAR(result[0].energies_eV.front(), result[1].energies_eV.front(), 1e-4);
  EXPECT_NEAR(result[0].energies_eV.back(), result[1].energies_eV.back(), 1e-3);

  // The flat bare hop on the same slab, away from the strip (the flat builder's slab has no
  // strip: a clean slab of the same size).
  const HopConfiguration flat = build_flat_hop_bcc100(slab, HopKey{0, 0, "Li", "Li", "Li", "flat"}, {"Li"});
  const NebResult f = run_neb(eam_energy_surface(model, flat.structure), flat.initial_A, flat.final_A, flat.mobile,
                              settings);
  ASSERT_TRUE(f.converged) << f.failure;
  const double lower = std::min(result[0].barrier_eV, result[1].barrier_eV);
  EXPECT_GT(lower, f.barrier_eV) << "descending the step costs more than a flat hop";
  std::printf("[ measured ] flat bare hop %.4f eV; Ehrlich-Schwoebel barrier %.4f eV\n", f.barrier_eV,
              lower - f.barrier_eV);
}

// The same on bcc(110): a [001] step (step_hop_bcc110.hpp), 4 x 5 cells (14.0 x 24.7 Å), a
// 3-row strip leaving 7 rows of lower terrace, 5 layers, 2 fixed (about 30 s). Both relaxed end
// states keep every added atom on its site, and the descent is downhill (the foot of the step
// has more neighbours than the edge site). The flat hop and the Ehrlich-Schwoebel difference are
// in the catalog (inputs/barriers_Li110).
TEST(StepNeb, HopAndExchangeDownALi110StepShareTheirEndStates) {
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  const double a = 3.489766;
  const Slab slab = build_slab(SlabSpec{"bcc110", a, 4, 5, 5, 2, 12.0}, 2.0 * 6.35);
  NebSettings settings;
  settings.intermediate_images = 7;
  settings.max_force_eV_A = 0.01;
  NebResult result[2];
  int k = 0;
  for (StepPath path : {StepPath::kHop, StepPath::kExchange}) {
    const StepHop step = build_step_down_bcc110(slab, 3, path, {"Li"});
    const HopConfiguration &c = step.configuration;
    result[k] = run_neb(eam_energy_surface(model, c.structure), c.initial_A, c.final_A, c.mobile, settings);
    ASSERT_TRUE(result[k].converged) << step_path_name(path) << ": " << result[k].failure;
    const NebResult &r = result[k];
    EXPECT_NEAR(r.barrier_eV - r.reverse_barrier_eV, r.energies_eV.back() - r.energies_eV.front(), 1e-9);
    // The relaxed end points keep every added atom on its site (the catalog job's check).
    const double wx = c.structure.cell_A(0, 0), wy = c.structure.cell_A(1, 1);
    EXPECT_TRUE(end_state_left_its_sites_3d(c.initial_A, r.images.front(), step.first_added_atom, step.sites_A, wx, wy).empty());
    EXPECT_TRUE(end_state_left_its_sites_3d(c.final_A, r.images.back(), step.first_added_atom, step.sites_A, wx, wy).empty());
    const auto m = static_cast<Eigen::Index>(3 * c.moving_atom);
    std::printf("[ measured ] adatom relaxed by %.3f A (initial), %.3f A (final); profile",
                (r.images.front() - c.initial_A).segment<3>(m).norm(), (r.images.back() - c.final_A).segment<3>(m).norm());
    for (double e : r.energies_eV) std::printf(" %.4f", e - r.energies_eV.front());
    std::printf("\n");
    std::printf("[ measured ] Li(110) step, %s path: down %.4f eV, up %.4f eV, final - initial %.4f eV, %d steps\n",
                step_path_name(path), r.barrier_eV, r.reverse_barrier_eV,
                r.energies_eV.back() - r.energies_eV.front(), r.steps);
    ++k;
  }
  EXPECT_NEAR(result[0].energies_eV.front(), result[1].energies_eV.front(), 1e-4);
  EXPECT_NEAR(result[0].energies_eV.back(), result[1].energies_eV.back(), 1e-3);
  // Landing at the foot of the step (two edge neighbours) is downhill from the edge site.
  EXPECT_LT(result[0].energies_eV.back(), result[0].energies_eV.front());

}

}  // namespace
