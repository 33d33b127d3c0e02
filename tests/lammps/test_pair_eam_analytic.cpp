// pair_style eam/analytic in LAMMPS's force-style test discipline (unittest/force-styles): a
// random 4-element alloy (Al Ag Au Mg from potentials/start/zhou2004.eamdb, fcc, random types,
// random displacements, fixed seed) checked against the independent small-cell reference
// evaluate_eam(); newton on/off; per-atom sums; finite differences; NVE; 1 vs 2 ranks;
// restart and data file round trips; element_change_energy against full energy differences;
// single(); fix adapt scale; bad pair_coeff input; and the exported setfl against stock
// eam/alloy (the acceptance figure). Runs on 1 and on 2 MPI ranks (ctest registers both).
#include "lammps_fixture.h"

#include "lammps/pair_eam_analytic.h"
#include "potential/eam_calculator.hpp"
#include "potential/eam_database.hpp"
#include "potential/setfl_writer.hpp"

#include "compute.h"
#include "domain.h"
#include "force.h"
#include "library.h"
#include "neigh_list.h"
#include "pair.h"
#include "update.h"

#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#ifndef ANODEKMC_SOURCE_DIR
#error "ANODEKMC_SOURCE_DIR must name the source tree (for potentials/start/zhou2004.eamdb)"
#endif

namespace {

using anodekmc::test::LammpsTest;
using LAMMPS_NS::LAMMPS;
using LAMMPS_NS::PairEAMAnalytic;
namespace pot = anodekmc::potential;

const std::string kDatabase = std::string(ANODEKMC_SOURCE_DIR) + "/potentials/start/zhou2004.eamdb";
const std::vector<std::string> kElements = {"Al", "Ag", "Au", "Mg"};
const std::string kCoeff = "pair_coeff * * " + kDatabase + " Al Ag Au Mg";

// ---- the configuration: built here, independently of LAMMPS ----

struct Configuration {
  double box_A = 0;
  std::vector<double> x;  // 3 per atom, atom k has ID k + 1
  std::vector<int> type;  // LAMMPS types 1..4 (= index in kElements + 1)
  int size() const { return static_cast<int>(type.size()); }
};

// fcc cells^3 conventional cells, lattice constant a, random types (uniform over 4) and random
// displacements (uniform in ±max_shift per component). std::mt19937_64 is fully specified by
// the standard and the conversion to [0, 1) is done here, so every platform and rank gets the
// same numbers.
Configuration random_alloy(int cells, double a, double max_shift, unsigned long long seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  Configuration c;
  c.box_A = cells * a;
  for (int i = 0; i < cells; ++i)
    for (int j = 0; j < cells; ++j)
      for (int k = 0; k < cells; ++k)
        for (const auto &b : basis) {
          const double cell[3] = {double(i), double(j), double(k)};
          for (int d = 0; d < 3; ++d) {
            double v = (cell[d] + b[d]) * a + max_shift * (2.0 * uniform() - 1.0);
            if (v < 0) v += c.box_A;
            if (v >= c.box_A) v -= c.box_A;
            c.x.push_back(v);
          }
          c.type.push_back(1 + static_cast<int>(uniform() * 4.0) % 4);
        }
  return c;
}

const Configuration &alloy() {
  static const Configuration c = random_alloy(4, 4.08, 0.12, 20240611ULL);  // 256 atoms
  return c;
}

pot::EamModel model() { return pot::EamModel(pot::EamDatabase::read(kDatabase), kElements); }

pot::EamResult reference(const Configuration &c) {
  pot::PeriodicStructure s;
  s.cell_A = c.box_A * Eigen::Matrix3d::Identity();
  for (int k = 0; k < c.size(); ++k) s.add(Eigen::Vector3d(c.x[3 * k], c.x[3 * k + 1], c.x[3 * k + 2]), c.type[k] - 1);
  return pot::evaluate_eam(model(), s);
}

// ---- what LAMMPS computed, gathered by atom ID on every rank ----

struct Snapshot {
  double energy = 0;
  double virial[6] = {0, 0, 0, 0, 0, 0};  // xx yy zz xy xz yz, eV
  std::vector<double> force;              // 3 per atom, by ID
  std::vector<double> atom_energy;        // by ID (if per-atom computes exist)
  std::vector<double> atom_virial;        // 6 per atom, by ID, eV
};

double max_abs(const std::vector<double> &v) {
  double m = 0;
  for (double e : v) m = std::max(m, std::fabs(e));
  return m;
}
double max_abs_difference(const std::vector<double> &a, const std::vector<double> &b) {
  double m = 0;
  for (std::size_t k = 0; k < a.size(); ++k) m = std::max(m, std::fabs(a[k] - b[k]));
  return m;
}

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

// A file path the same on every rank and unique to this process group (ctest may run the np1
// and np2 suites at the same time).
std::string shared_temp_path(const std::string &stem) {
  long pid = static_cast<long>(getpid());
  MPI_Bcast(&pid, 1, MPI_LONG, 0, MPI_COMM_WORLD);
  return "/tmp/anodekmc_test_" + std::to_string(pid) + "_" + stem;
}
void write_on_rank0(const std::string &path, const std::string &text) {
  if (rank() == 0) {
    std::ofstream out(path);
    out << text;
  }
  MPI_Barrier(MPI_COMM_WORLD);
}
void remove_on_rank0(const std::string &path) {
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank() == 0) std::remove(path.c_str());
}

