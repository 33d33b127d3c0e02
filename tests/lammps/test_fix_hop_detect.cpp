// fix hop/detect on 1 and 2 MPI ranks with prescribed trajectories (no integrator, no pair
// style): atoms are placed with `set` or moved with `displace_atoms` between `run 1` steps.
// Square net of spacing 2 A with sites at (1 + 2i, 1 + 2j) in a 20 x 20 A periodic box; on 2
// ranks the box is split at x = 10 A, so atoms crossing x = 10 or the periodic boundary change
// rank. Checked: rattling inside a site (zero hops), a scripted path (the exact hop counts,
// rates and the exact event log, across the periodic boundary and between ranks), a path that
// hovers past the bridge without reaching the capture radius (hysteresis), exact restart, and
// one error per bad argument.
#include "lammps_fixture.h"

#include "library.h"

#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using anodekmc::test::LammpsTest;

// Layout of the global vector (1-based, as in docs/fix_hop_detect.md).
constexpr int kTotal = 1, kPlusX = 2, kMinusX = 3, kPlusY = 4, kMinusY = 5, kLong = 8, kRate = 9,
              kResidence = 10, kDiffusivity = 11, kElapsed = 12, kAtoms = 13;
constexpr double kSpacing = 2.0;   // A
constexpr double kCapture = 0.6;   // A, the default 0.3 x spacing
constexpr double kDt_ps = 0.001;   // metal units' default timestep

class FixHopDetect : public LammpsTest {
 protected:
  void SetUp() override {
    LammpsTest::SetUp();
    // A per-test log file name, the same on every rank and distinct between concurrent runs.
    int pid = static_cast<int>(getpid());
    MPI_Bcast(&pid, 1, MPI_INT, 0, MPI_COMM_WORLD);
    log_file_ = "/tmp/anodekmc_hop_detect_" + std::to_string(getuid()) + "_" + std::to_string(pid) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log";
  }
  void TearDown() override {
    LammpsTest::TearDown();
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank() == 0) std::remove(log_file_.c_str());
  }

  static int rank() {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
  }

  // Periodic 20 x 20 x 10 A box (split along x on 2 ranks), atoms of mass 6.94 at (x, y, 5).
  void surface_box(const std::vector<std::pair<double, double>> &atoms) {
    cmds({"units metal", "atom_style atomic", "atom_modify map array", "boundary p p p", "processors * 1 1",
          "region box block 0 20 0 20 0 10 units box", "create_box 1 box", "mass 1 6.94",
          "thermo_style custom step", "thermo 1000"});
    for (const auto &a : atoms)
      cmd("create_atoms 1 single " + num(a.first) + " " + num(a.second) + " 5.0 units box");
  }

  static std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", v);
    return buf;
  }

  // Places atom `id` at the unwrapped position (x, y); LAMMPS wraps it at the next run.
  void place(int id, double x, double y) {
    cmd("set atom " + std::to_string(id) + " x " + num(x) + " y " + num(y) + " image 0 0 0");
  }
  // Moves atom `id` by (dx, dy) with displace_atoms (which wraps, updates image flags, migrates).
  void move(int id, double dx, double dy) {
    const std::string group = "moving" + std::to_string(id);
    cmd("group " + group + " id " + std::to_string(id));
    cmd("displace_atoms " + group + " move " + num(dx) + " " + num(dy) + " 0 units box");
  }

  // MPI rank that owns atom `id` (the same answer on every rank).
  int owner(int id) {
    const int local = lmp_->atom->map(id);
    int mine = (local >= 0 && local < lmp_->atom->nlocal) ? rank() : -1, result = -1;
    MPI_Allreduce(&mine, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return result;
  }

  // Event lines of the log (comments dropped), read on every rank after rank 0 has written.
  std::vector<std::string> log_records(const std::string &path) {
    MPI_Barrier(MPI_COMM_WORLD);
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
  }

  std::string log_file_;
};

