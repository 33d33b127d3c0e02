// `anodekmc kmc` as a process: a small run writes its outputs; every kind of bad config gives
// one clear error and a non-zero exit without result files; SIGINT writes a checkpoint from
// which --restart continues to the same end state as an uninterrupted run.
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using anodekmc::test::run_process;

namespace {

const std::string kExe = ANODEKMC_EXE;

const std::string kSmallConfig = R"(# small growth run for the tests
[lattice]
facet = bcc100
nx = 24
ny = 24
[model]
base_barrier_eV = Li:0.3
bond_eV = 0.2
ehrlich_schwoebel_eV = 0.05
[conditions]
temperature_K = 300
flux_ml_per_s = 1e4
[run]
seed = 5
max_deposited_ml = 0.2
sample_interval_s = 2e-6
[output]
dump_every_samples = 5
)";

class KmcCli : public ::testing::Test {
 protected:
  // SIGINT mid-run, then --restart, against an uninterrupted run (extra: config text appended).
  void interrupt_and_restart(const std::string &extra);
  void SetUp() override {
    dir_ = anodekmc::test::fresh_scratch_folder("kmc_cli_scratch");
  }
  std::string write(const std::string &name, const std::string &text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  anodekmc::test::ProcessResult kmc(const std::string &args) {
    return run_process("cd '" + dir_.string() + "' && " + kExe + " kmc " + args);
  }
  static std::string read(const fs::path &p) { return anodekmc::test::read_file(p); }
  fs::path dir_;
};

TEST_F(KmcCli, SmallRunWritesEveryOutput) {
  write("config.ini", kSmallConfig);
  auto r = kmc("config.ini --output.folder out --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char *f : {"run.json", "config.ini", "timeseries.csv", "island_sizes.csv", "substrate.map",
                        "checkpoint.bin", "final.dump", "snapshots/snapshot_000000.dump"})
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
  const std::string json = read(dir_ / "out" / "run.json");
  EXPECT_NE(json.find("\"status\": \"finished\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"git_sha\""), std::string::npos);
  EXPECT_NE(json.find("\"seed\": 5"), std::string::npos);
  EXPECT_NE(json.find("deposited coverage reached"), std::string::npos);
  const std::string csv = read(dir_ / "out" / "timeseries.csv");
  EXPECT_EQ(csv.rfind("time_s,events,", 0), 0u);
  EXPECT_GT(std::count(csv.begin(), csv.end(), '\n'), 5);
  EXPECT_NE(read(dir_ / "out" / "snapshots" / "snapshot_000000.dump").find("ITEM: ATOMS id type x y z"),
            std::string::npos);
}

TEST_F(KmcCli, HelpListsEveryKeyWithUnits) {
  auto r = kmc("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char *key : {"conditions.temperature_K", "conditions.current_density_mA_per_cm2", "model.catalog",
                          "run.selector", "lattice.facet"})
    EXPECT_NE(r.output.find(key), std::string::npos) << key;
}

TEST_F(KmcCli, BadConfigsGiveOneClearErrorAndNoResults) {
  struct Case {
    std::string change, expected;
  };
  const Case cases[] = {
      {"[conditions]\ntemperature_C = 300\n", "unknown key 'conditions.temperature_C'"},
      {"[conditions]\nflux_ml_per_s = -1\n", "conditions.flux_ml_per_s: expected a finite flux >= 0"},
      {"[conditions]\ntemperature_K = nan\n", "conditions.temperature_K: expected a finite number"},
      {"[conditions]\ntemperature_K = hot\n", "conditions.temperature_K: expected a number, got 'hot'"},
      {"[lattice]\nnx = 2\n", "lattice too small"},
      {"[lattice]\nfacet = bcc111\n", "unknown facet 'bcc111'"},
      {"[model]\nprefactor_per_s = -5\n", "model.prefactor_per_s: expected a positive rate"},
      {"[model]\nbase_barrier_eV = Sn:0.1\n", "species 'Sn' is not in model.species"},
      {"[model]\nexchange_barrier_eV = Li:0.5\n", "model.exchange_barrier_eV: expected adatom@substrate:eV"},
      {"[model]\nexchange_barrier_eV = Li@Li:0.5\n", "pairs of two different species"},
      {"[model]\nself_exchange_barrier_eV = Li@Li:0.1\n", "model.self_exchange_barrier_eV: expected species:eV"},
      {"[model]\nself_exchange_barrier_eV = Li:-0.1\n", "model.self_exchange_barrier_eV: expected finite barriers >= 0 eV"},
      {"[lattice]\nfacet = bcc110\n[model]\nself_exchange_barrier_eV = Li:0.1\n",
       "model.self_exchange_barrier_eV: expected off on facet bcc110"},
      {"[model]\nehrlich_schwoebel_eV = -0.31\n",
       "model.ehrlich_schwoebel_eV: expected an energy with model.base_barrier_eV + n model.bond_eV + "
       "ehrlich_schwoebel_eV >= 0 eV for every barrier given and n = 0..4"},
      {"[model]\nup_step_eV = -0.31\n",
       "model.up_step_eV: expected an energy with model.base_barrier_eV + n model.bond_eV + up_step_eV >= 0 eV"},
      {"[run]\nselector = fastest\n", "run.selector: expected sumtree or cr"},
      {"[run]\nfirst_passage = yes\n", "run.first_passage: expected on or off, got 'yes'"},
      {"[run]\nfirst_passage_max_half_width = 0\n", "run.first_passage_max_half_width: expected an integer from 1 to 1024"},
      {"[substrate]\nmode = random\nsolute = In\nsolute_fraction = 0.2\n", "unknown species 'In'"},
      {"[model]\ncatalog = missing.csv\n", "missing.csv: cannot open barrier catalog"},
  };
  for (const auto &c : cases) {
    // Later sections with the same name extend the earlier ones; a repeated key is an error
    // of its own, so each case changes a key the base config does not set.
    std::string config = "[lattice]\nny = 24\n[run]\nmax_events = 1000\n[output]\nfolder = out\n" + c.change;
    if (c.change.find("nx") == std::string::npos) config = "[lattice]\nnx = 24\n" + config;
    write("bad.ini", config);
    fs::remove_all(dir_ / "out");
    auto r = kmc("bad.ini --quiet");
    EXPECT_EQ(r.exit_code, 2) << c.change;  // bad input, found before the run starts
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << c.change << "\ngot: " << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "run.json")) << c.change;
  }
  // A deposited amount that is the only limit must be reachable.
  write("unreachable.ini", "[lattice]\nnx = 8\nny = 8\n[run]\nmax_deposited_ml = 0.5\n[output]\nfolder = out\n");
  auto unreachable = kmc("unreachable.ini --quiet");
  EXPECT_EQ(unreachable.exit_code, 2);
  EXPECT_NE(unreachable.output.find("a deposition flux"), std::string::npos) << unreachable.output;
  auto missing = kmc("no_such.ini");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("no_such.ini: cannot open config file"), std::string::npos);
}