class EamAnalytic : public LammpsTest {
 protected:
  // The configuration c in a periodic box, pair style `style` (e.g. "eam/analytic exact"),
  // per-atom energy and virial computes, and one force evaluation.
  static void build(LAMMPS *lmp, const Configuration &c, const std::string &style, const std::string &coeff,
                    bool newton = true) {
    auto cmd = [&](const std::string &line) { lmp->input->one(line); };
    cmd("units metal");
    cmd("atom_style atomic");
    cmd("atom_modify map array");
    cmd(newton ? "newton on" : "newton off");
    cmd("boundary p p p");
    char region[200];
    std::snprintf(region, sizeof region, "region box block 0 %.17g 0 %.17g 0 %.17g", c.box_A, c.box_A, c.box_A);
    cmd(region);
    cmd("create_box 4 box");
    std::vector<LAMMPS_NS::tagint> ids(c.size());
    for (int k = 0; k < c.size(); ++k) ids[k] = k + 1;
    std::vector<int> types = c.type;
    std::vector<double> x = c.x;
    ASSERT_EQ(lammps_create_atoms(lmp, c.size(), ids.data(), types.data(), x.data(), nullptr, nullptr, 0), c.size());
    cmd("pair_style " + style);
    cmd(coeff);
    cmd("compute pe_atom all pe/atom pair");
    cmd("compute stress_atom all stress/atom NULL pair");
    cmd("thermo_style custom step pe press");
    cmd("run 0 post no");
  }
  void build(const Configuration &c, const std::string &style, bool newton = true) {
    build(lmp_, c, style, kCoeff, newton);
  }

  static LAMMPS_NS::Compute *compute(LAMMPS *lmp, const char *id) {
    const int k = lmp->modify->find_compute(id);
    return k >= 0 ? lmp->modify->compute[k] : nullptr;
  }