// (a) Atoms displaced at random about their sites, often past the bridge point (nearest site is
// a neighbour) but never within the capture radius of another site: no hops. A second fix with
// a capture radius just below half the spacing sees the same trajectory as hops, which shows
// the trajectory does leave the sites' basins.
TEST_F(FixHopDetect, RattlingInsideASiteIsNotAHop) {
  const std::vector<std::pair<double, double>> sites = {{3, 3}, {9, 9}, {11, 11}, {19, 1}, {1, 19}, {15, 7}};
  surface_box(sites);
  cmd("fix h all hop/detect 1 square 2.0 origin 1 1 log " + log_file_);
  cmd("fix wide all hop/detect 1 square 2.0 origin 1 1 capture 0.99");
  cmd("run 1");
  std::mt19937_64 rng(424242);
  std::uniform_real_distribution<double> offset(-0.65 * kSpacing, 0.65 * kSpacing);
  int past_bridge = 0;
  for (int step = 0; step < 40; ++step) {
    for (std::size_t a = 0; a < sites.size(); ++a) {
      double dx = 0.0, dy = 0.0;
      for (;;) {  // reject offsets within the capture radius of a neighbouring site
        dx = offset(rng);
        dy = offset(rng);
        bool captured = false;
        for (int ni = -1; ni <= 1; ++ni)
          for (int nj = -1; nj <= 1; ++nj)
            if ((ni || nj) && std::hypot(dx - ni * kSpacing, dy - nj * kSpacing) <= kCapture * 1.001) captured = true;
        if (!captured) break;
      }
      if (std::fabs(dx) > 0.5 * kSpacing || std::fabs(dy) > 0.5 * kSpacing) ++past_bridge;
      place(static_cast<int>(a) + 1, sites[a].first + dx, sites[a].second + dy);
    }
    cmd("run 1");
  }
  ASSERT_GT(past_bridge, 20);  // the trajectory does test the hysteresis
  EXPECT_EQ(fix_value("h", kTotal), 0.0);
  EXPECT_EQ(fix_value("h", kLong), 0.0);
  EXPECT_EQ(fix_value("h", kRate), 0.0);
  EXPECT_EQ(fix_value("h", kDiffusivity), 0.0);
  EXPECT_NEAR(fix_value("h", kElapsed), 41 * kDt_ps, 1e-12);
  EXPECT_EQ(fix_value("h", kAtoms), 6.0);
  EXPECT_TRUE(log_records(log_file_).empty());
  EXPECT_GT(fix_value("wide", kTotal), 5.0);
}

// (b) Scripted path: the moves and the exact hops they give. Atom 1 starts at site (8,5) on the
// right half (rank 1 of 2), crosses the periodic boundary at x = 20 (to rank 0), makes a
// diagonal and a double-length long jump and comes back; atom 2 leaves through x = 0; atom 3
// stays put. Move k is made before run k and detected at step k.
struct Move {
  int step, atom;
  double dx, dy;
};
const std::vector<Move> kPath = {
    {1, 1, 1.2, 0.0},   // 18.2: nearest site is (9,5) but 0.8 A > capture away: no hop
    {2, 1, 0.6, 0.0},   // 18.8: hop +x to (9,5)
    {3, 1, 2.0, 0.0},   // 20.8 -> 0.8, image 1, to rank 0: hop +x to (10,5)
    {3, 2, 0.0, -2.0},  // atom 2 (5,7) -> (5,5): hop -y (2,3) -> (2,2)
    {4, 1, 0.0, 2.0},   // +y to (10,6)
    {5, 1, 2.0, 2.0},   // diagonal: long jump to (11,7)
    {6, 1, -2.0, 0.0},  // -x to (10,7)
    {7, 1, -2.0, 0.0},  // back across x = 20 (image 0, to rank 1): -x to (9,7)
    {8, 1, 0.0, -2.0},  // -y to (9,6)
    {9, 1, 4.0, 0.0},   // two spacings at once: long jump to (11,6), across the boundary again
    {10, 2, -2.0, 0.0}, // atom 2: -x to (1,2)
    {11, 2, -2.0, 0.0}, // -x to (0,2)
    {12, 2, -2.0, 0.0}, // x = -1 -> 19, image -1, to rank 1: -x to (-1,2)
};
const std::vector<std::string> kExpectedLog = {
    "2 1 8 5 9 5",   "3 1 9 5 10 5", "3 2 2 3 2 2",  "4 1 10 5 10 6", "5 1 10 6 11 7",
    "6 1 11 7 10 7", "7 1 10 7 9 7", "8 1 9 7 9 6",  "9 1 9 6 11 6",  "10 2 2 2 1 2",
    "11 2 1 2 0 2",  "12 2 0 2 -1 2"};

