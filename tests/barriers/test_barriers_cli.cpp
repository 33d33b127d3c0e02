// `anodekmc barriers` as a process: a small catalog on 1 and 2 MPI ranks (same rows), read
// back by the kMC engine's catalog reader; bad configs give one error naming file, line and
// key, exit status 2 and no output folder.
#include "../driver/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

namespace {

// A host-species hop over host sites with the given coordination and step kind.
anodekmc::kmc::HopEnvironment step_environment(int n_initial, int n_final, anodekmc::kmc::StepKind step) {
  anodekmc::kmc::HopEnvironment e;
  e.n_initial = n_initial;
  e.n_final = n_final;
  e.step = step;
  return e;
}

}  // namespace

TEST(BarriersCli, Fcc111AndStepRowsReadBackInTheKmcEngine) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli_steps");
  // fcc(111): 2 environments of Ag(111) (fcc in the database) on the triangular net.
  std::ofstream(dir / "fcc.ini") << "[barriers]\ndatabase = " + kSource +
                                        "/potentials/anodekmc_LiM.eamdb\nhost = Ag\nfacet = fcc111\n"
                                        "layers = 5\nfixed_layers = 2\nmax_environments = 2\ncheck_slab_size = no\n"
                                        "[neb]\nimages = 7\n";
  const auto f = run_process(kExe + " barriers " + (dir / "fcc.ini").string() + " --output " + (dir / "fcc").string());
  ASSERT_EQ(f.exit_code, 0) << f.output;
  anodekmc::kmc::BarrierCatalog fcc(anodekmc::kmc::EnvironmentIndex(6, 1), {"Ag"});
  fcc.read((dir / "fcc/catalog.csv").string());
  EXPECT_EQ(fcc.row_count(), 3u);  // 0,0 and 0,1 with its reverse 1,0
  EXPECT_NE(read_file(dir / "fcc/catalog.json").find("\"facet\": \"fcc111\""), std::string::npos);
  // fcc Li(111): the lattice constant is the potential's fcc minimum; the environment is a row or
  // marked with its reason (with the shipped potential the adatom leaves the fcc hollow).
  std::ofstream(dir / "li.ini") << "[barriers]\ndatabase = " + kSource +
                                       "/potentials/anodekmc_LiM.eamdb\nhost = Li\nfacet = fcc111\n"
                                       "layers = 5\nfixed_layers = 2\nmax_environments = 1\ncheck_slab_size = no\n";
  const auto l = run_process(kExe + " barriers " + (dir / "li.ini").string() + " --output " + (dir / "li").string());
  ASSERT_EQ(l.exit_code, 0) << l.output;
  const auto record = nlohmann::json::parse(read_file(dir / "li/catalog.json"));
  EXPECT_NE(record["lattice_constant_source"].get<std::string>().find("fcc energy minimum of the potential"),
            std::string::npos);
  EXPECT_NEAR(record["lattice_constant_A"].get<double>(), 4.3656, 2e-3);  // C++ model minimum, measured
  ASSERT_EQ(record["environments"].size(), 1u);
  const auto &e = record["environments"][0];
  anodekmc::kmc::BarrierCatalog li(anodekmc::kmc::EnvironmentIndex(6, 1), {"Li"});
  li.read((dir / "li/catalog.csv").string());
  if (e["converged"].get<bool>()) {
    EXPECT_EQ(li.row_count(), 1u);
  } else {
    EXPECT_EQ(li.row_count(), 0u);
    EXPECT_TRUE(e.contains("end_state_left_its_sites") || e.contains("failed")) << e.dump();
  }
  // bcc(100) with steps: the bare hop plus the step-down row and its reverse.
  std::ofstream(dir / "steps.ini") << "[barriers]\ndatabase = " + kSource +
                                          "/potentials/anodekmc_LiM.eamdb\nhost = Li\nfacet = bcc100\n"
                                          "layers = 5\nfixed_layers = 2\nmax_environments = 1\ncheck_slab_size = no\n"
                                          "steps = yes\nstep_rows = 3\nstep_paths = hop\n[neb]\nimages = 7\n";
  const auto s = run_process(kExe + " barriers " + (dir / "steps.ini").string() + " --output " + (dir / "steps").string());
  ASSERT_EQ(s.exit_code, 0) << s.output;
  anodekmc::kmc::BarrierCatalog steps(anodekmc::kmc::EnvironmentIndex(4, 1), {"Li"});
  steps.read((dir / "steps/catalog.csv").string());
  EXPECT_EQ(steps.row_count(), 3u);
  const anodekmc::kmc::HopEnvironment down = step_environment(0, 1, anodekmc::kmc::StepKind::kDown);
  const anodekmc::kmc::HopEnvironment up = step_environment(1, 0, anodekmc::kmc::StepKind::kUp);
  ASSERT_TRUE(steps.entry(down).present);
  ASSERT_TRUE(steps.entry(up).present);
  EXPECT_GT(steps.entry(down).barrier_eV, 0.0);
  EXPECT_NE(s.output.find("Ehrlich-Schwoebel barrier"), std::string::npos) << s.output;
  EXPECT_NE(read_file(dir / "steps/catalog.json").find("\"ehrlich_schwoebel_eV\""), std::string::npos);

  // bcc(110) with steps ([001] strip): 0,0 plus 0,2,down and 2,0,up; the ascent is the harder
  // way (the foot of the step has more neighbours than the edge site).
  std::ofstream(dir / "steps110.ini") << "[barriers]\ndatabase = " + kSource +
                                             "/potentials/anodekmc_LiM.eamdb\nhost = Li\nfacet = bcc110\n"
                                             "layers = 5\nfixed_layers = 2\nmax_environments = 1\ncheck_slab_size = no\n"
                                             "steps = yes\nstep_rows = 3\nstep_paths = hop\n[neb]\nimages = 7\n";
  const auto s110 =
      run_process(kExe + " barriers " + (dir / "steps110.ini").string() + " --output " + (dir / "steps110").string());
  ASSERT_EQ(s110.exit_code, 0) << s110.output;
  anodekmc::kmc::BarrierCatalog steps110(anodekmc::kmc::EnvironmentIndex(6, 1), {"Li"});
  steps110.read((dir / "steps110/catalog.csv").string());
  EXPECT_EQ(steps110.row_count(), 3u);
  const anodekmc::kmc::HopEnvironment down110 = step_environment(0, 2, anodekmc::kmc::StepKind::kDown);
  const anodekmc::kmc::HopEnvironment up110 = step_environment(2, 0, anodekmc::kmc::StepKind::kUp);
  ASSERT_TRUE(steps110.entry(down110).present);
  ASSERT_TRUE(steps110.entry(up110).present);
  EXPECT_GT(steps110.entry(up110).barrier_eV, steps110.entry(down110).barrier_eV);
  // The kMC on the bcc110 net with the shipped Li(110) catalog (its step rows made by this code)
  // and the fallback fitted to it, whose Ehrlich-Schwoebel term is negative.
  const std::string shipped = kSource + "/inputs/barriers_Li110/catalog";
  const auto fit = nlohmann::json::parse(read_file(shipped + ".json"))["bond_counting_fit"];
  ASSERT_TRUE(fit.contains("ehrlich_schwoebel_eV")) << fit.dump();
  EXPECT_LT(fit["ehrlich_schwoebel_eV"].get<double>(), 0.0);
  // Built as a string, not into a fixed buffer: the paths (source tree, scratch folder) have no
  // bound, and a truncated config is still a valid one that writes elsewhere.
  auto number = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return std::string(text);
  };
  const std::string model = "[lattice]\nfacet = bcc110\nnx = 16\nny = 16\n[model]\ncatalog = " + shipped +
                            ".csv\nbase_barrier_eV = Li:" + number(fit["base_barrier_eV"]["Li@Li"].get<double>()) +
                            "\nbond_eV = " + number(fit["bond_eV"].get<double>()) +
                            "\nehrlich_schwoebel_eV = " + number(fit["ehrlich_schwoebel_eV"].get<double>()) +
                            "\nup_step_eV = " + number(fit["up_step_eV"].get<double>()) +
                            "\n[conditions]\ntemperature_K = 300\nflux_ml_per_s = 1e9\n[run]\nmax_deposited_ml = 1.5\n"
                            "[output]\nfolder = " + (dir / "kmc110").string() + "\n";
  std::ofstream(dir / "kmc110.ini") << model;
  const auto k = run_process(kExe + " kmc " + (dir / "kmc110.ini").string() + " --quiet");
  EXPECT_EQ(k.exit_code, 0) << k.output;
  EXPECT_TRUE(fs::exists(dir / "kmc110/run.json"));
}