TEST_F(KmcCli, MissingCatalogRowWithoutFallbackStopsWithTheEnvironment) {
  write("catalog.csv", "n_initial,n_final,step,moving,below_initial,below_final,barrier_eV,prefactor_per_s,method\n"
                       "0,0,flat,Li,Li,Li,0.3,,test\n");
  write("config.ini", "[lattice]\nnx = 16\nny = 16\n[model]\ncatalog = catalog.csv\nbond_counting = false\n"
                      "[conditions]\nflux_ml_per_s = 100\n[run]\nmax_deposited_ml = 0.3\n[output]\nfolder = out\n");
  auto r = kmc("config.ini --quiet");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no barrier for hop environment"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no bond-counting fallback"), std::string::npos) << r.output;
  EXPECT_NE(read(dir_ / "out" / "run.json").find("\"status\": \"failed: no barrier for hop environment"),
            std::string::npos);
}

TEST_F(KmcCli, CommandLineOverridesTheFile) {
  write("config.ini", kSmallConfig);
  auto r = kmc("config.ini --output.folder over --run.max_deposited_ml 0.05 --lattice.nx 16 --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string cfg = read(dir_ / "over" / "config.ini");
  EXPECT_NE(cfg.find("nx = 16"), std::string::npos) << cfg;
  EXPECT_NE(cfg.find("max_deposited_ml = 0.05"), std::string::npos) << cfg;
}

// SIGINT: the run stops, writes a checkpoint and exits with status 3; --restart finishes it with
// the same final state (run.json results) as an uninterrupted run.
void KmcCli::interrupt_and_restart(const std::string &extra) {
  write("config.ini", kSmallConfig + extra);
  auto full = kmc("config.ini --output.folder full --run.max_deposited_ml 2 --lattice.nx 64 --lattice.ny 64 --quiet");
  ASSERT_EQ(full.exit_code, 0) << full.output;

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (chdir(dir_.c_str()) != 0) _exit(99);
    execl(kExe.c_str(), kExe.c_str(), "kmc", "config.ini", "--output.folder", "cut", "--run.max_deposited_ml", "2",
          "--lattice.nx", "64", "--lattice.ny", "64", "--quiet", static_cast<char *>(nullptr));
    _exit(98);
  }
  // Interrupt once the run is under way (its time series has rows).
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::ifstream csv(dir_ / "cut" / "timeseries.csv");
    std::string line;
    int rows = 0;
    while (std::getline(csv, line)) ++rows;
    if (rows > 3) break;
  }
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 0) GTEST_SKIP() << "the run finished before the signal arrived";
  ASSERT_EQ(WEXITSTATUS(status), 3);
  EXPECT_NE(read(dir_ / "cut" / "run.json").find("interrupted"), std::string::npos);
  auto resumed = kmc("config.ini --output.folder cut --run.max_deposited_ml 2 --lattice.nx 64 --lattice.ny 64 "
                     "--quiet --restart cut/checkpoint.bin");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(read(dir_ / "full" / "timeseries.csv"), read(dir_ / "cut" / "timeseries.csv"));
  // Restarting with different physics is refused.
  auto other = kmc("config.ini --output.folder full --run.max_deposited_ml 2 --lattice.nx 64 --lattice.ny 64 "
                   "--quiet --conditions.temperature_K 310 --restart full/checkpoint.bin");
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.output.find("different physics"), std::string::npos) << other.output;
  EXPECT_EQ(read(dir_ / "full" / "island_sizes.csv"), read(dir_ / "cut" / "island_sizes.csv"));
  EXPECT_EQ(read(dir_ / "full" / "checkpoint.bin"), read(dir_ / "cut" / "checkpoint.bin"));
}

TEST_F(KmcCli, InterruptAndRestartReachTheSameEnd) { interrupt_and_restart(""); }

// The same with the first-passage acceleration: protected walkers travel in the checkpoint.
TEST_F(KmcCli, InterruptAndRestartWithFirstPassageReachTheSameEnd) {
  interrupt_and_restart("[run]\nfirst_passage = on\n");
}

}  // namespace