class FixHopDetectPath : public FixHopDetect {
 protected:
  void start() {
    surface_box({{17.0, 11.0}, {5.0, 7.0}, {3.0, 15.0}});
  }
  void play(int first_step, int last_step) {
    for (int step = first_step; step <= last_step; ++step) {
      for (const auto &m : kPath)
        if (m.step == step) move(m.atom, m.dx, m.dy);
      cmd("run 1");
      // On 2 ranks (split at x = 10 A) the atoms change owner where the path says.
      if (nprocs() == 2) {
        const int owner1 = (step >= 3 && step <= 6) || step >= 9 ? 0 : 1;
        EXPECT_EQ(owner(1), owner1) << "atom 1 after step " << step;
        EXPECT_EQ(owner(2), step >= 12 ? 1 : 0) << "atom 2 after step " << step;
      }
    }
  }
  void expect_final_counts(const std::string &fix) {
    EXPECT_EQ(fix_value(fix, kTotal), 12.0);
    EXPECT_EQ(fix_value(fix, kPlusX), 2.0);
    EXPECT_EQ(fix_value(fix, kMinusX), 5.0);
    EXPECT_EQ(fix_value(fix, kPlusY), 1.0);
    EXPECT_EQ(fix_value(fix, kMinusY), 2.0);
    EXPECT_EQ(fix_value(fix, 6), 0.0);  // unused direction slots of a square net
    EXPECT_EQ(fix_value(fix, 7), 0.0);
    EXPECT_EQ(fix_value(fix, kLong), 2.0);
    // 13 steps of 1 fs, 3 atoms: 0.039 atom ps.
    const double atom_ps = 3 * 13 * kDt_ps;
    EXPECT_NEAR(fix_value(fix, kElapsed), 13 * kDt_ps, 1e-12);
    EXPECT_EQ(fix_value(fix, kAtoms), 3.0);
    EXPECT_NEAR(fix_value(fix, kRate), 12.0 / atom_ps, 1e-9);
    // 10 nearest hops of 4 A^2, a diagonal of 8 A^2 and a double jump of 16 A^2.
    EXPECT_NEAR(fix_value(fix, kDiffusivity), 64.0 / (4.0 * atom_ps), 1e-9);
    // Residences ended by the hops: atom 1 (from step 0) 2+1+1+1+1+1+1+1 steps, atom 2 3+7+1+1.
    EXPECT_NEAR(fix_value(fix, kResidence), 21.0 * kDt_ps / 12.0, 1e-12);
  }
};

TEST_F(FixHopDetectPath, ScriptedPathGivesTheExactHopsAndLog) {
  start();
  cmd("fix h all hop/detect 1 bcc100 2.0 origin 1 1 log " + log_file_);
  cmd("run 1");  // step 0 -> 1; the atoms are assigned at step 0
  play(1, 12);
  expect_final_counts("h");
  EXPECT_EQ(log_records(log_file_), kExpectedLog);
}

