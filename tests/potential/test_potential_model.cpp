// Unit tests of the pure-C++ EAM model: functions, continuity, mixing, database round trip and
// errors, and the small-cell calculator (forces and virial against finite differences).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "potential/crystal_builder.hpp"
#include "potential/eam_calculator.hpp"
#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"
#include "potential/lattice_stability.hpp"
#include "potential/zjw_element.hpp"

using namespace anodekmc::potential;

namespace {

EamDatabase start_database() { return EamDatabase::read(ANODEKMC_SOURCE_DIR "/potentials/start/zhou2004.eamdb"); }

std::string expect_parse_error(const std::string &text) {
  try {
    EamDatabase::parse(text, "test.eamdb");
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

const char *kPreamble =
    "format = anodekmc-eam-database 1\npotential_id = t\ncutoff_start_factor = 1.8\ncutoff_end_factor = 2.05\n";

}  // namespace

TEST(ZjwElement, DerivativesMatchFiniteDifferences) {
  const EamDatabase db = start_database();
  for (const auto &record : db.elements) {
    const ZjwElement e(record.zjw, record.symbol);
    const double h = 1e-6;
    for (double r = 1.5; r < 2.2 * record.zjw.r_e_A; r += 0.173) {
      double f, df, fp, dfp, fm, dfm;
      e.density(r, f, df);
      e.density(r + h, fp, dfp);
      e.density(r - h, fm, dfm);
      EXPECT_NEAR(df, (fp - fm) / (2 * h), 1e-6 * (1 + std::fabs(df))) << record.symbol << " f at " << r;
      e.pair(r, f, df);
      e.pair(r + h, fp, dfp);
      e.pair(r - h, fm, dfm);
      EXPECT_NEAR(df, (fp - fm) / (2 * h), 1e-6 * (1 + std::fabs(df))) << record.symbol << " phi at " << r;
    }
    for (double x = 0.1; x < 2.0; x += 0.0371) {
      const double rho = x * record.zjw.rho_e, hr = 1e-6 * record.zjw.rho_e;
      double F, dF, Fp, dFp, Fm, dFm;
      e.embedding(rho, F, dF);
      e.embedding(rho + hr, Fp, dFp);
      e.embedding(rho - hr, Fm, dFm);
      EXPECT_NEAR(dF, (Fp - Fm) / (2 * hr), 1e-5 * (1 + std::fabs(dF))) << record.symbol << " F at " << x;
    }
  }
}

TEST(ZjwElement, EmbeddingIsContinuousWithContinuousSlopeAtBothJoins) {
  const EamDatabase db = start_database();
  for (const auto &record : db.elements) {
    const ZjwElement e(record.zjw, record.symbol);
    for (double join : {e.derived().rho_n, e.derived().rho_0}) {
      const double eps = 1e-9 * join;
      double F_below, dF_below, F_above, dF_above;
      e.embedding(join - eps, F_below, dF_below);
      e.embedding(join + eps, F_above, dF_above);
      EXPECT_NEAR(F_below, F_above, 1e-8) << record.symbol << " F jumps at rho = " << join;
      EXPECT_NEAR(dF_below, dF_above, 1e-6 * (1 + std::fabs(dF_below))) << record.symbol << " F' jumps at " << join;
    }
  }
}

TEST(ZjwElement, RejectsParametersWithoutAValidEmbedding) {
  ZjwParameters p = start_database().elements.front().zjw;
  p.eta = -1;
  EXPECT_THROW(ZjwElement(p, "X"), std::invalid_argument);
  p = start_database().elements.front().zjw;
  p.r_e_A = std::nan("");
  EXPECT_THROW(ZjwElement(p, "X"), std::invalid_argument);
}

TEST(EamModel, CrossPairIsSymmetricAndEveryFunctionVanishesSmoothlyAtItsCutoff) {
  EamDatabase db = start_database();
  PairCorrection &c = db.correction_for("Al", "Ag");
  c.D_eV = -0.05;
  c.gamma = 2.0;
  const EamModel model(db, {"Al", "Ag", "Mg"});
  for (double r = 2.0; r < model.max_cutoff_A(); r += 0.21) {
    double p01, d01, p10, d10;
    model.pair(0, 1, r, p01, d01);
    model.pair(1, 0, r, p10, d10);
    EXPECT_DOUBLE_EQ(p01, p10);
    EXPECT_DOUBLE_EQ(d01, d10);
  }
  for (int a = 0; a < 3; ++a) {
    double f, df;
    model.density(a, model.density_cutoff_A(a) * (1 - 1e-7), f, df);
    EXPECT_NEAR(f, 0.0, 1e-12);
    EXPECT_NEAR(df, 0.0, 1e-8);
    for (int b = 0; b < 3; ++b) {
      double phi, dphi;
      model.pair(a, b, model.pair_cutoff_A(a, b) * (1 - 1e-7), phi, dphi);
      EXPECT_NEAR(phi, 0.0, 1e-12);
      EXPECT_NEAR(dphi, 0.0, 1e-8);
      model.pair(a, b, model.pair_cutoff_A(a, b) * (1 + 1e-7), phi, dphi);
      EXPECT_EQ(phi, 0.0);
    }
  }
  // The correction enters the Al-Ag pair only, with the stated form inside the switch region.
  EamDatabase plain = start_database();
  const EamModel without(plain, {"Al", "Ag", "Mg"});
  const double r = 3.0;
  double with_phi, with_d, without_phi, without_d;
  model.pair(0, 1, r, with_phi, with_d);
  without.pair(0, 1, r, without_phi, without_d);
  const double r_ab = 0.5 * (db.find_element("Al")->zjw.r_e_A + db.find_element("Ag")->zjw.r_e_A);
  EXPECT_NEAR(with_phi - without_phi, -0.05 * std::exp(-2.0 * (r / r_ab - 1.0)), 1e-14);
  model.pair(0, 2, r, with_phi, with_d);
  without.pair(0, 2, r, without_phi, without_d);
  EXPECT_DOUBLE_EQ(with_phi, without_phi);
}

TEST(EamModel, SecondCorrectionTermAddsItsExponentialWithItsDerivative) {
  EamDatabase one = start_database();
  one.correction_for("Al", "Ag") = PairCorrection{"Al", "Ag", 0.8, 3.0, "test"};
  EamDatabase two = one;
  two.correction_for("Al", "Ag").D2_eV = -0.6;
  two.correction_for("Al", "Ag").gamma2 = 1.2;
  const EamModel m1(one, {"Al", "Ag"}), m2(two, {"Al", "Ag"});
  const double r_ab = 0.5 * (one.find_element("Al")->zjw.r_e_A + one.find_element("Ag")->zjw.r_e_A);
  // Below the switch the second term is exactly D2 exp[-γ2 (r/r_ab - 1)], slope included.
  for (double r : {2.3, 2.9, 3.6}) {
    ASSERT_LT(r, one.cutoff_start_factor * r_ab);
    double p1, d1, p2, d2;
    m1.pair(0, 1, r, p1, d1);
    m2.pair(1, 0, r, p2, d2);
    const double term = -0.6 * std::exp(-1.2 * (r / r_ab - 1.0));
    EXPECT_NEAR(p2 - p1, term, 1e-13) << r;
    EXPECT_NEAR(d2 - d1, -1.2 / r_ab * term, 1e-13) << r;
  }
  // Everywhere (switch region included) the slope is the derivative of the energy.
  const double h = 1e-6;
  for (double r = 2.2; r < m2.pair_cutoff_A(0, 1); r += 0.17) {
    double p, d, pp, dp, pm, dm;
    m2.pair(0, 1, r, p, d);
    m2.pair(0, 1, r + h, pp, dp);
    m2.pair(0, 1, r - h, pm, dm);
    EXPECT_NEAR(d, (pp - pm) / (2 * h), 1e-7) << r;
  }
  // Like pairs and other cross pairs do not see it.
  double a1, b1, a2, b2;
  m1.pair(0, 0, 2.8, a1, b1);
  m2.pair(0, 0, 2.8, a2, b2);
  EXPECT_EQ(a1, a2);
}

TEST(EamDatabase, FormatTwoHoldsTheSecondTermAndFormatOneStaysOne) {
  EamDatabase db = start_database();
  db.correction_for("Al", "Mg") = PairCorrection{"Al", "Mg", 0.5, 3.3, "test"};
  // No second term: still written (and read) as format 1, so old files keep their text and id.
  EXPECT_NE(db.to_text().find("format = anodekmc-eam-database 1\n"), std::string::npos);
  EXPECT_EQ(db.to_text().find("correction2"), std::string::npos);
  db.correction_for("Al", "Mg").D2_eV = -0.3456789012345678;
  db.correction_for("Al", "Mg").gamma2 = 1.25;
  const std::string text = db.to_text();
  EXPECT_NE(text.find("format = anodekmc-eam-database 2\n"), std::string::npos);
  const EamDatabase again = EamDatabase::parse(text, "roundtrip");
  EXPECT_EQ(again.to_text(), text);
  EXPECT_EQ(again.find_correction("Mg", "Al")->D2_eV, -0.3456789012345678);
  EXPECT_EQ(again.find_correction("Mg", "Al")->gamma2, 1.25);
}

TEST(EamDatabase, TextRoundTripIsExact) {
  EamDatabase db = start_database();
  db.correction_for("Al", "Mg") = PairCorrection{"Al", "Mg", 0.0123456789012345, 3.3, "test"};
  const EamDatabase again = EamDatabase::parse(db.to_text(), "roundtrip");
  ASSERT_EQ(again.elements.size(), db.elements.size());
  EXPECT_EQ(again.to_text(), db.to_text());
  EXPECT_EQ(again.find_correction("Mg", "Al")->D_eV, 0.0123456789012345);
  for (std::size_t k = 0; k < db.elements.size(); ++k) {
    EXPECT_EQ(again.elements[k].zjw.F3_eV, db.elements[k].zjw.F3_eV);
    EXPECT_EQ(again.elements[k].zjw.r_e_A, db.elements[k].zjw.r_e_A);
  }
}

TEST(EamDatabase, MalformedFilesGiveOneErrorNamingFileLineAndKey) {
  const std::string element_block = start_database().to_text().substr(start_database().to_text().find("[element Ag]"));
  const std::string ag = element_block.substr(0, element_block.find("\n\n"));
  EXPECT_NE(expect_parse_error("format = something else\n").find("format must be"), std::string::npos);
  EXPECT_NE(expect_parse_error(std::string(kPreamble) + "[element Ag]\nsource = x\n").find("needs the key"),
            std::string::npos);
  std::string text = std::string(kPreamble) + ag + "\ncolour = blue\n";
  EXPECT_NE(expect_parse_error(text).find("unknown key 'colour'"), std::string::npos);
  text = std::string(kPreamble) + ag;
  const auto pos = text.find("alpha = ");
  std::string bad = text.substr(0, pos) + "alpha = 9.1x\n" + text.substr(text.find('\n', pos) + 1);
  const std::string message = expect_parse_error(bad);
  EXPECT_NE(message.find("test.eamdb:"), std::string::npos) << message;
  EXPECT_NE(message.find("'alpha'"), std::string::npos) << message;
  bad = text.substr(0, pos) + "alpha = nan\n" + text.substr(text.find('\n', pos) + 1);
  EXPECT_NE(expect_parse_error(bad).find("finite number"), std::string::npos);
  EXPECT_NE(expect_parse_error(std::string(kPreamble) + ag + "\n[pair Ag Xx]\nsource = s\ncorrection_D_eV = 0\n"
                               "correction_gamma = 1\n")
                .find("Xx"),
            std::string::npos);
  EXPECT_NE(expect_parse_error(std::string(kPreamble) + ag + "\n" + ag).find("twice"), std::string::npos);
  // The second correction term: format 2 only, its two keys together, γ2 >= 0.
  const std::string al = [] {
    const std::string t = start_database().to_text();
    const std::string block = t.substr(t.find("[element Al]"));
    return block.substr(0, block.find("\n\n"));
  }();
  const std::string pair = "\n[pair Ag Al]\nsource = s\ncorrection_D_eV = 0.5\ncorrection_gamma = 3\n";
  EXPECT_NE(expect_parse_error(std::string(kPreamble) + ag + "\n" + al + pair + "correction2_D_eV = -0.2\n"
                               "correction2_gamma = 1\n")
                .find("unknown key 'correction2_D_eV'"),
            std::string::npos);
  std::string v2 = std::string(kPreamble) + ag + "\n" + al + pair;
  v2.replace(v2.find("database 1"), 10, "database 2");
  EXPECT_NO_THROW(EamDatabase::parse(v2, "v2.eamdb"));
  EXPECT_NO_THROW(EamDatabase::parse(v2 + "correction2_D_eV = -0.2\ncorrection2_gamma = 1\n", "v2.eamdb"));
  EXPECT_NE(expect_parse_error(v2 + "correction2_D_eV = -0.2\n").find("correction2_gamma is missing"),
            std::string::npos);
  EXPECT_NE(expect_parse_error(v2 + "correction2_gamma = 1\n").find("correction2_D_eV is missing"),
            std::string::npos);
  EXPECT_NE(expect_parse_error(v2 + "correction2_D_eV = -0.2\ncorrection2_gamma = -1\n")
                .find("correction2_gamma must be >= 0"),
            std::string::npos);
  EXPECT_THROW(EamDatabase::read("/no/such/file.eamdb"), std::runtime_error);
  EXPECT_THROW(EamModel(start_database(), {"Unobtainium"}), std::invalid_argument);
}

TEST(EamCalculator, ForcesAndVirialAreMinusTheEnergyGradients) {
  EamDatabase db = start_database();
  db.correction_for("Al", "Ag") = PairCorrection{"Al", "Ag", -0.03, 2.5, "test"};
  const EamModel model(db, {"Al", "Ag", "Au"});
  PeriodicStructure s = build_crystal("fcc", 4.08, 0, 0).replicated(2, 2, 2);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> shift(-0.1, 0.1);
  std::uniform_int_distribution<int> species(0, 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    s.species[i] = species(rng);
    for (int d = 0; d < 3; ++d) s.positions_A[i][d] += shift(rng);
  }
  const EamResult result = evaluate_eam(model, s);
  EXPECT_NEAR(result.energy_eV, eam_energy_eV(model, s), 1e-10);
  double sum = 0;
  for (double e : result.atom_energy_eV) sum += e;
  EXPECT_NEAR(sum, result.energy_eV, 1e-10);
  const double h = 1e-5;
  for (std::size_t i : {0u, 5u, 17u}) {
    for (int d = 0; d < 3; ++d) {
      PeriodicStructure plus = s, minus = s;
      plus.positions_A[i][d] += h;
      minus.positions_A[i][d] -= h;
      const double gradient = (eam_energy_eV(model, plus) - eam_energy_eV(model, minus)) / (2 * h);
      EXPECT_NEAR(result.forces_eV_A[i][d], -gradient, 1e-7) << "atom " << i << " dir " << d;
    }
  }
  // W_ab = -dE/dε_ab for a homogeneous deformation.
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      Eigen::Matrix3d dp = Eigen::Matrix3d::Identity(), dm = Eigen::Matrix3d::Identity();
      dp(a, b) += h;
      dm(a, b) -= h;
      PeriodicStructure plus = s, minus = s;
      plus.deform(dp);
      minus.deform(dm);
      const double gradient = (eam_energy_eV(model, plus) - eam_energy_eV(model, minus)) / (2 * h);
      EXPECT_NEAR(result.virial_eV(a, b), -gradient, 1e-6) << a << b;
    }
}

TEST(CrystalBuilder, PrototypesHaveTheirCompositionAndNearestNeighbourDistance) {
  struct Case {
    const char *name;
    int atoms, a_count;
    double nn_over_a;
  } cases[] = {{"bcc", 2, 2, std::sqrt(3.0) / 2}, {"fcc", 4, 4, 1 / std::sqrt(2.0)}, {"B2", 2, 1, std::sqrt(3.0) / 2},
               {"B32", 16, 8, std::sqrt(3.0) / 4}, {"D0_3", 16, 12, std::sqrt(3.0) / 4}, {"L1_2", 4, 3, 1 / std::sqrt(2.0)},
               {"B1", 8, 4, 0.5}, {"diamond", 8, 8, std::sqrt(3.0) / 4}};
  for (const auto &c : cases) {
    const PeriodicStructure s = build_crystal(c.name, 2.0, 1.0, 0, c.a_count == c.atoms ? 0 : 1);
    ASSERT_EQ(static_cast<int>(s.size()), c.atoms) << c.name;
    EXPECT_EQ(s.species_counts(2)[0], c.a_count) << c.name;
    double nearest = 1e9;
    const PeriodicStructure big = s.replicated(2, 2, 2);
    for (std::size_t i = 0; i < big.size(); ++i)
      for (std::size_t j = i + 1; j < big.size(); ++j) nearest = std::min(nearest, (big.positions_A[i] - big.positions_A[j]).norm());
    EXPECT_NEAR(nearest, 2.0 * c.nn_over_a, 1e-12) << c.name;
  }
  EXPECT_THROW(build_crystal("A15", 3.0, 0, 0, 1), std::invalid_argument);
  EXPECT_THROW(build_crystal("B2", 3.0, 0, 0), std::invalid_argument);
}

// lattice_stability: the supercell holds twice the conventional cell with the same composition,
// a stable crystal has a positive lowest force constant, and no displacement pattern has a
// curvature (Rayleigh quotient of the energy, from energies only) below the reported minimum.
TEST(LatticeStability, SupercellAndLowestForceConstantAreConsistent) {
  const PeriodicStructure b32 = build_crystal("B32", 6.4, 0.0, 0, 1);
  const PeriodicStructure super = zone_boundary_supercell(b32);
  ASSERT_EQ(super.size(), 2 * b32.size());
  EXPECT_EQ(super.species_counts(2), (std::vector<int>{16, 16}));
  EXPECT_NEAR(super.volume_A3(), 2.0 * b32.volume_A3(), 1e-9);

  const EamModel model(start_database(), {"Al"});
  const PeriodicStructure fcc = zone_boundary_supercell(build_crystal("fcc", 4.05, 0.0, 0, 0));
  const double lowest = lowest_force_constant_eV_A2(model, fcc);
  EXPECT_GT(lowest, 0.1) << "fcc Al is stable";
  std::mt19937_64 rng(7);
  std::normal_distribution<double> gauss(0.0, 1.0);
  const double e0 = eam_energy_eV(model, fcc);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<Eigen::Vector3d> v(fcc.size());
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (auto &d : v) mean += (d = Eigen::Vector3d(gauss(rng), gauss(rng), gauss(rng)));
    double norm2 = 0;
    for (auto &d : v) norm2 += (d -= mean / static_cast<double>(v.size())).squaredNorm();  // no translation
    const double h = 1e-3;
    PeriodicStructure plus = fcc, minus = fcc;
    for (std::size_t k = 0; k < v.size(); ++k) {
      plus.positions_A[k] += h * v[k];
      minus.positions_A[k] -= h * v[k];
    }
    const double curvature = (eam_energy_eV(model, plus) + eam_energy_eV(model, minus) - 2.0 * e0) / (h * h * norm2);
    EXPECT_GE(curvature, lowest - 1e-4) << "trial " << trial;
  }
}
