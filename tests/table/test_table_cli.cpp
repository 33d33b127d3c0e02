// `anodekmc table` as a process: help, errors (exit 2, one line naming file and line, nothing
// written), a build on 1 and on 2 MPI ranks giving the same table, and resuming.
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

using anodekmc::test::fresh_scratch_folder;
using anodekmc::test::read_file;
using anodekmc::test::run_process;
namespace fs = std::filesystem;

const std::string kExe = ANODEKMC_EXE;

void write_inputs(const fs::path &dir, const std::string &extra_table_key = "") {
  std::ofstream(dir / "base.ini") << "[lattice]\nnx = 16\nny = 16\n[model]\nspecies = Li In\nbase_barrier_eV = Li:0.3 In:0.4\n"
                                     "bond_eV = 0.05\nmax_height = 1\n[run]\nmax_events = 1000\nselector = cr\n";
  std::ofstream(dir / "spec.ini") << "[table]\nname = cli\noutput_folder = " + (dir / "out").string() +
                                         "\ntemperatures_K = 280 320 360\nseeds = 2\n" + extra_table_key +
                                         "[measurement]\ncoverage_ml = 0.05\nevents_per_run = 20000\n"
                                         "[nucleation]\nflux_ml_per_s = 1e5\ndeposited_ml = 0.05\n"
                                         "[system LiIn]\nkmc_config = base.ini\nfacets = bcc100\nsolute = In\n"
                                         "solute_fractions = 0.05 0.1 0.2\n";
}

TEST(TableCli, HelpListsTheSpecKeys) {
  const auto r = run_process(kExe + " table --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char *key : {"temperatures_K", "solute_fractions", "events_per_run", "flux_ml_per_s", "--output"})
    EXPECT_NE(r.output.find(key), std::string::npos) << key;
  EXPECT_NE(run_process(kExe + " --help").output.find("table"), std::string::npos);
}

TEST(TableCli, BadInputExitsTwoWithOneLineAndWritesNothing) {
  const fs::path dir = fresh_scratch_folder("table_cli");
  write_inputs(dir, "colour = red\n");
  auto r = run_process(kExe + " table build " + (dir / "spec.ini").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("spec.ini:6: unknown key 'colour' in [table]"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));

  write_inputs(dir);
  std::ofstream(dir / "base.ini", std::ios::app) << "[conditions]\ntemperature_K = -3\n";
  r = run_process(kExe + " table build " + (dir / "spec.ini").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("kmc_config"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));

  EXPECT_EQ(run_process(kExe + " table build " + (dir / "missing.ini").string()).exit_code, 2);
  EXPECT_EQ(run_process(kExe + " table frobnicate x.ini").exit_code, 2);
  EXPECT_EQ(run_process(kExe + " table build").exit_code, 2);
}

TEST(TableCli, OneAndTwoRanksGiveTheSameTableAndResume) {
  const fs::path dir = fresh_scratch_folder("table_cli");
  write_inputs(dir);
  const std::string spec = (dir / "spec.ini").string();
  auto r = run_process(kExe + " table build " + spec + " --quiet --output " + (dir / "one").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("9 points computed"), std::string::npos) << r.output;
  for (const char *file : {"table.csv", "arrhenius.csv", "table.json", "run.json", "moose/LiIn_bcc100_tracer_lnD.txt",
                           "moose/LiIn_bcc100_collective_lnD_bilinear.csv"})
    EXPECT_TRUE(fs::exists(dir / "one" / file)) << file;
  EXPECT_NE(read_file(dir / "one" / "table.csv").find("island_density_per_nm2"), std::string::npos);

  const std::string mpirun = std::string(MPIEXEC_EXE) + " -np 2 --oversubscribe ";
  r = run_process("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + mpirun + kExe + " table build " + spec +
                  " --quiet --output " + (dir / "two").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 ranks"), std::string::npos) << r.output;
  EXPECT_EQ(read_file(dir / "one" / "table.csv"), read_file(dir / "two" / "table.csv"));
  EXPECT_EQ(read_file(dir / "one" / "moose" / "LiIn_bcc100_tracer_lnD.txt"),
            read_file(dir / "two" / "moose" / "LiIn_bcc100_tracer_lnD.txt"));

  r = run_process(kExe + " table build " + spec + " --quiet --output " + (dir / "one").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("0 points computed, 9 reused"), std::string::npos) << r.output;
}

}  // namespace
