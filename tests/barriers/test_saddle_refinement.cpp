// Saddle refinement and the descent check (src/barriers/saddle_refinement.hpp) on analytic
// surfaces of one "atom" (three coordinates) whose stationary points are known exactly.
#include "barriers/saddle_refinement.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using anodekmc::barriers::connects;
using anodekmc::barriers::descend_from_saddle;
using anodekmc::barriers::EnergySurface;
using anodekmc::barriers::refine_saddle;
using anodekmc::barriers::SaddleSettings;

// E = (x² - 1)² + 3 (y - 0.4 x²)² + 0.5 z²: minima (±1, 0.4, 0) at E = 0, one saddle (0, 0, 0)
// at E = 1 with curvatures -4 (x), 6 (y), 1 (z).
const EnergySurface kCurvedDoubleWell = [](const Eigen::VectorXd &p, Eigen::VectorXd &f) {
  const double x = p[0], y = p[1], z = p[2];
  const double valley = y - 0.4 * x * x;
  f[0] = -(4.0 * x * (x * x - 1.0) - 6.0 * valley * 0.8 * x);
  f[1] = -6.0 * valley;
  f[2] = -z;
  return (x * x - 1.0) * (x * x - 1.0) + 3.0 * valley * valley + 0.5 * z * z;
};

// E = 4 (x² - 1)² (x² + 0.1) + y² + z²: minima at x = -1, 0 and 1 (E = 0, 0.4, 0) and saddles
// at x = ±sqrt(0.8/3) between them: a path from -1 to 1 passes an intermediate minimum.
const EnergySurface kTripleWell = [](const Eigen::VectorXd &p, Eigen::VectorXd &f) {
  const double x = p[0];
  f[0] = -8.0 * x * (x * x - 1.0) * (3.0 * x * x - 0.8);
  f[1] = -2.0 * p[1];
  f[2] = -2.0 * p[2];
  return 4.0 * (x * x - 1.0) * (x * x - 1.0) * (x * x + 0.1) + p[1] * p[1] + p[2] * p[2];
};

Eigen::VectorXd point(double x, double y, double z) {
  Eigen::VectorXd p(3);
  p << x, y, z;
  return p;
}

TEST(SaddleRefinement, ConvergesToTheExactSaddleAndDescendsToBothMinima) {
  SaddleSettings settings;
  settings.max_force_eV_A = 1e-9;
  const auto saddle = refine_saddle(kCurvedDoubleWell, point(0.15, 0.1, 0.05), {0}, settings);
  ASSERT_TRUE(saddle.converged) << saddle.failure;
  EXPECT_EQ(saddle.unstable_modes, 1);
  EXPECT_LT(saddle.coordinates_A.norm(), 1e-8);
  EXPECT_NEAR(saddle.energy_eV, 1.0, 1e-12);
  EXPECT_NEAR(std::abs(saddle.unstable_mode[0]), 1.0, 1e-6);  // the unstable mode is x
  const Eigen::VectorXd mobile = Eigen::VectorXd::Ones(3);
  const auto descent = descend_from_saddle(kCurvedDoubleWell, saddle, mobile, settings);
  ASSERT_TRUE(descent.relaxed);
  EXPECT_NEAR(descent.minus_energy_eV, 0.0, 1e-6);
  EXPECT_NEAR(descent.plus_energy_eV, 0.0, 1e-6);
  EXPECT_TRUE(connects(descent, point(-1, 0.4, 0), point(1, 0.4, 0), settings));
  EXPECT_TRUE(connects(descent, point(1, 0.4, 0), point(-1, 0.4, 0), settings));
  EXPECT_FALSE(connects(descent, point(1, 0.4, 0), point(1, 0.4, 0), settings));
}

TEST(SaddleRefinement, FindsTheIntermediateMinimumOnATripleWellPath) {
  SaddleSettings settings;
  settings.max_force_eV_A = 1e-9;
  const auto saddle = refine_saddle(kTripleWell, point(0.45, 0.02, -0.03), {0}, settings);
  ASSERT_TRUE(saddle.converged) << saddle.failure;
  EXPECT_NEAR(saddle.coordinates_A[0], std::sqrt(0.8 / 3.0), 1e-9);
  const double xs2 = 0.8 / 3.0;
  EXPECT_NEAR(saddle.energy_eV, 4.0 * (xs2 - 1.0) * (xs2 - 1.0) * (xs2 + 0.1), 1e-12);
  const auto descent = descend_from_saddle(kTripleWell, saddle, Eigen::VectorXd::Ones(3), settings);
  ASSERT_TRUE(descent.relaxed);
  // The two sides end at x = 0 (E = 0.4) and x = 1 (E = 0), not at the path's ends -1 and 1.
  EXPECT_NEAR(std::min(descent.minus_energy_eV, descent.plus_energy_eV), 0.0, 1e-6);
  EXPECT_NEAR(std::max(descent.minus_energy_eV, descent.plus_energy_eV), 0.4, 1e-6);
  EXPECT_FALSE(connects(descent, point(-1, 0, 0), point(1, 0, 0), settings));
  EXPECT_TRUE(connects(descent, point(0, 0, 0), point(1, 0, 0), settings));
}

// A stationary point with no unstable mode (here the exact minimum) is refused with the count.
TEST(SaddleRefinement, AMinimumIsNotASaddle) {
  const auto r = refine_saddle(kCurvedDoubleWell, point(1.0, 0.4, 0.0), {0});
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.unstable_modes, 0);
  EXPECT_NE(r.failure.find("0 unstable modes"), std::string::npos) << r.failure;
}

TEST(SaddleRefinement, ReportsWhenItRunsOutOfIterations) {
  SaddleSettings settings;
  settings.max_iterations = 1;
  settings.trust_radius_A = 0.001;
  const auto r = refine_saddle(kCurvedDoubleWell, point(0.4, 0.1, 0.05), {0}, settings);
  EXPECT_FALSE(r.converged);
  EXPECT_NE(r.failure.find("not converged after 1 Newton iterations"), std::string::npos) << r.failure;
}

}  // namespace
