// `anodekmc screen` as a process: the --quick pipeline on two dopants end to end (report, CSV
// and figures exist and hold finite numbers), the same rows on 1 and 2 MPI ranks, a re-run
// that reuses every finished row, and bad configs that stop before anything is written.
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "kmc/barrier_catalog.hpp"

namespace fs = std::filesystem;
using anodekmc::test::read_file;
using anodekmc::test::run_process;
using nlohmann::json;

namespace {

const std::string kExe = ANODEKMC_EXE;
const std::string kSource = ANODEKMC_SOURCE_DIR;
const std::string kMpi = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + std::string(MPIEXEC_EXE) +
                         " -np 2 --oversubscribe ";

// Quick mode with shorter kMC runs than its defaults (the test checks the pipeline, not the numbers).
std::string config(const std::string &screen_keys) {
  return "[screen]\ndatabase = " + kSource + "/potentials/anodekmc_LiM.eamdb\n" + screen_keys +
         "[barriers]\nmax_environments = 6\n[kmc]\ndiffusion_events = 5000\nnucleation_max_events = 200000\n";
}

std::vector<std::vector<std::string>> csv_rows(const std::string &text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

json row_numbers(const fs::path &folder, const std::string &element) {
  std::ifstream in(folder / "rows" / element / "row.json");
  json row = json::parse(in);
  return {{"descriptors", row["descriptors"]}, {"details", row["details"]}, {"notes", row["notes"]}};
}

}  // namespace

TEST(ScreenCli, HelpNamesTheOutputs) {
  const auto r = run_process(kExe + " screen --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("report.md"), std::string::npos);
  EXPECT_EQ(run_process(kExe + " screen").exit_code, 2);
}

TEST(ScreenCli, QuickPipelineOnTwoDopantsSameOnOneAndTwoRanksAndReusesFinishedRows) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("screen_cli");
  std::ofstream(dir / "screen.ini") << config("dopants = In Mg\nquick = yes\n");
  const fs::path one = dir / "np1", two = dir / "np2";
  auto r = run_process(kExe + " screen " + (dir / "screen.ini").string() + " --output " + one.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("report: "), std::string::npos) << "the report's location is printed at the end";

  // Report, CSV and figures exist; every numeric cell of the CSV is finite.
  for (const char *f : {"report.md", "screening.csv", "arrhenius.csv", "run.json", "screening.png", "arrhenius.png"})
    EXPECT_TRUE(fs::is_regular_file(one / f)) << f;
  const std::string report = read_file(one / "report.md");
  EXPECT_NE(report.find("QUICK MODE"), std::string::npos) << "quick results are labelled as such";
  const auto rows = csv_rows(read_file(one / "screening.csv"));
  ASSERT_EQ(rows.size(), 4u) << "header + Li baseline + In + Mg";
  EXPECT_EQ(rows[0][0], "dopant");
  int numeric_cells = 0;
  for (std::size_t k = 1; k < rows.size(); ++k) {
    ASSERT_EQ(rows[k].size(), rows[0].size());
    for (std::size_t c = 1; c < rows[k].size(); ++c) {
      if (rows[k][c].empty()) continue;
      char *end = nullptr;
      const double v = std::strtod(rows[k][c].c_str(), &end);
      if (end == rows[k][c].c_str() + rows[k][c].size()) {
        EXPECT_TRUE(std::isfinite(v)) << rows[0][c] << " of " << rows[k][0];
        ++numeric_cells;
      }
    }
  }
  EXPECT_GT(numeric_cells, 30);
  // Every descriptor the issue names for a dopant row is there.
  const json in = row_numbers(one, "In");
  for (const char *d : {"E_sol_bulk_eV", "E_seg_surface_eV_bcc100", "excess_per_site_bcc100", "complexion_bcc100",
                        "E_ads_Li_eV", "E_hop_near_M_eV_bcc100", "E_exchange_near_M_eV_bcc100",
                        "E_step_down_near_M_eV_bcc100", "D_surf_m2_per_s", "nucleation_deposited_ml"})
    EXPECT_TRUE(in["descriptors"].contains(d)) << d;
  // The island density under one of its two names: at the requested amount, or (not ranked)
  // at the amount the event cap allowed.
  EXPECT_NE(in["descriptors"].contains("island_density_per_nm2"),
            in["descriptors"].contains("island_density_at_cap_per_nm2"));
  // The bare Li hop on Li(100) of the row with In (In not under the path) is the one of the
  // pure-Li row: both catalogs run the same NEB on the same slab.
  EXPECT_DOUBLE_EQ(in["descriptors"]["E_hop_bare_eV_bcc100"].get<double>(),
                   row_numbers(one, "Li")["descriptors"]["E_hop_bare_eV_bcc100"].get<double>());

  // The alloying exchange in the kMC: Mg's surface fraction puts Mg on the kMC lattices, so its row
  // computed the Mg adatom's hops on the Li catalog's environment set (max_environments = 6: the
  // three bare hops, then 0,1 over each substrate pair, a lateral Li neighbour at the final site)
  // and its kMC read a catalog with the Mg adatom's rows after the Li rows; In's rounds to no
  // site, so its row has neither.
  const json mg = row_numbers(one, "Mg");
  ASSERT_GT(std::lround(mg["descriptors"]["X_surface_bcc100"].get<double>() * 48 * 48), 0) << "the premise of this check";
  const json &hops = mg["details"]["barriers_bcc100"]["M_adatom_hops"];
  ASSERT_TRUE(hops.is_object()) << mg["details"]["barriers_bcc100"].dump();
  EXPECT_EQ(hops["environments"].get<int>(), 6);
  EXPECT_GT(hops["bare_hop_over_host_eV"].get<double>(), 0.0);
  anodekmc::kmc::BarrierCatalog merged(anodekmc::kmc::EnvironmentIndex(4, 2), {"Li", "Mg"});
  merged.read((one / "rows" / "Mg" / "kmc_catalog.csv").string());
  anodekmc::kmc::HopEnvironment mg_bare;
  mg_bare.moving = 1;
  ASSERT_TRUE(merged.entry(mg_bare).present);
  EXPECT_DOUBLE_EQ(merged.entry(mg_bare).barrier_eV, hops["bare_hop_over_host_eV"].get<double>());
  EXPECT_TRUE(merged.entry(anodekmc::kmc::HopEnvironment{}).present) << "the Li rows come first";
  // The Mg adatom with a lateral neighbour has its own NEB row (seen: 0.190 eV towards the
  // neighbour, 0.271 eV away from it, over Li).
  anodekmc::kmc::HopEnvironment mg_towards = mg_bare, mg_away = mg_bare;
  mg_towards.n_final = 1;
  mg_away.n_initial = 1;
  ASSERT_TRUE(merged.entry(mg_towards).present);
  ASSERT_TRUE(merged.entry(mg_away).present);
  EXPECT_GT(merged.entry(mg_away).barrier_eV, merged.entry(mg_towards).barrier_eV) << "a bound neighbour holds it";
  EXPECT_FALSE(in["details"]["barriers_bcc100"].contains("M_adatom_hops"));
  EXPECT_FALSE(fs::exists(one / "rows" / "In" / "kmc_catalog.csv"));

  // Two ranks: rows are dealt out differently, the numbers are the same.
  r = run_process(kMpi + kExe + " screen " + (dir / "screen.ini").string() + " --no-figures --output " + two.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char *e : {"Li", "In", "Mg"}) EXPECT_EQ(row_numbers(one, e), row_numbers(two, e)) << e;
  EXPECT_EQ(csv_rows(read_file(one / "screening.csv")), csv_rows(read_file(two / "screening.csv")));

  // A re-run reuses every finished row (no stage runs) and writes the same table.
  const std::string before = read_file(one / "rows" / "In" / "row.json");
  r = run_process(kExe + " screen " + (dir / "screen.ini").string() + " --no-figures --output " + one.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find(": barriers"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("In (2/3): finished before, reused"), std::string::npos) << r.output;
  EXPECT_EQ(read_file(one / "rows" / "In" / "row.json"), before);
  EXPECT_EQ(csv_rows(read_file(one / "screening.csv")), rows);
}

TEST(ScreenCli, BadConfigsStopEarlyWithOneClearErrorAndNoOutput) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("screen_cli");
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {config("dopants = In Qq\n"), "'Qq' is not one"},
      {config("dopants = In Cu\n"), "'Cu' is not in it"},
      {config("dopants = In\n") + "[conditions]\nbulk_fraction = 1.5\n", "bulk_fraction"},
      {config("dopants = In\n") + "[conditions]\nbulk_fraction = nan\n", "bulk_fraction"},
      {config("dopants = In\n") + "[conditions]\ntemperature_K = -5\n", "temperature_K"},
      {config("dopants = In In\n"), "repeated"},
      {config("dopants = Li\n"), "other than the host"},
      {config("dopants = In\n") + "[weights]\nbeauty = 1\n", "unknown descriptor 'beauty'"},
      {config("dopants = In\n") + "[segregation]\nfacets = fcc111\n", "facets"},
      {"[screen]\ndatabase = no_such.eamdb\n", "does not exist"},
      {config("dopants = In\n") + "[output]\nsurprise = 1\n", "surprise"},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const fs::path ini = dir / ("bad" + std::to_string(k) + ".ini");
    std::ofstream(ini) << cases[k].text;
    const fs::path out = dir / ("out" + std::to_string(k));
    const auto r = run_process(kExe + " screen " + ini.string() + " --output " + out.string());
    EXPECT_EQ(r.exit_code, 2) << cases[k].text << r.output;
    EXPECT_NE(r.output.find(cases[k].expected), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(ini.string()), std::string::npos) << "the error names the file: " << r.output;
    EXPECT_FALSE(fs::exists(out)) << "nothing is written for a bad config";
  }
}