// Motion inside a run (fix move at 100 A/ps = 0.1 A per step along +x, from x = 1.05 A): the
// atom enters the capture disc of site k at step 20k - 6 (x = 2k + 0.45), crossing the rank
// boundary and the periodic boundary on the way. Checking every step logs steps 14, 34, ...;
// checking every 5 steps logs the next multiple of 5. A run of 203 steps is 0.203 ps for both
// (the steps after the last check are credited at the end of the run).
TEST_F(FixHopDetect, MotionDuringARunIsSeenAtTheCheckedSteps) {
  const std::string log5 = log_file_ + ".5";
  surface_box({{1.05, 7.0}, {13.0, 13.0}});
  cmds({"group mover id 1", "fix mv mover move linear 100.0 0.0 0.0",
        "fix h all hop/detect 1 square 2.0 origin 1 1 log " + log_file_,
        "fix h5 all hop/detect 5 square 2.0 origin 1 1 log " + log5, "run 203"});
  std::vector<std::string> every1, every5;
  for (int k = 1; k <= 10; ++k) {
    const std::string sites = " 1 " + std::to_string(k - 1) + " 3 " + std::to_string(k) + " 3";
    every1.push_back(std::to_string(20 * k - 6) + sites);
    every5.push_back(std::to_string(20 * k - 5) + sites);
  }
  EXPECT_EQ(log_records(log_file_), every1);
  EXPECT_EQ(log_records(log5), every5);
  for (const char *fix : {"h", "h5"}) {
    EXPECT_EQ(fix_value(fix, kPlusX), 10.0) << fix;
    EXPECT_EQ(fix_value(fix, kTotal), 10.0) << fix;
    EXPECT_NEAR(fix_value(fix, kElapsed), 203 * kDt_ps, 1e-12) << fix;
    EXPECT_NEAR(fix_value(fix, kRate), 10.0 / (2 * 203 * kDt_ps), 1e-9) << fix;
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank() == 0) std::remove(log5.c_str());
}

// Exact restart: 6 moves, write_restart, clear, read_restart, the same fix, 6 more moves: the
// same counts as the straight run, and the second log holds the second half of the events.
TEST_F(FixHopDetectPath, RestartContinuesExactly) {
  const std::string restart_file = log_file_ + ".restart";
  const std::string log2 = log_file_ + ".2";
  start();
  cmd("fix h all hop/detect 1 square 2.0 origin 1 1 log " + log_file_);
  cmd("run 1");
  play(1, 6);
  cmd("write_restart " + restart_file);
  cmd("clear");
  anodekmc::register_styles(lmp_);
  cmd("processors * 1 1");  // not stored in the restart file; the owner checks need the x split
  cmd("read_restart " + restart_file);
  cmd("fix h all hop/detect 1 square 2.0 origin 1 1 log " + log2);
  // LAMMPS refuses displace_atoms while restart per-atom data are pending: a run consumes them.
  cmd("run 0");
  play(7, 12);
  expect_final_counts("h");
  const std::vector<std::string> first(kExpectedLog.begin(), kExpectedLog.begin() + 6);
  const std::vector<std::string> second(kExpectedLog.begin() + 6, kExpectedLog.end());
  EXPECT_EQ(log_records(log_file_), first);
  EXPECT_EQ(log_records(log2), second);
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank() == 0) {
    std::remove(restart_file.c_str());
    std::remove(log2.c_str());
  }
}

// (c) Hysteresis: the atom hovers past the bridge point (its nearest site is the neighbour)
// but never within the capture radius of it: no hop. One step into the capture disc is one hop;
// hovering back past the bridge towards the old site is again no hop. A fix with capture 0.99 A
// (almost no hysteresis band) counts the hovering as many hops.
TEST_F(FixHopDetect, HoveringPastTheBridgeWithoutCaptureIsNotAHop) {
  // Atom 1 at site (4,4) = (9, 9), next to the rank boundary at x = 10 on 2 ranks.
  surface_box({{9.0, 9.0}, {15.0, 15.0}});
  cmd("fix h all hop/detect 1 square 2.0 origin 1 1 log " + log_file_);
  cmd("fix wide all hop/detect 1 square 2.0 origin 1 1 capture 0.99");
  cmd("run 1");
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> along(1.02, 1.38), across(-0.15, 0.15);
  for (int step = 0; step < 30; ++step) {
    place(1, 9.0 + along(rng), 9.0 + across(rng));  // 0.62..0.98 A from the site at x = 11
    cmd("run 1");
  }
  EXPECT_EQ(fix_value("h", kTotal), 0.0);
  EXPECT_GT(fix_value("wide", kTotal), 0.0);

  place(1, 9.0 + 1.5, 9.0 + 0.1);  // 0.51 A from (5,4): captured
  cmd("run 1");
  EXPECT_EQ(fix_value("h", kTotal), 1.0);
  EXPECT_EQ(fix_value("h", kPlusX), 1.0);

  std::uniform_real_distribution<double> back(0.62, 0.98);
  for (int step = 0; step < 30; ++step) {
    place(1, 9.0 + back(rng), 9.0 + across(rng));  // nearest site is (4,4) again, 0.62..0.98 A away
    cmd("run 1");
  }
  EXPECT_EQ(fix_value("h", kTotal), 1.0);
  EXPECT_EQ(log_records(log_file_), std::vector<std::string>{"31 1 4 4 5 4"});
}

