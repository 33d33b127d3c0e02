// `anodekmc barriers` as a process: a small catalog on 1 and 2 MPI ranks (same rows), read
// back by the kMC engine's catalog reader; bad configs give one error naming file, line and
// key, exit status 2 and no output folder.
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kmc/barrier_catalog.hpp"

namespace fs = std::filesystem;
using anodekmc::test::read_file;
using anodekmc::test::run_process;

namespace {

const std::string kExe = ANODEKMC_EXE;
const std::string kSource = ANODEKMC_SOURCE_DIR;

std::string config(const std::string &extra_barriers_keys) {
  return "[barriers]\ndatabase = " + kSource + "/potentials/anodekmc_LiM.eamdb\nhost = Li\nsolutes = In\n"
         "facet = bcc100\ncells = 4\nlayers = 5\nfixed_layers = 2\nmax_environments = 3\ncheck_slab_size = no\n" +
         extra_barriers_keys + "[neb]\nimages = 5\nmax_force_eV_A = 0.01\n";
}

std::string rows_only(const std::string &csv) {
  return anodekmc::test::lines_starting_with(csv, "0,") + anodekmc::test::lines_starting_with(csv, "1,");
}

}  // namespace

TEST(BarriersCli, HelpNamesTheOutputs) {
  const auto r = run_process(kExe + " barriers --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("catalog.csv"), std::string::npos);
  EXPECT_EQ(run_process(kExe + " barriers").exit_code, 2);
}

TEST(BarriersCli, SmallCatalogOnOneAndTwoRanksReadsBackInTheKmcEngine) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli");
  std::ofstream(dir / "config.ini") << config("");
  auto r = run_process(kExe + " barriers " + (dir / "config.ini").string() + " --output " + (dir / "np1").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_process("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + std::string(MPIEXEC_EXE) +
                  " -np 2 --oversubscribe " + kExe + " barriers " + (dir / "config.ini").string() + " --quiet --output " +
                  (dir / "np2").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string one = read_file(dir / "np1/catalog.csv"), two = read_file(dir / "np2/catalog.csv");
  // 3 environments, all with n = 0: (Li,Li) and (In,In) under the initial and final site are
  // their own reverse (1 row each), (Li,In) gives 2 rows (forward and reverse).
  EXPECT_EQ(rows_only(one), rows_only(two));
  anodekmc::kmc::BarrierCatalog catalog(anodekmc::kmc::EnvironmentIndex(4, 2), {"Li", "In"});
  catalog.read((dir / "np1/catalog.csv").string());
  EXPECT_EQ(catalog.row_count(), 4u);
  anodekmc::kmc::HopEnvironment bare;
  ASSERT_TRUE(catalog.entry(bare).present);
  EXPECT_GT(catalog.entry(bare).barrier_eV, 0.1);
  EXPECT_LT(catalog.entry(bare).barrier_eV, 0.3);
  const std::string json = read_file(dir / "np1/catalog.json");
  EXPECT_NE(json.find("\"potential_id\": \"anodekmc-LiM-"), std::string::npos);
  EXPECT_NE(json.find("\"converged\": true"), std::string::npos);
}

TEST(BarriersCli, TwoEnvironmentBcc110CatalogReadsBackInTheKmcEngine) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli_bcc110");
  std::ofstream(dir / "config.ini") << "[barriers]\ndatabase = " + kSource +
                                           "/potentials/anodekmc_LiM.eamdb\nhost = Li\nfacet = bcc110\ncells = 4\n"
                                           "layers = 5\nfixed_layers = 2\nmax_environments = 2\ncheck_slab_size = no\n"
                                           "[neb]\nimages = 5\nmax_force_eV_A = 0.01\n";
  const auto r = run_process(kExe + " barriers " + (dir / "config.ini").string() + " --output " + (dir / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Environments (0,0) (its own reverse: 1 row) and (0,1) (forward and reverse: 2 rows), read
  // with the kMC's bcc110 neighbour count (6 lateral neighbours).
  anodekmc::kmc::BarrierCatalog catalog(anodekmc::kmc::EnvironmentIndex(6, 1), {"Li"});
  catalog.read((dir / "out/catalog.csv").string());
  EXPECT_EQ(catalog.row_count(), 3u);
  anodekmc::kmc::HopEnvironment e;
  ASSERT_TRUE(catalog.entry(e).present);
  EXPECT_GT(catalog.entry(e).barrier_eV, 0.0);
  EXPECT_LT(catalog.entry(e).barrier_eV, 0.3);
  e.n_final = 1;
  ASSERT_TRUE(catalog.entry(e).present);
  e.n_final = 0;
  e.n_initial = 1;
  ASSERT_TRUE(catalog.entry(e).present);
  const std::string csv = read_file(dir / "out/catalog.csv");
  EXPECT_NE(csv.find("# facet bcc110"), std::string::npos);
  EXPECT_NE(read_file(dir / "out/catalog.json").find("\"facet\": \"bcc110\""), std::string::npos);
}

TEST(BarriersCli, BadConfigsGiveOneErrorAndNoOutput) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli");
  struct Case {
    std::string text, expected;
  };
  const Case cases[] = {
      {config("colour = red\n"), "unknown key 'colour'"},
      {config("").replace(config("").find("bcc100"), 6, "hcp0001"), "facet: expected bcc100 or bcc110"},
      {config("").replace(config("").find("bcc100"), 6, "fcc111"), "fcc111 slabs exist, their hop environments are not built"},
      {config("vacuum_A = -3\n"), "vacuum_A: expected"},
      {config("prefactor_per_s = nan\n"), "prefactor_per_s"},
      {config("prefactor = harmonic\n"), "prefactor: expected default or vineyard"},
      {config("vineyard_radius_A = 1\n"), "vineyard_radius_A: expected a radius of at least 2"},
      {config("hessian_step_A = 0.5\n"), "hessian_step_A: expected a displacement"},
      {config("").replace(config("").find("host = Li"), 9, "host = Xx"), "Xx"},
      {"[barriers]\ndatabase = /no/such.eamdb\nhost = Li\nfacet = bcc100\n", "database: expected an existing file"},
  };
  int k = 0;
  for (const Case &c : cases) {
    const fs::path file = dir / ("bad" + std::to_string(k++) + ".ini");
    std::ofstream(file) << c.text;
    const fs::path out = dir / ("out" + std::to_string(k));
    const auto r = run_process(kExe + " barriers " + file.string() + " --output " + out.string());
    EXPECT_EQ(r.exit_code, 2) << c.expected << "\n" << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(out)) << c.expected;
  }
}