  // Gathers energy, virial and forces (and per-atom energies and virials if the computes
  // exist) from all ranks of the instance's communicator.
  static Snapshot snapshot(LAMMPS *lmp) {
    Snapshot s;
    MPI_Comm comm = lmp->world;
    auto *pair = lmp->force->pair;
    MPI_Allreduce(&pair->eng_vdwl, &s.energy, 1, MPI_DOUBLE, MPI_SUM, comm);
    MPI_Allreduce(pair->virial, s.virial, 6, MPI_DOUBLE, MPI_SUM, comm);
    const int n = static_cast<int>(lmp->atom->natoms);
    const int nlocal = lmp->atom->nlocal;
    const auto *tag = lmp->atom->tag;
    std::vector<double> f(3 * n, 0.0), e(n, 0.0), v(6 * n, 0.0);
    for (int i = 0; i < nlocal; ++i)
      for (int d = 0; d < 3; ++d) f[3 * (tag[i] - 1) + d] = lmp->atom->f[i][d];
    auto *pe_atom = compute(lmp, "pe_atom");
    auto *stress_atom = compute(lmp, "stress_atom");
    if (pe_atom && stress_atom) {
      pe_atom->compute_peratom();
      stress_atom->compute_peratom();
      const double to_eV = -1.0 / lmp->force->nktv2p;  // stress/atom holds -virial in pressure*volume
      for (int i = 0; i < nlocal; ++i) {
        e[tag[i] - 1] = pe_atom->vector_atom[i];
        for (int k = 0; k < 6; ++k) v[6 * (tag[i] - 1) + k] = to_eV * stress_atom->array_atom[i][k];
      }
    }
    s.force.resize(f.size());
    s.atom_energy.resize(e.size());
    s.atom_virial.resize(v.size());
    MPI_Allreduce(f.data(), s.force.data(), 3 * n, MPI_DOUBLE, MPI_SUM, comm);
    MPI_Allreduce(e.data(), s.atom_energy.data(), n, MPI_DOUBLE, MPI_SUM, comm);
    MPI_Allreduce(v.data(), s.atom_virial.data(), 6 * n, MPI_DOUBLE, MPI_SUM, comm);
    return s;
  }
  Snapshot snapshot() { return snapshot(lmp_); }