TEST(BarriersCli, ExchangePathsGiveTheKmcExchangeKeys) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli_exchange");
  // Li on Li(100) with In: one flat environment, then the exchange of Li with Li and with In.
  std::ofstream(dir / "ex.ini") << "[barriers]\ndatabase = " + kSource +
                                       "/potentials/anodekmc_LiM.eamdb\nhost = Li\nsolutes = In\nfacet = bcc100\n"
                                       "layers = 5\nfixed_layers = 2\nmax_environments = 1\ncheck_slab_size = no\n"
                                       "exchange = yes\n";
  const auto r = run_process(kExe + " barriers " + (dir / "ex.ini").string() + " --output " + (dir / "ex").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir / "ex/catalog.json"));
  ASSERT_EQ(record["exchange"].size(), 2u);
  const auto &self = record["exchange"][0], &with_in = record["exchange"][1];
  EXPECT_EQ(self["pushed"], "Li");
  EXPECT_EQ(with_in["pushed"], "In");
  ASSERT_TRUE(self["converged"].get<bool>()) << self.dump();
  ASSERT_TRUE(with_in["converged"].get<bool>()) << with_in.dump();
  // The Li-Li path is its own mirror image: equal barriers (end points relaxed to 0.01 eV/Å).
  EXPECT_NEAR(self["forward_barrier_eV"].get<double>(), self["reverse_barrier_eV"].get<double>(), 1e-3);
  // The kMC keys carry the In path's two barriers, forward as Li@In, reverse as In@Li ...
  const std::string keys = record["exchange_kmc_keys"].get<std::string>();
  char expected[160];
  std::snprintf(expected, sizeof expected, "model.exchange_barrier_eV = Li@In:%.4f In@Li:%.4f",
                with_in["forward_barrier_eV"].get<double>(), with_in["reverse_barrier_eV"].get<double>());
  EXPECT_EQ(keys, expected);
  EXPECT_NE(read_file(dir / "ex/catalog.csv").find(std::string("# exchange (alloying, not rows): ") + expected),
            std::string::npos);
  // ... and the kMC engine takes them as they are.
  std::ofstream(dir / "kmc.ini") << "[lattice]\nfacet = bcc100\nlattice_constant_A = 3.49\nnx = 16\nny = 16\n"
                                    "[model]\nspecies = Li In\nbond_counting = true\nbase_barrier_eV = Li@Li:0.17 Li@In:0.2 In@Li:0.25 In@In:0.25\n"
                                    "bond_eV = 0.04\nexchange_barrier_eV = " + keys.substr(keys.find('=') + 2) + "\n"
                                    "[substrate]\nmode = random\nsolute = In\nsolute_fraction = 0.25\n"
                                    "[conditions]\ntemperature_K = 300\nflux_ml_per_s = 1e6\n"
                                    "[run]\nseed = 1\nmax_events = 20000\n[output]\nfolder = " + (dir / "kmc").string() + "\n";
  const auto k = run_process(kExe + " kmc " + (dir / "kmc.ini").string() + " --quiet");
  ASSERT_EQ(k.exit_code, 0) << k.output;
  const auto run = nlohmann::json::parse(read_file(dir / "kmc/run.json"));
  EXPECT_GT(run["results"]["exchanges"].get<long>(), 0) << run["results"].dump();
}