// The other nets: direction slots of bcc(110) (4 short directions, +-e1 is long) and of the
// triangular net (6 directions, e1 + e2 is long). Atom 1 is followed on a bcc110 net of a = 3 A,
// atom 2 on a triangular net of d = 2 A, both with site (0,0) at (1,1); positions are placed
// from the bases written out here (docs/fix_hop_detect.md, table of nets).
TEST_F(FixHopDetect, CentredRectangularAndTriangularNetsCountEachDirection) {
  const double a = 3.0, d = 2.0;
  auto bcc110 = [&](int i, int j) { return std::make_pair(1.0 + i * a + j * 0.5 * a, 1.0 + j * a / std::sqrt(2.0)); };
  auto tri = [&](int i, int j) { return std::make_pair(1.0 + i * d + j * 0.5 * d, 1.0 + j * 0.5 * std::sqrt(3.0) * d); };
  surface_box({bcc110(2, 2), tri(2, 2)});
  cmds({"group one id 1", "group two id 2", "fix rect one hop/detect 1 bcc110 3.0 origin 1 1",
        "fix tri two hop/detect 1 triangular 2.0 origin 1 1", "run 1"});
  const std::vector<std::pair<int, int>> rect_path = {{2, 3}, {3, 2}, {4, 2}, {3, 3}, {3, 2}};
  const std::vector<std::pair<int, int>> tri_path = {{3, 1}, {2, 2}, {3, 3}, {3, 4}, {3, 4}};
  for (std::size_t k = 0; k < rect_path.size(); ++k) {
    const auto p1 = bcc110(rect_path[k].first, rect_path[k].second);
    const auto p2 = tri(tri_path[k].first, tri_path[k].second);
    place(1, p1.first + 0.1, p1.second - 0.1);
    place(2, p2.first - 0.1, p2.second + 0.1);
    cmd("run 1");
  }
  // bcc110: +e2, +(e1-e2), +e1 (long), -(e1-e2), -e2.
  const double expected_rect[] = {5, 1, 1, 1, 1, 0, 0, 1};
  for (int k = 0; k < 8; ++k) EXPECT_EQ(fix_value("rect", k + 1), expected_rect[k]) << "rect entry " << k + 1;
  // triangular: +(e1-e2), -(e1-e2), e1+e2 (long), +e2, no move.
  const double expected_tri[] = {4, 0, 0, 1, 0, 1, 1, 1};
  for (int k = 0; k < 8; ++k) EXPECT_EQ(fix_value("tri", k + 1), expected_tri[k]) << "tri entry " << k + 1;
  // D: bcc110 jumps 4 x (3/4) a^2 + a^2 = 4 a^2; triangular 3 d^2 + 3 d^2 = 6 d^2; 1 atom, 6 steps.
  EXPECT_NEAR(fix_value("rect", kDiffusivity), 4 * a * a / (4 * 6 * kDt_ps), 1e-9);
  EXPECT_NEAR(fix_value("tri", kDiffusivity), 6 * d * d / (4 * 6 * kDt_ps), 1e-9);
  EXPECT_EQ(fix_value("rect", kAtoms), 1.0);
}

