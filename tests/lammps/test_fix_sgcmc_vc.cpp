// fix sgcmc/vc on 1 and 2 MPI ranks: exact isotherms of non-interacting flips, detailed balance
// of an interacting two-state system against full LAMMPS energies, the incremental energy
// bookkeeping of accepted flips against total energies, exact restarts, and bad input.
#include "lammps_fixture.h"

#include "library.h"

#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#ifndef ANODEKMC_SOURCE_DIR
#error "ANODEKMC_SOURCE_DIR must name the source tree (for potentials/anodekmc_LiM.eamdb)"
#endif

namespace {

using anodekmc::test::LammpsTest;

const std::string kDatabase = std::string(ANODEKMC_SOURCE_DIR) + "/potentials/anodekmc_LiM.eamdb";
constexpr double kBoltzmann_eV_per_K = 8.617343e-5;  // LAMMPS metal units' force->boltz

// Layout of the global vector for two listed types (1-based, as in docs/fix_sgcmc_vc.md).
constexpr int kTrials = 1, kAccepted = 2, kLastEnergyChange = 4, kCountSecond = 6, kConcSecond = 8,
              kDeltaMuEstimate = 9;

class FixSgcmcVc : public LammpsTest {
 protected:
  double thermo(const char *name) { return lammps_get_thermo(lmp_, name); }
  double equal_variable(const char *name) {
    auto *p = static_cast<double *>(lammps_extract_variable(lmp_, name, nullptr));
    if (!p) return NAN;
    const double v = *p;
    lammps_free(p);
    return v;
  }

  // Types of all atoms ordered by atom ID (every rank gets all).
  std::vector<int> types_by_id() {
    const int natoms = static_cast<int>(lammps_get_natoms(lmp_));
    std::vector<int> types(natoms);
    lammps_gather_atoms(lmp_, const_cast<char *>("type"), 0, 1, types.data());
    return types;
  }

  // Isolated atoms on a simple-cubic net of spacing 8 Å (beyond the pair cutoff), types 1 and 2.
  void isolated_atoms(int cells, const std::string &elements) {
    cmds({"units metal", "atom_style atomic", "atom_modify map array", "boundary p p p", "processors * 1 1",
          "lattice sc 8.0", "region box block 0 " + std::to_string(cells) + " 0 " + std::to_string(cells) + " 0 " +
                                std::to_string(cells),
          "create_box 2 box", "create_atoms 1 box", "mass 1 6.94", "mass 2 114.82",
          "pair_style eam/analytic", "pair_coeff * * " + kDatabase + " " + elements, "thermo_style custom step pe"});
  }

