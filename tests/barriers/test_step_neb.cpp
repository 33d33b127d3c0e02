// The step-down NEBs on the C++ model of the shipped potential: bcc(100) (three NEBs on a
// 173-atom slab, about 40 s) and bcc(110) (two NEBs, about 30 s). The hop over the edge and the exchange with the edge atom end in the
// same state (atoms swapped), so their end-point energies must agree; each path's down minus up
// barrier is its end-point energy difference; the descent costs more than the flat hop (an
// Ehrlich-Schwoebel barrier: 0.046 eV here, 0.064 eV with LAMMPS on the catalog's larger slab).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "barriers/eam_surface.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/neb.hpp"
#include "barriers/step_hop.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;
using anodekmc::potential::EamDatabase;
using anodekmc::potential::EamModel;

const char *kDatabase = ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb";
constexpr double kLatticeA = 3.489766;  // the database's Li lattice constant

NebSettings settings() {
  NebSettings s;
  s.intermediate_images = 7;
  s.max_force_eV_A = 0.01;
  return s;
}

// The hop and the exchange path down the step of `facet` on `slab` (a `strip_rows` strip), each
// converged with forward - reverse = its end-point difference and both relaxed end states on
// the sites the catalog job checks; then the two paths' initial energies agree (the same state)
// and their final energies agree (the same state with two atoms swapped). Returns {hop, exchange}.
std::vector<NebResult> both_paths_down(const EamModel &model, const std::string &facet, const Slab &slab, int strip_rows) {
  std::vector<NebResult> result;
  for (StepPath path : {StepPath::kHop, StepPath::kExchange}) {
    const StepHop step = build_step_down(facet, slab, strip_rows, path, {"Li"});
    const HopConfiguration &c = step.configuration;
    const NebResult r = run_neb(eam_energy_surface(model, c.structure), c.initial_A, c.final_A, c.mobile, settings());
    EXPECT_TRUE(r.converged) << step_path_name(path) << ": " << r.failure;
    EXPECT_NEAR(r.barrier_eV - r.reverse_barrier_eV, r.energies_eV.back() - r.energies_eV.front(), 1e-9);
    const double wx = c.structure.cell_A(0, 0), wy = c.structure.cell_A(1, 1);
    EXPECT_EQ(end_state_left_its_sites_3d(c.initial_A, r.images.front(), step.first_added_atom, step.sites_A, wx, wy), "");
    EXPECT_EQ(end_state_left_its_sites_3d(c.final_A, r.images.back(), step.first_added_atom, step.sites_A, wx, wy), "");
    const auto m = static_cast<Eigen::Index>(3 * c.moving_atom);
    std::printf("[ measured ] %s step, %s path: down %.4f eV, up %.4f eV, final - initial %.4f eV, %d steps; adatom "
                "relaxed by %.3f A (initial), %.3f A (final)\n",
                facet.c_str(), step_path_name(path), r.barrier_eV, r.reverse_barrier_eV,
                r.energies_eV.back() - r.energies_eV.front(), r.steps,
                (r.images.front() - c.initial_A).segment<3>(m).norm(), (r.images.back() - c.final_A).segment<3>(m).norm());
    result.push_back(r);
  }
  EXPECT_NEAR(result[0].energies_eV.front(), result[1].energies_eV.front(), 1e-4);
  EXPECT_NEAR(result[0].energies_eV.back(), result[1].energies_eV.back(), 1e-3);
  return result;
}

TEST(StepNeb, HopAndExchangeDownALi100StepShareTheirEndStates) {
  const EamModel model(EamDatabase::read(kDatabase), {"Li"});
  // 8 x 4 cells (27.9 x 14.0 Å, over twice the 6.34 Å cutoff along the step), 5 layers, 2 fixed;
  // a 3-row strip leaves 5 rows of lower terrace.
  const Slab slab = build_slab(SlabSpec{"bcc100", kLatticeA, 8, 4, 5, 2, 12.0}, 2.0 * 6.35);
  const std::vector<NebResult> result = both_paths_down(model, "bcc100", slab, 3);
  ASSERT_EQ(result.size(), 2u);

  // The flat bare hop on the same slab, away from the strip (the flat builder's slab has no
  // strip: a clean slab of the same size).
  const HopConfiguration flat = build_flat_hop_bcc100(slab, HopKey{0, 0, "Li", "Li", "Li", "flat"}, {"Li"});
  const NebResult f = run_neb(eam_energy_surface(model, flat.structure), flat.initial_A, flat.final_A, flat.mobile,
                              settings());
  ASSERT_TRUE(f.converged) << f.failure;
  const double lower = std::min(result[0].barrier_eV, result[1].barrier_eV);
  EXPECT_GT(lower, f.barrier_eV) << "descending the step costs more than a flat hop";
  std::printf("[ measured ] flat bare hop %.4f eV; Ehrlich-Schwoebel barrier %.4f eV\n", f.barrier_eV,
              lower - f.barrier_eV);
}

// The same on bcc(110): a [001] step (step_hop_bcc110.hpp), 4 x 5 cells (14.0 x 24.7 Å), a
// 3-row strip leaving 7 rows of lower terrace, 5 layers, 2 fixed (about 30 s). The descent is
// downhill (the foot of the step has more neighbours than the edge site). The flat hop and the
// Ehrlich-Schwoebel difference are in the catalog (inputs/barriers_Li110).
TEST(StepNeb, HopAndExchangeDownALi110StepShareTheirEndStates) {
  const EamModel model(EamDatabase::read(kDatabase), {"Li"});
  const Slab slab = build_slab(SlabSpec{"bcc110", kLatticeA, 4, 5, 5, 2, 12.0}, 2.0 * 6.35);
  const std::vector<NebResult> result = both_paths_down(model, "bcc110", slab, 3);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_LT(result[0].energies_eV.back(), result[0].energies_eV.front());
}

}  // namespace
