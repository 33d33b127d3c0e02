// `table build` through the library with real kMC runs: the diffusivities of a
// non-interacting lattice gas against SCIENCE.md section 8 (cases 2 and 4), resumability, and
// the written files (MOOSE files through the strict parser, table.json through the reader).
#include "moose_format_checker.hpp"

#include "table/grid_point.hpp"
#include "table/point_result.hpp"
#include "table/table_builder.hpp"
#include "table/table_spec.hpp"

#include <anodekmc/lookup_table.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace anodekmc::table::test {
namespace {

namespace fs = std::filesystem;
constexpr double kKb = 8.617333262e-5;
constexpr double kNu_per_s = 1e13, kE0_eV = 0.3, kA_A = 3.51, kCoverage = 0.1;

// A monolayer lattice gas without interactions on bcc(100): D0 = nu a^2 for a single walker
// (case 1), collective D_J = D0 (1 - theta) (case 2), and ln D linear in 1/T with slope
// -E0/k_B for every coverage-dependent factor that does not depend on T (case 4).
kmc::KmcRunConfig lattice_gas(const std::string &) {
  kmc::KmcRunConfig c;
  c.facet = "bcc100";
  c.lattice_constant_A = kA_A;
  c.nx = c.ny = 24;
  c.species = {"Li"};
  c.prefactor_per_s = kNu_per_s;
  c.bond_counting.enabled = true;
  c.bond_counting.base_barrier_eV = {kE0_eV};
  c.bond_counting.bond_eV = 0.0;
  c.max_height = 1;
  c.selector = "cr";
  c.limits.max_events = 1000;
  return c;
}

std::string spec_text(const std::string &folder, int seeds) {
  return "[table]\nname = gas\noutput_folder = " + folder + "\ntemperatures_K = 250 300 350\nseeds = " +
         std::to_string(seeds) + "\nbase_seed = 11\n[measurement]\ncoverage_ml = 0.1\nevents_per_run = 60000\nwindows = 20\n"
         "[system gas]\nkmc_config = gas.ini\nfacets = bcc100\n";
}

fs::path scratch() {
  const fs::path dir = fs::current_path() / "table_build" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(TableBuild, LatticeGasDiffusivitiesMatchExactResults) {
  const fs::path dir = scratch();
  const TableSpec spec = parse_table_spec(spec_text((dir / "out").string(), 6), "gas.ini", ".", lattice_gas);
  check_points(spec);
  const BuildCounts counts = compute_points(spec, 0, 1, false);
  EXPECT_EQ(counts.computed, 3u);
  write_table(spec, counts, 1, 0.0);
  for (const GridPoint &p : enumerate_points(spec)) {
    const auto r = read_point(spec.output_folder, p.id(spec), point_inputs(spec, p));
    ASSERT_TRUE(r.has_value());
    const double D0 = kNu_per_s * std::exp(-kE0_eV / (kKb * p.temperature_K)) * kA_A * kA_A * 1e-20;
    const MeanStderr collective = r->collective_D(), tracer = r->tracer_D();
    ASSERT_GT(collective.stderr_of_mean, 0.0);
    // 4.5 standard errors: the error is itself estimated from 6 seeds (Student t, 5 degrees of
    // freedom: |t| > 4.5 has probability 0.6 %), over 3 temperatures and 2 quantities.
    EXPECT_NEAR(collective.mean, D0 * (1.0 - kCoverage), 4.5 * collective.stderr_of_mean) << "T " << p.temperature_K;
    // Tracer correlations slow a tagged atom below the collective value, never above D0.
    EXPECT_LT(tracer.mean, D0 * (1.0 - kCoverage) + 4.5 * tracer.stderr_of_mean);
    EXPECT_GT(tracer.mean, 0.5 * D0 * (1.0 - kCoverage));
  }
  const LookupTable table = LookupTable::load((fs::path(spec.output_folder) / "table.json").string());
  // Case 4 through the Arrhenius table: E_a = E0 within the fit's error.
  const std::string arrhenius = read(fs::path(spec.output_folder) / "arrhenius.csv");
  std::istringstream lines(arrhenius);
  std::string line;
  int fits = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("gas,", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream cs(line);
    std::string cell;
    while (std::getline(cs, cell, ',')) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 17u);
    const double Ea = std::stod(cells[10]), Ea_se = std::stod(cells[11]);
    EXPECT_GT(Ea_se, 0.0);
    EXPECT_NEAR(Ea, kE0_eV, 4.5 * Ea_se) << cells[6];
    ++fits;
  }
  EXPECT_EQ(fits, 2);
  // The table written holds ln of the seed means of the point records, bit for bit.
  for (const GridPoint &p : enumerate_points(spec)) {
    const auto r = read_point(spec.output_folder, p.id(spec), point_inputs(spec, p));
    EXPECT_EQ(table.ln_D("gas", "bcc100", "collective", p.temperature_K, 0.0, Extrapolation::error),
              std::log(r->collective_D().mean));
    EXPECT_EQ(table.ln_D("gas", "bcc100", "tracer", p.temperature_K, 0.0, Extrapolation::error),
              std::log(r->tracer_D().mean));
  }
}

TEST(TableBuild, ResumesWithoutRecomputingAndWritesValidFiles) {
  const fs::path dir = scratch();
  TableSpec spec = parse_table_spec(spec_text((dir / "out").string(), 2), "gas.ini", ".", lattice_gas);
  BuildCounts first = compute_points(spec, 0, 1, false);
  EXPECT_EQ(first.computed, 3u);
  write_table(spec, first, 1, 0.0);
  const fs::path point_file = point_path(spec.output_folder, enumerate_points(spec)[1].id(spec));
  const std::string before = read(point_file);
  const auto stamp = fs::last_write_time(point_file);

  BuildCounts second = compute_points(spec, 0, 1, false);
  EXPECT_EQ(second.computed, 0u);
  EXPECT_EQ(second.reused, 3u);
  EXPECT_EQ(fs::last_write_time(point_file), stamp);
  const std::string csv_before = read(fs::path(spec.output_folder) / "table.csv");
  write_table(spec, second, 1, 0.0);
  EXPECT_EQ(read(fs::path(spec.output_folder) / "table.csv"), csv_before);

  // Round-robin over 2 "ranks" covers every point once.
  const fs::path other = dir / "split";
  TableSpec split = spec;
  split.output_folder = other.string();
  const BuildCounts rank0 = compute_points(split, 0, 2, false), rank1 = compute_points(split, 1, 2, false);
  EXPECT_EQ(rank0.computed, 2u);
  EXPECT_EQ(rank1.computed, 1u);
  // Same seeds, same result (all but the wall time).
  const std::string split_record = read(point_path(split.output_folder, enumerate_points(split)[1].id(split)));
  EXPECT_EQ(split_record.substr(0, split_record.find("wall_time_s")), before.substr(0, before.find("wall_time_s")));

  // Different inputs (another seed list): the stored points are stale and recomputed.
  spec.base_seed = 99;
  EXPECT_EQ(compute_points(spec, 0, 1, false).computed, 3u);
  EXPECT_NE(read(point_file), before);

  // A damaged record is an error naming it, not a silent recomputation.
  std::ofstream(point_file) << "{\"id\": ";
  try {
    compute_points(spec, 0, 1, false);
    ADD_FAILURE() << "a damaged record must be reported";
  } catch (const std::exception &e) {
    EXPECT_NE(std::string(e.what()).find(point_file.string()), std::string::npos) << e.what();
  }

  // Every MOOSE file passes the strict parser (one-composition grids: one axis, no bilinear).
  int moose = 0;
  for (const auto &entry : fs::directory_iterator(fs::path(spec.output_folder) / "moose")) {
    const std::string name = entry.path().filename().string();
    if (name.find("_bilinear.csv") != std::string::npos) {
      EXPECT_NO_THROW(parse_moose_bilinear(read(entry.path()))) << name;
    } else {
      EXPECT_NO_THROW(parse_moose_gridded(read(entry.path()))) << name;
    }
    ++moose;
  }
  EXPECT_EQ(moose, 2);
}

}  // namespace
}  // namespace anodekmc::table::test
