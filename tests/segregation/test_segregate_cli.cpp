// `anodekmc segregate map` as a process: help, a tiny map on 1 and 2 MPI ranks (same results:
// each temperature has its own random stream), and bad input (exit 2, one line naming file,
// line and key, nothing written).
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

std::string spec_text(const fs::path &out, const std::string &facet = "bcc100") {
  return "[slab]\nsolute = In\nfacet = " + facet +
         "\nlattice_constant_A = 3.51\nnx = 6\nny = 6\nlayers = 6\n"
         "[energies]\nsegregation_eV = -0.3 -0.05\npair_surface_eV = -0.1\npair_bulk_eV = -0.01\n"
         "[map]\nname = tiny\noutput_folder = " + out.string() +
         "\ntemperatures_K = 300 500 700\ndelta_mu_min_eV = -0.5\ndelta_mu_max_eV = 0.0\ndelta_mu_points = 6\n"
         "equilibration_sweeps = 20\nsampling_sweeps = 20\nbatches = 4\n[handoff]\ntemperature_K = 500\ndelta_mu_eV = -0.2\n";
}

TEST(SegregateCli, HelpListsKeys) {
  const auto r = run_process(kExe + " segregate --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char *key : {"delta_mu_min_eV", "segregation_eV", "pair_surface_eV", "label_threshold", "--output"})
    EXPECT_NE(r.output.find(key), std::string::npos) << key;
  EXPECT_NE(run_process(kExe + " --help").output.find("segregate"), std::string::npos);
}

TEST(SegregateCli, TinyMapWritesEveryFileAndTwoRanksAgree) {
  const fs::path dir = fresh_scratch_folder("segregate_cli");
  std::ofstream(dir / "spec.ini") << spec_text(dir / "out1");
  const auto r1 = run_process(kExe + " segregate map " + (dir / "spec.ini").string());
  ASSERT_EQ(r1.exit_code, 0) << r1.output;
  for (const char *f : {"states.csv", "diagram.csv", "transitions.csv", "substrate.map", "run.json"})
    EXPECT_TRUE(fs::exists(dir / "out1" / f)) << f;
  const std::string states = read_file((dir / "out1" / "states.csv").string());
  EXPECT_NE(states.find("method,branch,temperature_K,delta_mu_eV,x_bulk"), std::string::npos);
  EXPECT_NE(states.find("ILLUSTRATIVE"), std::string::npos);
  EXPECT_NE(read_file((dir / "out1" / "substrate.map").string()).find("\n6 6\n"), std::string::npos);
  EXPECT_NE(read_file((dir / "out1" / "run.json").string()).find("\"git_sha\""), std::string::npos);
  const auto r2 = run_process("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + std::string(MPIEXEC_EXE) +
                              " -np 2 --oversubscribe " + kExe + " segregate map " +
                              (dir / "spec.ini").string() + " --output " + (dir / "out2").string());
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_NE(r2.output.find("2 ranks"), std::string::npos) << r2.output;
  EXPECT_EQ(read_file((dir / "out2" / "states.csv").string()), states);
  EXPECT_EQ(read_file((dir / "out2" / "substrate.map").string()), read_file((dir / "out1" / "substrate.map").string()));
  // The analysis script plots the map.
  const auto plot = run_process(std::string(PYTHON_EXE) + " " + ANODEKMC_SOURCE_DIR + "/analysis/plot_complexion_map.py " +
                                (dir / "out1").string());
  EXPECT_EQ(plot.exit_code, 0) << plot.output;
  EXPECT_TRUE(fs::exists(dir / "out1" / "complexion_map.png")) << plot.output;
}

TEST(SegregateCli, BadSpecExitsTwoWithOneLineAndWritesNothing) {
  const fs::path dir = fresh_scratch_folder("segregate_cli_bad");
  std::ofstream(dir / "spec.ini") << spec_text(dir / "out", "hcp0001");
  const auto r = run_process(kExe + " segregate map " + (dir / "spec.ini").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("spec.ini:3: key 'facet'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_EQ(run_process(kExe + " segregate energies x.ini").exit_code, 2);
}

}  // namespace