  // bcc Li (a = 3.49 Å) slab or bulk with a fraction of type 2 (In).
  void li_in_crystal(int nx, int ny, int nz, double vacuum_cells, double fraction_in, const std::string &elements) {
    cmds({"units metal", "atom_style atomic", "atom_modify map array", "boundary p p p", "processors * 1 1",
          "lattice bcc 3.49",
          "region box block 0 " + std::to_string(nx) + " 0 " + std::to_string(ny) + " 0 " +
              std::to_string(nz + vacuum_cells),
          "region crystal block 0 " + std::to_string(nx) + " 0 " + std::to_string(ny) + " 0 " + std::to_string(nz),
          "create_box 2 box", "create_atoms 1 region crystal", "mass 1 6.94", "mass 2 114.82",
          "pair_style eam/analytic", "pair_coeff * * " + kDatabase + " " + elements, "thermo_style custom step pe"});
    if (fraction_in > 0.0) cmd("set type 1 type/fraction 2 " + std::to_string(fraction_in) + " 4242");
  }
};

// Flips between two types mapped to the same element do not change the energy: each site is
// an independent two-level system and c = 1 / (1 + exp(-Δμ / k_B T)) exactly (Langmuir–McLean
// with zero segregation energy). One snapshot of N independent sites: σ = sqrt(c (1 − c) / N).
TEST_F(FixSgcmcVc, NonInteractingFlipsFollowTheTwoLevelIsotherm) {
  const double T = 300.0;
  for (double dmu : {-0.03, 0.0, 0.05}) {
    cmd("clear");
    anodekmc::register_styles(lmp_);
    li_in_crystal(16, 16, 8, 0, 0.0, "Li Li");
    cmd("fix mc all sgcmc/vc 1 1.0 300 " + std::to_string(1000 + static_cast<int>(dmu * 1000)) +
        " types 1 2 deltamu " + std::to_string(dmu));
    cmd("run 40");
    const double n = 16 * 16 * 8 * 2;
    const double exact = 1.0 / (1.0 + std::exp(-dmu / (kBoltzmann_eV_per_K * T)));
    const double sigma = std::sqrt(exact * (1.0 - exact) / n);
    EXPECT_NEAR(fix_value("mc", kConcSecond), exact, 4.0 * sigma) << "dmu = " << dmu;
    EXPECT_NEAR(fix_value("mc", kLastEnergyChange), 0.0, 1e-9);
    // The reported count is the real count.
    cmd("group second type 2");
    cmd("variable n2 equal count(second)");
    EXPECT_EQ(fix_value("mc", kCountSecond), equal_variable("n2"));
  }
}

// Isolated Li and In atoms: a flip costs E0 = F_In(0) − F_Li(0), measured here independently
// from LAMMPS total energies of all-Li and all-In systems; c_In / c_Li = exp((Δμ − E0) / k_B T)
// (McLean's isotherm for one kind of non-interacting site). Both energy modes.
TEST_F(FixSgcmcVc, IsolatedAtomsFollowMcLeanWithTheirFlipEnergy) {
  const double T = 500.0;
  for (const char *mode : {"local", "full"}) {
    const int cells = std::string(mode) == "local" ? 16 : 8;
    cmd("clear");
    anodekmc::register_styles(lmp_);
    isolated_atoms(cells, "Li In");
    cmd("run 0");
    const double e_li = thermo("pe");
    cmd("set type 1 type 2");
    cmd("run 0");
    const double n = static_cast<double>(cells) * cells * cells;
    const double e0 = (thermo("pe") - e_li) / n;
    cmd("set type 2 type 1");
    const double dmu = e0 + 0.02;
    cmd(std::string("fix mc all sgcmc/vc 1 1.0 500 77 types 1 2 deltamu ") + std::to_string(dmu) + " energy " + mode);
    cmd("run 30");
    const double exact = 1.0 / (1.0 + std::exp((e0 - dmu) / (kBoltzmann_eV_per_K * T)));
    const double sigma = std::sqrt(exact * (1.0 - exact) / n);
    EXPECT_NEAR(fix_value("mc", kConcSecond), exact, 4.0 * sigma) << mode << ", E0 = " << e0;
    EXPECT_GT(fix_value("mc", kTrials), 29.0 * n) << mode;
  }
}

// One atom of an interacting Li–In crystal may flip: a two-state Markov chain. Its occupation of
// the In state must be p = 1 / (1 + exp((ΔU − Δμ) / k_B T)) with ΔU from two full LAMMPS energies
// (set type + run 0), for detailed balance to hold. The time average over n single-trial cycles
// of a Metropolis two-state chain (uphill acceptance a = p / (1 − p), downhill 1) has variance
// p (1 − p) / n × (1 − a) / (1 + a).
TEST_F(FixSgcmcVc, SingleFlippableAtomObeysDetailedBalance) {
  const double T = 400.0, p_target = 0.3;
  // Two ranks oversubscribed on a larger crystal cost about 5 ms per cycle: fewer cycles there,
  // with the tolerance following from the same variance formula.
  const int cycles = nprocs() > 1 ? 4000 : 12000;
  for (const char *mode : {"local", "full"}) {
    cmd("clear");
    anodekmc::register_styles(lmp_);
    // 128 atoms on one rank; on two, 18 cells along the split x axis so that half a sub-domain
    // (15.7 Å) is at least 2 r_c, as the parallel scheme requires.
    li_in_crystal(nprocs() > 1 ? 18 : 4, 4, 4, 0, 0.15, "Li In");
    cmd("group one id 100");
    cmd("set atom 100 type 1");
    cmd("run 0");
    const double e_li = thermo("pe");
    cmd("set atom 100 type 2");
    cmd("run 0");
    const double delta_u = thermo("pe") - e_li;
    cmd("set atom 100 type 1");
    const double kT = kBoltzmann_eV_per_K * T;
    const double dmu = delta_u + kT * std::log(p_target / (1.0 - p_target));
    cmd(std::string("fix mc one sgcmc/vc 1 1.0 400 31 types 1 2 deltamu ") + std::to_string(dmu) + " energy " + mode);
    cmd("fix avg all ave/time 1 " + std::to_string(cycles) + " " + std::to_string(cycles) + " f_mc[6]");
    cmd("run " + std::to_string(cycles));
    auto *avg = static_cast<double *>(lammps_extract_fix(lmp_, "avg", 0, 0, 0, 0));
    ASSERT_NE(avg, nullptr);
    const double occupation = *avg;
    lammps_free(avg);
    const double a = p_target / (1.0 - p_target);
    const double sigma = std::sqrt(p_target * (1.0 - p_target) / cycles * (1.0 - a) / (1.0 + a));
    EXPECT_NEAR(occupation, p_target, 4.0 * sigma) << mode << ", dU = " << delta_u;
  }
}

// The energy change the fix books for the accepted flips of a cycle equals the change of the
// total potential energy from full evaluations: checks the incremental density updates,
// including ghosts owned by the other rank when run on two.
TEST_F(FixSgcmcVc, BookedEnergyChangeEqualsTotalEnergyChange) {
  li_in_crystal(20, 12, 6, 4, 0.1, "Li In");
  cmd("run 0");
  const double e_before = thermo("pe");
  cmd("fix mc all sgcmc/vc 1 0.5 900 5 types 1 2 deltamu -0.1");
  cmd("run 1");
  const double booked = fix_value("mc", kLastEnergyChange);
  const double accepted = fix_value("mc", kAccepted);
  cmd("unfix mc");
  cmd("run 0");
  const double e_after = thermo("pe");
  EXPECT_GT(accepted, 100.0);
  EXPECT_NEAR(booked, e_after - e_before, 1e-7 * std::max(1.0, accepted));
}

// Variance-constrained SGC: with a strong constraint the composition stays near c0 even for a
// chemical potential that would otherwise empty or fill the crystal, and the estimate
// Δμ − κ (c − c0) is reported.
TEST_F(FixSgcmcVc, VarianceConstraintPinsTheComposition) {
  li_in_crystal(18, 8, 8, 0, 0.2, "Li In");
  cmd("fix mc all sgcmc/vc 1 1.0 600 9 types 1 2 deltamu 0.0 variance 200.0 0.2");
  cmd("run 20");
  const double c = fix_value("mc", kConcSecond);
  EXPECT_NEAR(c, 0.2, 0.02);
  EXPECT_NEAR(fix_value("mc", kDeltaMuEstimate), 0.0 - 200.0 * (c - 0.2), 1e-12);
}

// MC only (no integrator): run 2n cycles == run n, write_restart, read it, run n — bit for bit.
TEST_F(FixSgcmcVc, RestartContinuesTheSameSequence) {
  const std::string restart_file = "/tmp/anodekmc_sgcmc_restart_" + std::to_string(getuid()) + ".bin";
  const std::string fix = "fix mc all sgcmc/vc 1 0.5 700 123 types 1 2 deltamu -0.05";
  li_in_crystal(20, 8, 6, 3, 0.1, "Li In");
  cmd(fix);
  cmd("run 5");
  cmd("write_restart " + restart_file);
  cmd("run 5");
  const std::vector<int> straight = types_by_id();
  const double trials = fix_value("mc", kTrials);

  cmd("clear");
  anodekmc::register_styles(lmp_);
  cmd("read_restart " + restart_file);
  cmds({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Li In", fix, "run 5"});
  EXPECT_EQ(types_by_id(), straight);
  EXPECT_EQ(fix_value("mc", kTrials), trials);
  MPI_Barrier(MPI_COMM_WORLD);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) std::remove(restart_file.c_str());
}

// Bad input: one clear error each, exit status 1 (one rank).
class FixSgcmcVcErrors : public FixSgcmcVc {
 protected:
  void SetUp() override {
    if (nprocs() > 1) GTEST_SKIP() << "death tests run on one rank only";
    FixSgcmcVc::SetUp();
  }
  void bad(const std::string &fix_line, const std::string &pattern, bool run = false) {
    EXPECT_EXIT(
        {
          lmp_->screen = stderr;
          cmd(fix_line);
          if (run) cmd("run 1");
        },
        ::testing::ExitedWithCode(1), pattern)
        << fix_line;
  }
};

TEST_F(FixSgcmcVcErrors, BadArgumentsAreRejected) {
  li_in_crystal(4, 4, 4, 0, 0.1, "Li In");
  bad("fix mc all sgcmc/vc 1 1.0 300 5", "expected fix ID group sgcmc/vc N fraction T_K seed types");
  bad("fix mc all sgcmc/vc 0 1.0 300 5 types 1 2", "N \\(steps between MC cycles\\) must be > 0");
  bad("fix mc all sgcmc/vc 1 -1 300 5 types 1 2", "fraction .* must be > 0");
  bad("fix mc all sgcmc/vc 1 1.0 -5 5 types 1 2", "temperature must be > 0 K");
  bad("fix mc all sgcmc/vc 1 1.0 300 0 types 1 2", "seed must be a positive integer");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 3", "type 3 is not between 1 and 2");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 1", "type 1 is listed twice");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1", "at least two atom types");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 deltamu 0.1 0.2", "deltamu expects 1 value");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 variance -1 0.1", "kappa must be > 0");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 variance 10 1.5", "outside \\[0, 1\\]");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 velocity fast", "velocity expects rescale or keep");
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 colour red", "unknown keyword 'colour'");
}

TEST_F(FixSgcmcVcErrors, LocalEnergiesNeedEamAnalyticAndAnAtomMap) {
  cmds({"units metal", "atom_style atomic", "lattice bcc 3.49", "region box block 0 4 0 4 0 4", "create_box 2 box",
        "create_atoms 1 box", "mass * 6.94", "pair_style lj/cut 5.0", "pair_coeff * * 0.01 2.5"});
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2 energy local", "energy local needs pair_style eam/analytic", true);
  cmds({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Li In"});
  bad("fix mc all sgcmc/vc 1 1.0 300 5 types 1 2", "needs an atom map", true);
}

}  // namespace