// A dynamic group (atoms above z = 4.5 A; the atoms start at z = 5 A): moves made while an atom is below are not hops, and the
// atom is assigned afresh when it comes back up; the atom count follows the group.
TEST_F(FixHopDetect, DynamicGroupCountsOnlyJumpsInsideTheGroup) {
  surface_box({{9.0, 9.0}, {15.0, 15.0}});
  cmds({"region up block INF INF INF INF 4.5 INF units box", "group layer dynamic all region up every 1",
        "fix h layer hop/detect 1 square 2.0 origin 1 1 log " + log_file_, "run 1"});
  auto place3 = [&](int id, double x, double y, double z) {
    cmd("set atom " + std::to_string(id) + " x " + num(x) + " y " + num(y) + " z " + num(z) + " image 0 0 0");
    cmd("run 1");
  };
  place3(1, 11.0, 9.0, 5.0);   // step 1: +x hop (4,4) -> (5,4)
  place3(1, 11.0, 9.0, 3.0);   // step 2: below the layer: leaves the group
  EXPECT_EQ(fix_value("h", kAtoms), 1.0);
  place3(1, 15.0, 11.0, 3.0);  // step 3: moves two sites and one row while out: nothing
  place3(1, 15.0, 11.0, 5.0);  // step 4: back in the layer at (7,5): assigned, no jump
  EXPECT_EQ(fix_value("h", kAtoms), 2.0);
  place3(1, 15.0, 13.0, 5.0);  // step 5: +y hop (7,5) -> (7,6)
  EXPECT_EQ(fix_value("h", kTotal), 2.0);
  EXPECT_EQ(fix_value("h", kPlusX), 1.0);
  EXPECT_EQ(fix_value("h", kPlusY), 1.0);
  EXPECT_EQ(fix_value("h", kLong), 0.0);
  EXPECT_EQ(log_records(log_file_), (std::vector<std::string>{"1 1 4 4 5 4", "5 1 7 5 7 6"}));
}

// Minimiser iterations advance the step counter but are not elapsed time.
TEST_F(FixHopDetect, MinimisationAddsNoTime) {
  surface_box({{9.0, 9.0}, {11.6, 9.0}});  // 2.6 A apart; LJ minimum at 2^(1/6) 2 = 2.245 A
  cmds({"pair_style lj/cut 5.0", "pair_coeff * * 0.01 2.0", "fix h all hop/detect 1 square 2.0 origin 1 1",
        "run 2", "minimize 0.0 1.0e-8 50 1000"});
  const double after_min = lammps_get_thermo(lmp_, "step");
  ASSERT_GT(after_min, 3.0);  // the minimiser did iterate
  cmd("run 3");
  EXPECT_NEAR(fix_value("h", kElapsed), 5 * kDt_ps, 1e-12);
  EXPECT_EQ(fix_value("h", kTotal), 0.0);  // both atoms stayed in their sites
}

// Bad input: one clear error each, exit status 1 (one rank).
class FixHopDetectErrors : public FixHopDetect {
 protected:
  void SetUp() override {
    if (nprocs() > 1) GTEST_SKIP() << "death tests run on one rank only";
    FixHopDetect::SetUp();
  }
  void bad(const std::string &fix_line, const std::string &pattern) {
    EXPECT_EXIT(
        {
          lmp_->screen = stderr;
          cmd(fix_line);
        },
        ::testing::ExitedWithCode(1), pattern)
        << fix_line;
  }
};

TEST_F(FixHopDetectErrors, BadArgumentsAreRejected) {
  surface_box({{1.0, 1.0}});
  bad("fix h all hop/detect 1 square", "expected fix ID group hop/detect N net-style length");
  bad("fix h all hop/detect 0 square 2.0", "N \\(steps between checks\\) must be a positive integer, got 0");
  bad("fix h all hop/detect 1 hexagonal 2.0", "unknown net style 'hexagonal'; expected one of square, centred/rect");
  bad("fix h all hop/detect 1 square -2.0", "net length .* must be a positive distance, got -2.0");
  bad("fix h all hop/detect 1 square 0", "net length .* must be a positive distance, got 0");
  bad("fix h all hop/detect 1 square 2.0 capture 1.0", "capture radius must be > 0 and < half the nearest-site distance \\(1\\), got 1");
  bad("fix h all hop/detect 1 square 2.0 capture -0.1", "capture radius must be > 0");
  bad("fix h all hop/detect 1 square 2.0 capture", "'capture' expects a distance");
  bad("fix h all hop/detect 1 square 2.0 origin 1", "'origin' expects two coordinates x0 y0");
  bad("fix h all hop/detect 1 square 2.0 log", "'log' expects a file name");
  bad("fix h all hop/detect 1 square 2.0 log /nonexistent_dir_anodekmc/hops.log",
      "cannot open log file '/nonexistent_dir_anodekmc/hops.log' for writing: No such file or directory");
  bad("fix h all hop/detect 1 square 2.0 colour red", "unknown keyword 'colour'");
}

}  // namespace