// Vineyard prefactors at refined saddles (saddle_refinement.hpp), Li on Li(100), 4 environments:
// every environment says what refining its climbing image gave; a saddle that joins the two end
// states lies within 5 meV of the band's barrier and its Vineyard prefactors go into the rows;
// where the path passes an intermediate minimum the rows keep the default prefactor. With the
// shipped potential on this 4 x 4 x 5 slab both kinds occur (seen: 0,2 joins, ν* 1.27e12 1/s;
// the climbing images of 0,0 and 1,1 relax into the bridge minimum; the saddle of 0,1 joins
// the final state to a minimum 0.167 eV above the initial one).
TEST(BarriersCli, VineyardPrefactorsOnlyAtSaddlesThatJoinTheEndStates) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli_vineyard");
  std::ofstream(dir / "vy.ini") << "[barriers]\ndatabase = " + kSource +
                                       "/potentials/anodekmc_LiM.eamdb\nhost = Li\nfacet = bcc100\ncells = 4\n"
                                       "layers = 5\nfixed_layers = 2\nmax_environments = 4\ncheck_slab_size = no\n"
                                       "prefactor = vineyard\n[neb]\nimages = 5\nmax_force_eV_A = 0.01\n";
  const auto r = run_process(kExe + " barriers " + (dir / "vy.ini").string() + " --output " + (dir / "vy").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir / "vy/catalog.json"));
  const std::string csv = read_file(dir / "vy/catalog.csv");
  int joined = 0, intermediate = 0;
  ASSERT_EQ(record["environments"].size(), 4u);
  for (const auto &e : record["environments"]) {
    ASSERT_TRUE(e["converged"].get<bool>()) << e.dump();
    ASSERT_TRUE(e.contains("refined_saddle")) << e.dump();
    const auto &saddle = e["refined_saddle"];
    const std::string outcome = saddle["outcome"].get<std::string>();
    const std::string key = e["key"].get<std::string>();
    const std::string row = anodekmc::test::lines_starting_with(csv, key + ",");
    ASSERT_FALSE(row.empty()) << key;
    if (outcome == "joins the end states") {
      ++joined;
      EXPECT_NEAR(saddle["forward_barrier_eV"].get<double>(), e["forward_barrier_eV"].get<double>(), 0.005) << key;
      ASSERT_TRUE(e.contains("vineyard")) << e.dump();
      const double nu = e["vineyard"]["prefactor_forward_per_s"].get<double>();
      EXPECT_GT(nu, 1e11);
      EXPECT_LT(nu, 1e14);
      EXPECT_NE(row.find("prefactor Vineyard"), std::string::npos) << row;
    } else {
      EXPECT_TRUE(outcome == "joins an end state to an intermediate minimum" ||
                  outcome == "climbing image relaxes into an intermediate minimum")
          << key << ": " << outcome;
      ++intermediate;
      EXPECT_FALSE(e.contains("vineyard")) << e.dump();
      EXPECT_NE(row.find("prefactor default 1e+13"), std::string::npos) << row;
      // The minimum lies on the path: below its highest point.
      const double top = saddle.contains("forward_barrier_eV") ? saddle["forward_barrier_eV"].get<double>()
                                                                : e["forward_barrier_eV"].get<double>();
      EXPECT_LE(saddle["intermediate_minimum_eV"].get<double>(), top + 1e-6) << key;
    }
  }
  EXPECT_GE(joined, 1);
  EXPECT_GE(intermediate, 1);
}

TEST(BarriersCli, BadConfigsGiveOneErrorAndNoOutput) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("barriers_cli");
  struct Case {
    std::string text, expected;
  };
  const Case cases[] = {
      {config("colour = red\n"), "unknown key 'colour'"},
      {config("").replace(config("").find("bcc100"), 6, "hcp0001"), "facet: expected bcc100, bcc110 or fcc111"},
      {config("steps = yes\n").replace(config("").find("bcc100"), 6, "fcc111"), "steps: expected no for facet fcc111"},
      {config("steps = maybe\n"), "steps: expected yes or no"},
      {config("exchange = maybe\n"), "exchange: expected yes or no"},
      {config("steps = yes\nstep_rows = 1\n"), "step_rows: expected an integer >= 2"},
      {config("steps = yes\nstep_paths = hop teleport\n"), "step_paths: expected hop and/or exchange, got 'teleport'"},
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