  double energy() {
    double e = 0;
    MPI_Allreduce(&lmp_->force->pair->eng_vdwl, &e, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return e;
  }
  PairEAMAnalytic *pair() { return dynamic_cast<PairEAMAnalytic *>(lmp_->force->pair); }
  // Local index of the atom with ID `id` if this rank owns it, else -1.
  int owned(LAMMPS_NS::tagint id) {
    const int i = lmp_->atom->map(id);
    return (i >= 0 && i < lmp_->atom->nlocal) ? i : -1;
  }
};

// Both modes: GetParam() is the pair_style keyword ("" = tabulated, "exact").
class EamAnalyticModes : public EamAnalytic, public ::testing::WithParamInterface<const char *> {
 protected:
  static const char *mode() { return *GetParam() ? GetParam() : "tabulated"; }
};

TEST_P(EamAnalyticModes, MatchesIndependentReference) {
  const bool exact = std::string(GetParam()) == "exact";
  const double tolerance = exact ? 1e-9 : 1e-7;  // relative (forces, virial: to their largest entry)
  build(alloy(), std::string("eam/analytic ") + GetParam());
  ASSERT_NE(pair(), nullptr);
  EXPECT_EQ(pair()->exact_mode(), exact);
  const Snapshot s = snapshot();
  const pot::EamResult ref = reference(alloy());
  const int n = alloy().size();

  EXPECT_NEAR(s.energy, ref.energy_eV, tolerance * std::fabs(ref.energy_eV));
  std::vector<double> ref_force(3 * n), ref_atom_energy(n);
  for (int k = 0; k < n; ++k) {
    for (int d = 0; d < 3; ++d) ref_force[3 * k + d] = ref.forces_eV_A[k][d];
    ref_atom_energy[k] = ref.atom_energy_eV[k];
  }
  const double force_scale = max_abs(ref_force);
  ASSERT_GT(force_scale, 0.1);  // the displacements make real forces
  EXPECT_LE(max_abs_difference(s.force, ref_force), tolerance * force_scale);
  EXPECT_LE(max_abs_difference(s.atom_energy, ref_atom_energy), tolerance * max_abs(ref_atom_energy));
  const int rows[6] = {0, 1, 2, 0, 0, 1}, cols[6] = {0, 1, 2, 1, 2, 2};
  const double virial_scale = ref.virial_eV.cwiseAbs().maxCoeff();
  for (int k = 0; k < 6; ++k)
    EXPECT_NEAR(s.virial[k], ref.virial_eV(rows[k], cols[k]), tolerance * virial_scale) << "virial " << k;

  if (rank() == 0)
    std::printf("[ measured ] eam/analytic (%s) vs evaluate_eam: |dE|/|E| = %.2e, max |dF| = %.2e eV/A "
                "(largest |F| %.2f eV/A)\n", mode(), std::fabs(s.energy - ref.energy_eV) / std::fabs(ref.energy_eV),
                max_abs_difference(s.force, ref_force), force_scale);

  // Masses come from the database.
  EXPECT_DOUBLE_EQ(lmp_->atom->mass[1], 26.981539);
  EXPECT_DOUBLE_EQ(lmp_->atom->mass[3], 196.96654);
}

TEST_P(EamAnalyticModes, NewtonOnAndOffAgree) {
  const std::string style = std::string("eam/analytic ") + GetParam();
  build(alloy(), style, true);
  const Snapshot on = snapshot();
  TearDown();
  SetUp();
  build(alloy(), style, false);
  const Snapshot off = snapshot();
  EXPECT_NEAR(on.energy, off.energy, 1e-12 * std::fabs(on.energy));
  EXPECT_LE(max_abs_difference(on.force, off.force), 1e-12 * max_abs(on.force));
  EXPECT_LE(max_abs_difference(on.atom_energy, off.atom_energy), 1e-12 * max_abs(on.atom_energy));
  EXPECT_LE(max_abs_difference(on.atom_virial, off.atom_virial), 1e-12 * max_abs(on.atom_virial));
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(on.virial[k], off.virial[k], 1e-12 * std::fabs(on.virial[0]));
}

TEST_P(EamAnalyticModes, PerAtomEnergiesAndVirialsSumToTotals) {
  build(alloy(), std::string("eam/analytic ") + GetParam());
  const Snapshot s = snapshot();
  double e_sum = 0, v_sum[6] = {0, 0, 0, 0, 0, 0};
  for (double e : s.atom_energy) e_sum += e;
  for (std::size_t k = 0; k < s.atom_virial.size(); ++k) v_sum[k % 6] += s.atom_virial[k];
  EXPECT_NEAR(e_sum, s.energy, 1e-12 * std::fabs(s.energy));
  // The global virial above came from f·r (fdotr); the per-atom one from ev_tally.
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(v_sum[k], s.virial[k], 1e-11 * std::fabs(s.virial[0])) << k;
  // And the global virial without fdotr, tallied pair by pair.
  cmds({"pair_modify nofdotr", "run 0 post no"});
  const Snapshot t = snapshot();
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(t.virial[k], s.virial[k], 1e-11 * std::fabs(s.virial[0])) << k;
}

TEST_P(EamAnalyticModes, ForcesAreMinusTheEnergyGradient) {
  build(alloy(), std::string("eam/analytic ") + GetParam());
  const Snapshot s = snapshot();
  const double h = 1e-5;  // Å
  // Central difference: truncation h²/6 |E'''| (E''' of order 10 eV/Å³: ~2e-10 eV/Å), and
  // round-off of the two energies, about ε|E|/h each (|E| ~ 800 eV: ~2e-8 eV/Å).
  const double tolerance = 20.0 * DBL_EPSILON * std::fabs(s.energy) / h + 1e-9;
  double worst = 0;
  for (LAMMPS_NS::tagint id : {1, 77, 150, 256})
    for (int d = 0; d < 3; ++d) {
      double e[2];
      for (int side = 0; side < 2; ++side) {
        const int i = owned(id);
        const double step = side == 0 ? h : -h;
        if (i >= 0) lmp_->atom->x[i][d] += step;
        cmd("run 0 post no");
        e[side] = energy();
        const int i2 = owned(id);
        if (i2 >= 0) lmp_->atom->x[i2][d] -= step;
      }
      const double fd = -(e[0] - e[1]) / (2 * h);
      EXPECT_NEAR(fd, s.force[3 * (id - 1) + d], tolerance) << "atom " << id << " direction " << d;
      worst = std::max(worst, std::fabs(fd - s.force[3 * (id - 1) + d]));
    }
  if (rank() == 0)
    std::printf("[ measured ] eam/analytic (%s): finite differences (h = 1e-5 A) vs forces: max |dF| = %.2e eV/A "
                "(tolerance %.1e)\n", mode(), worst, tolerance);
}

TEST_P(EamAnalyticModes, NveRunConservesEnergy) {
  build(alloy(), std::string("eam/analytic ") + GetParam());
  cmds({"velocity all create 300 4928459 mom yes rot yes dist gaussian", "fix integrate all nve",
        "timestep 0.001", "thermo_style custom step pe ke etotal", "run 0 post no"});
  const double e0 = lammps_get_thermo(lmp_, "etotal");
  double worst = 0;
  for (int chunk = 0; chunk < 5; ++chunk) {
    cmd("run 100 post no");
    worst = std::max(worst, std::fabs(lammps_get_thermo(lmp_, "etotal") - e0));
  }
  const double ke = lammps_get_thermo(lmp_, "ke");
  EXPECT_GT(ke, 1.0);  // the atoms really move
  EXPECT_LT(worst / std::fabs(e0), 1e-4) << "drift " << worst << " eV of " << e0;
  if (rank() == 0)
    std::printf("[ measured ] eam/analytic (%s): 500 NVE steps of 1 fs, 256 atoms, 300 K start: |E - E0| max %.3e eV "
                "(relative %.2e)\n", mode(), worst, worst / std::fabs(e0));
}

INSTANTIATE_TEST_SUITE_P(Modes, EamAnalyticModes, ::testing::Values("", "exact"),
                         [](const ::testing::TestParamInfo<const char *> &p) {
                           return std::string(*p.param ? p.param : "tabulated");
                         });

// The same system on a one-rank instance (each rank its own, MPI_COMM_SELF) and on all ranks.
TEST_F(EamAnalytic, OneAndTwoRanksGiveTheSameEnergy) {
  build(alloy(), "eam/analytic");
  const Snapshot all_ranks = snapshot();
  std::vector<std::string> args = {"anodekmc-test", "-log", "none", "-screen", "none", "-nocite"};
  std::vector<char *> argv;
  for (auto &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto *single = new LAMMPS(static_cast<int>(args.size()), argv.data(), MPI_COMM_SELF);
  anodekmc::register_styles(single);
  build(single, alloy(), "eam/analytic", kCoeff);
  const Snapshot one_rank = snapshot(single);
  delete single;
  EXPECT_NEAR(all_ranks.energy, one_rank.energy, 1e-12 * std::fabs(one_rank.energy)) << nprocs() << " ranks";
  EXPECT_LE(max_abs_difference(all_ranks.force, one_rank.force), 1e-12 * max_abs(one_rank.force));
}

TEST_F(EamAnalytic, RestartAndDataFileRoundTrips) {
  build(alloy(), "eam/analytic");
  const Snapshot before = snapshot();
  const std::string restart = shared_temp_path("eam_analytic.restart");
  const std::string data = shared_temp_path("eam_analytic.data");
  cmds({"write_restart " + restart, "write_data " + data, "clear"});
  anodekmc::register_styles(lmp_);  // clear drops them (as the driver does after clear)
  cmds({"read_restart " + restart, "pair_style eam/analytic", kCoeff, "run 0 post no"});
  const Snapshot restarted = snapshot();
  cmd("clear");
  anodekmc::register_styles(lmp_);
  cmds({"units metal", "atom_style atomic", "atom_modify map array", "read_data " + data, "pair_style eam/analytic",
        kCoeff, "run 0 post no"});
  const Snapshot from_data = snapshot();
  remove_on_rank0(restart);
  remove_on_rank0(data);
  for (const Snapshot *s : {&restarted, &from_data}) {
    EXPECT_NEAR(s->energy, before.energy, 1e-12 * std::fabs(before.energy));
    EXPECT_LE(max_abs_difference(s->force, before.force), 1e-12 * max_abs(before.force));
  }
}

// ΔE from the neighbourhood against the difference of two full evaluations, on a chain of type
// changes (each from the state the previous one left). Both modes, newton on and off, the
// 256-atom alloy, a 32-atom box smaller than twice the cutoff (several images of a neighbour)
// and a 4-atom box smaller than the cutoff (an atom sees its own images).
TEST_F(EamAnalytic, ElementChangeEnergyEqualsFullEnergyDifference) {
  const Configuration small = random_alloy(2, 4.08, 0.12, 7ULL);
  const Configuration tiny = random_alloy(1, 4.08, 0.12, 11ULL);
  struct Case {
    const Configuration *c;
    const char *style;
    bool newton;
  };
  const Case cases[] = {{&alloy(), "eam/analytic", true},  {&alloy(), "eam/analytic exact", true},
                        {&alloy(), "eam/analytic", false}, {&alloy(), "eam/analytic exact", false},
                        {&small, "eam/analytic", true},    {&small, "eam/analytic exact", false},
                        {&tiny, "eam/analytic", true},     {&tiny, "eam/analytic exact", false}};
  double worst_relative = 0;
  for (const Case &k : cases) {
    TearDown();
    SetUp();
    build(*k.c, k.style, k.newton);
    const int n = k.c->size();
    const std::vector<LAMMPS_NS::tagint> ids =
        n >= 32 ? std::vector<LAMMPS_NS::tagint>{1, 9, n / 2 + 3, n - 5, n} : std::vector<LAMMPS_NS::tagint>{1, 2, 3, 4};
    double e_old = energy();
    for (LAMMPS_NS::tagint id : ids)
      for (int shift = 1; shift <= 3; ++shift) {
        if (id == ids[3] && shift == 1) {
          // Atoms moved at the same time step (new order, other owners): the neighbour list of
          // element_change_energy must be rebuilt even though the step number is unchanged.
          cmds({"displace_atoms all random 0.6 0.6 0.6 9191 units box", "run 0 post no"});
          e_old = energy();
        }
        int old_type = 0;
        double predicted = 0;
        const int i = owned(id);
        if (i >= 0) {
          old_type = lmp_->atom->type[i];
          const int new_type = 1 + (old_type - 1 + shift) % 4;
          predicted = pair()->element_change_energy(i, new_type);
          EXPECT_EQ(pair()->element_change_energy(i, old_type), 0.0);
        }
        double sum[2] = {predicted, double(old_type)}, total[2];
        MPI_Allreduce(sum, total, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        const int new_type = 1 + (static_cast<int>(total[1]) - 1 + shift) % 4;
        cmds({"set atom " + std::to_string(id) + " type " + std::to_string(new_type), "run 0 post no"});
        const double e_new = energy();
        const double actual = e_new - e_old;
        EXPECT_NEAR(total[0], actual, 1e-9 * std::fabs(actual))
            << k.style << (k.newton ? " newton on" : " newton off") << ", " << n << " atoms, atom " << id
            << " to type " << new_type;
        worst_relative = std::max(worst_relative, std::fabs(total[0] - actual) / std::fabs(actual));
        e_old = e_new;
      }
  }
  if (rank() == 0)
    std::printf("[ measured ] element_change_energy vs full difference: worst relative deviation %.2e\n",
                worst_relative);
}

// single(): with newton on (each pair once over all ranks) the pair terms plus the embedding
// shares add up to the total energy; with newton off (a pair with a ghost is listed by both
// owners) its forces rebuild the force on every owned atom.
TEST_F(EamAnalytic, SingleReproducesEnergyAndForces) {
  const int n = alloy().size();
  for (bool newton : {true, false}) {
    TearDown();
    SetUp();
    build(alloy(), "eam/analytic", newton);
    const Snapshot s = snapshot();
    auto *p = pair();
    auto *list = p->list;
    double **x = lmp_->atom->x;
    const int *type = lmp_->atom->type;
    const auto *tag = lmp_->atom->tag;
    const int nlocal = lmp_->atom->nlocal;
    const double cutsq = p->cutforce * p->cutforce;
    std::vector<double> f(3 * n, 0.0), f_all(3 * n);
    double e = 0;
    for (int ii = 0; ii < list->inum; ++ii) {
      const int i = list->ilist[ii];
      for (int jj = 0; jj < list->numneigh[i]; ++jj) {
        const int j = list->firstneigh[i][jj] & NEIGHMASK;
        double del[3], rsq = 0;
        for (int d = 0; d < 3; ++d) {
          del[d] = x[i][d] - x[j][d];
          rsq += del[d] * del[d];
        }
        if (rsq >= cutsq) continue;
        double fforce = 0;
        e += p->single(i, j, type[i], type[j], rsq, 1.0, 1.0, fforce);
        for (int d = 0; d < 3; ++d) {
          f[3 * (tag[i] - 1) + d] += del[d] * fforce;
          if (j < nlocal) f[3 * (tag[j] - 1) + d] -= del[d] * fforce;
        }
      }
    }
    double e_all = 0;
    MPI_Allreduce(&e, &e_all, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    MPI_Allreduce(f.data(), f_all.data(), 3 * n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    if (newton) EXPECT_NEAR(e_all, s.energy, 1e-12 * std::fabs(s.energy));
    else EXPECT_LE(max_abs_difference(f_all, s.force), 1e-12 * max_abs(s.force));
  }
}

// extract("scale") is what fix adapt changes: scale 0.5 on every type pair halves E and F.
TEST_F(EamAnalytic, FixAdaptScalesEnergyAndForces) {
  build(alloy(), "eam/analytic");
  const Snapshot full = snapshot();
  int dim = 0;
  ASSERT_NE(pair()->extract("scale", dim), nullptr);
  EXPECT_EQ(dim, 2);
  cmds({"variable half equal 0.5", "fix scale all adapt 1 pair eam/analytic scale * * v_half", "run 0 post no"});
  const Snapshot half = snapshot();
  EXPECT_NEAR(half.energy, 0.5 * full.energy, 1e-12 * std::fabs(full.energy));
  std::vector<double> half_force = full.force;
  for (double &v : half_force) v *= 0.5;
  EXPECT_LE(max_abs_difference(half.force, half_force), 1e-12 * max_abs(full.force));
}

// The acceptance figure: the setfl export run by stock eam/alloy reproduces the
// analytic model to 1e-6 eV/atom and 1e-5 eV/Å on the random 4-element alloy.
TEST_F(EamAnalytic, ExportedSetflWithStockEamAlloyMatchesAnalytic) {
  const std::string setfl = shared_temp_path("AlAgAuMg.eam.alloy");
  write_on_rank0(setfl, pot::setfl_text(model(), pot::SetflGrid{}, "anodekmc test export of zhou2004-start"));
  build(lmp_, alloy(), "eam/alloy", "pair_coeff * * " + setfl + " Al Ag Au Mg");
  const Snapshot stock = snapshot();
  remove_on_rank0(setfl);
  const int n = alloy().size();
  for (const char *style : {"eam/analytic", "eam/analytic exact"}) {
    TearDown();
    SetUp();
    build(alloy(), style);
    const Snapshot analytic = snapshot();
    const double de = std::fabs(stock.energy - analytic.energy) / n;
    const double df = max_abs_difference(stock.force, analytic.force);
    EXPECT_LT(de, 1e-6) << style << ": energy per atom";
    EXPECT_LT(df, 1e-5) << style << ": largest force component difference";
    if (rank() == 0)
      std::printf("[ measured ] eam/alloy (setfl export, SetflGrid defaults) vs %s: |dE|/N = %.2e eV/atom, "
                  "max |dF| = %.2e eV/A\n", style, de, df);
  }
}

// The same figure on the shipped fitted database: the issue's own elements (Li, In, Sn, Zn:
// fitted one-term cross-pair corrections), then Li, Al, Bi, In (the two-term corrections of Li-Al
// and Li-Bi next to a one-term one); a random fcc-based arrangement at the Li-rich
// nearest-neighbour distance (a = 4.4 A, 3.1 A), displaced by up to 0.12 A.
TEST_F(EamAnalytic, ShippedDatabaseExportWithStockEamAlloyMatchesAnalytic) {
  const std::string shipped = std::string(ANODEKMC_SOURCE_DIR) + "/potentials/anodekmc_LiM.eamdb";
  const pot::EamDatabase database = pot::EamDatabase::read(shipped);
  const std::vector<std::vector<std::string>> element_sets = {{"Li", "In", "Sn", "Zn"}, {"Li", "Al", "Bi", "In"}};
  for (const auto &elements : element_sets) {
    std::string names;
    for (const auto &e : elements) names += (names.empty() ? "" : " ") + e;
    const pot::EamModel fitted(database, elements);
    const Configuration c = random_alloy(4, 4.4, 0.12, 20261202ULL);
    const std::string setfl = shared_temp_path("shipped_export.eam.alloy");
    write_on_rank0(setfl, pot::setfl_text(fitted, pot::SetflGrid{}, "anodekmc test export of the shipped database"));
    TearDown();
    SetUp();
    build(lmp_, c, "eam/alloy", "pair_coeff * * " + setfl + " " + names);
    const Snapshot stock = snapshot();
    remove_on_rank0(setfl);
    for (const char *style : {"eam/analytic", "eam/analytic exact"}) {
      TearDown();
      SetUp();
      build(lmp_, c, style, "pair_coeff * * " + shipped + " " + names);
      const Snapshot analytic = snapshot();
      const double de = std::fabs(stock.energy - analytic.energy) / c.size();
      const double df = max_abs_difference(stock.force, analytic.force);
      EXPECT_LT(de, 1e-6) << names << ", " << style << ": energy per atom";
      EXPECT_LT(df, 1e-5) << names << ", " << style << ": largest force component difference";
      if (rank() == 0)
        std::printf("[ measured ] shipped %s: eam/alloy export vs %s: |dE|/N = %.2e eV/atom, max |dF| = %.2e eV/A\n",
                    names.c_str(), style, de, df);
    }
  }
}

// ---- bad input: one clear LAMMPS error each, process exits with status 1 (one rank) ----

class EamAnalyticErrors : public EamAnalytic {
 protected:
  void SetUp() override {
    if (nprocs() > 1) GTEST_SKIP() << "death tests run on one rank only";
    EamAnalytic::SetUp();
  }
  void box(const std::string &units = "metal") {
    cmds({"units " + units, "atom_style atomic", "lattice fcc 4.08", "region box block 0 2 0 2 0 2",
          "create_box 4 box", "create_atoms 1 box"});
  }
  void bad(const std::vector<std::string> &lines, const std::string &pattern) {
    EXPECT_EXIT(
        {
          lmp_->screen = stderr;
          cmds(lines);
          cmd("run 0");
        },
        ::testing::ExitedWithCode(1), pattern)
        << lines.back();
  }
};

TEST_F(EamAnalyticErrors, BadPairStyleAndPairCoeffAreRejected) {
  box();
  bad({"pair_style eam/analytic tabulated"}, "expected no argument or 'exact', got 'tabulated'");
  bad({"pair_style eam/analytic", "pair_coeff * * /no/such/dir/x.eamdb Al Ag Au Mg"},
      "cannot open potential database file '/no/such/dir/x.eamdb'");
  bad({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Al Ag Li Mg"},
      "element 'Li' \\(atom type 3\\) is not in the potential database .*zhou2004.eamdb");
  bad({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Al Ag Au"},
      "expects 4 element names .* got 3");
  bad({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Al Ag Au Mg Fe"},
      "expects 4 element names .* got 5");
  bad({"pair_style eam/analytic", "pair_coeff 1 1 " + kDatabase + " Al Ag Au Mg"}, "got '1 1' instead of '\\* \\*'");
  bad({"pair_style eam/analytic", "pair_coeff * 2 " + kDatabase + " Al Ag Au Mg"}, "got '\\* 2' instead of '\\* \\*'");
  bad({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " NULL NULL NULL NULL"},
      "at least one atom type mapped");
  bad({"pair_style eam/analytic"}, "All pair coeffs are not set");
}

TEST_F(EamAnalyticErrors, MalformedDatabaseMessagePassesThrough) {
  // The death test's child process runs this body again: a fixed name, so the parent removes
  // the file the child wrote.
  const std::string path = "/tmp/anodekmc_test_malformed_" + std::to_string(getuid()) + ".eamdb";
  write_on_rank0(path, "format = anodekmc-eam-database 1\npotential_id = broken\ncutoff_start_factor = 1.8\n"
                       "cutoff_end_factor = 2.05\n[element Al\n");
  box();
  bad({"pair_style eam/analytic", "pair_coeff * * " + path + " Al Al Al Al"},
      "malformed potential database: .*_malformed_.*eamdb:5: section header must end with");
  remove_on_rank0(path);
}

TEST_F(EamAnalyticErrors, UnitsOtherThanMetalAreRejected) {
  box("real");
  bad({"pair_style eam/analytic", "pair_coeff * * " + kDatabase + " Al Ag Au Mg"}, "requires 'units metal'");
}

}  // namespace
