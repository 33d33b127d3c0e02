// NEB checked against exact and independent results: a curved analytic valley whose saddle
// and barrier are known in closed form, and a Li adatom hop on Li(100) with the shipped EAM,
// whose saddle lies at the bridge site by mirror symmetry, so a constrained relaxation at the
// bridge (no NEB involved) gives the barrier independently.
#include <gtest/gtest.h>

#include <cmath>

#include "barriers/eam_surface.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/neb.hpp"
#include "barriers/slab_builder.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;

// V = (x² - 1)² + 5 (y - (1 - x²)/2)² + z²: minima (±1, 0, 0) at V = 0; the valley floor
// y = (1 - x²)/2 is curved, and along it V = (x² - 1)², so the saddle is (0, 1/2, 0), V = 1.
double valley(const Eigen::VectorXd &p, Eigen::VectorXd &f) {
  const double x = p[0], y = p[1], z = p[2];
  const double u = x * x - 1.0, w = y - 0.5 * (1.0 - x * x);
  f.resize(3);
  f[0] = -(4.0 * x * u + 10.0 * w * x);
  f[1] = -(10.0 * w);
  f[2] = -2.0 * z;
  return u * u + 5.0 * w * w + z * z;
}

TEST(Neb, FindsTheExactSaddleOfACurvedValley) {
  Eigen::VectorXd a(3), b(3), mobile = Eigen::VectorXd::Ones(3);
  a << -0.9, 0.2, 0.1;  // off the minima: the end points are relaxed first
  b << 1.1, -0.1, 0.0;
  NebSettings settings;
  settings.intermediate_images = 7;
  settings.max_force_eV_A = 1e-4;
  settings.spring_eV_A2 = 2.0;
  const NebResult r = run_neb(valley, a, b, mobile, settings);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(r.images.front()[0], -1.0, 1e-4);
  EXPECT_NEAR(r.images.back()[0], 1.0, 1e-4);
  EXPECT_NEAR(r.barrier_eV, 1.0, 1e-6);
  EXPECT_NEAR(r.reverse_barrier_eV, 1.0, 1e-6);
  const Eigen::VectorXd &saddle = r.images[static_cast<std::size_t>(r.highest_image)];
  EXPECT_NEAR(saddle[0], 0.0, 1e-3);
  EXPECT_NEAR(saddle[1], 0.5, 1e-3);
  // Without the climbing image the highest image sits below the saddle (a discretised band).
  settings.climbing_image = false;
  settings.intermediate_images = 4;
  const NebResult plain = run_neb(valley, a, b, mobile, settings);
  ASSERT_TRUE(plain.converged) << plain.failure;
  EXPECT_LT(plain.barrier_eV, 1.0);
}

TEST(Neb, ReportsWhyItDidNotConverge) {
  Eigen::VectorXd a(3), b(3), mobile = Eigen::VectorXd::Ones(3);
  a << -1, 0, 0;
  b << 1, 0, 0;
  NebSettings settings;
  settings.max_steps = 5;
  const NebResult r = run_neb(valley, a, b, mobile, settings);
  EXPECT_FALSE(r.converged);
  EXPECT_NE(r.failure.find("not converged after 5 steps"), std::string::npos) << r.failure;
  EXPECT_THROW(run_neb(valley, a, Eigen::VectorXd::Zero(6), Eigen::VectorXd::Ones(3), settings), std::invalid_argument);
}

TEST(Neb, LiAdatomHopOnLi100MatchesTheConstrainedBridgeEnergy) {
  using anodekmc::potential::EamDatabase;
  using anodekmc::potential::EamModel;
  const EamModel model(EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb"), {"Li"});
  // Li bcc, a = 3.49 Å (the fitted lattice constant); 4 x 4 cells (13.96 Å > twice the cutoff).
  SlabSpec spec{"bcc100", 3.49, 4, 4, 6, 2, 12.0};
  Slab slab = build_slab(spec);
  const Eigen::Vector3d hollow_a = slab.adatom_sites_A[0];
  Eigen::Vector3d hollow_b = hollow_a + Eigen::Vector3d(3.49, 0.0, 0.0);  // next hollow along x
  const std::size_t adatom = add_adatom(slab, 0, 0);
  const EnergySurface surface = eam_energy_surface(model, slab.structure);
  Eigen::VectorXd mobile(3 * static_cast<Eigen::Index>(slab.structure.size()));
  for (std::size_t k = 0; k < slab.structure.size(); ++k)
    mobile.segment<3>(3 * static_cast<Eigen::Index>(k)).setConstant(slab.fixed[k] ? 0.0 : 1.0);
  const Eigen::VectorXd initial = flat_coordinates(slab.structure);
  Eigen::VectorXd final = initial;
  final.segment<3>(3 * static_cast<Eigen::Index>(adatom)) = hollow_b;
  NebSettings settings;
  settings.intermediate_images = 5;
  settings.max_force_eV_A = 0.002;
  const NebResult r = run_neb(surface, initial, final, mobile, settings);
  ASSERT_TRUE(r.converged) << r.failure;
  EXPECT_NEAR(r.barrier_eV, r.reverse_barrier_eV, 1e-4) << "symmetric hop";

  // Independent: the adatom held at the bridge in x and y, everything else relaxed.
  Eigen::VectorXd bridge = r.images.front();
  bridge.segment<2>(3 * static_cast<Eigen::Index>(adatom)) = 0.5 * (hollow_a + hollow_b).head<2>();
  Eigen::VectorXd constrained = mobile;
  constrained.segment<2>(3 * static_cast<Eigen::Index>(adatom)).setZero();
  const MinimizeOutcome at_bridge = minimize(surface, bridge, constrained, 1e-4, 50000);
  ASSERT_TRUE(at_bridge.converged);
  const double bridge_barrier = at_bridge.energy_eV - r.energies_eV.front();
  // Every free atom of the climbing image stops with a residual force below f = 0.002 eV/Å;
  // the energy above the saddle is second order, about Σ f²/(2k) over ~65 free atoms with
  // k ~ 0.5 eV/Å²: under 3e-4 eV. 5e-4 leaves room for the bridge relaxation's own residual.
  EXPECT_NEAR(r.barrier_eV, bridge_barrier, 5e-4);
  EXPECT_GT(r.barrier_eV, 0.0);
  std::printf("[ measured ] Li/Li(100) hollow-bridge-hollow hop: NEB %.4f eV, constrained bridge %.4f eV, %d steps\n",
              r.barrier_eV, bridge_barrier, r.steps);
}

}  // namespace
