// The header-only reader anodekmc/lookup_table.hpp: round trips through the JSON and CSV
// forms, machine-precision interpolation of exactly Arrhenius data at mid-cells, the three
// extrapolation policies, complexion boundaries, clear errors on malformed or mislabelled
// files, and agreement with the Python reader (analysis/lookup_table.py) to 1e-12.
#include "table_test_data.hpp"

#include "table/arrhenius_csv_writer.hpp"
#include "table/json_table_writer.hpp"
#include "table/long_csv_writer.hpp"

#include <anodekmc/lookup_table.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>

namespace anodekmc::table::test {
namespace {

LookupTable json_round_trip(const TableData &data) { return LookupTable::from_json(table_json(data).dump(), "synth.json"); }
LookupTable csv_round_trip(const TableData &data) {
  return LookupTable::from_csv(long_csv_text(data), arrhenius_csv_text(data), "synth.csv");
}

TEST(LookupReader, RoundTripReturnsTheStoredValuesAtEveryNode) {
  const TableData data = synthetic_table();
  for (const LookupTable &table : {json_round_trip(data), csv_round_trip(data)}) {
    ASSERT_EQ(table.grids().size(), data.grids.size() * 2);
    std::size_t checked = 0;
    for (const auto &row : data.rows)
      for (const auto &quantity : quantity_names()) {
        const double stored = std::log(row.D_m2_per_s.at(quantity).mean);
        // Exact: the node's value comes back bit for bit, whatever the policy.
        for (auto policy : {Extrapolation::clamp, Extrapolation::arrhenius, Extrapolation::error})
          EXPECT_EQ(table.ln_D(row.system, row.facet, quantity, row.temperature_K, row.solute_fraction, policy), stored)
              << row.system << " " << row.facet << " T " << row.temperature_K << " x " << row.solute_fraction;
        ++checked;
      }
    EXPECT_EQ(checked, data.rows.size() * 2);
  }
}

TEST(LookupReader, ExactlyArrheniusDataInterpolatesToMachinePrecisionAtMidCells) {
  const TableData data = synthetic_table();
  const LookupTable table = json_round_trip(data);
  int cells = 0;
  double worst = 0.0;
  for (const auto &grid : table.grids()) {
    const auto &v = grid.inverse_temperature_per_K;
    const auto &u = grid.log10_solute_fraction;
    const double offset = grid.quantity == "tracer" ? 0.0 : -0.1;
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      for (std::size_t j = 0; j + 1 < std::max<std::size_t>(u.size(), 2); ++j) {
        const double T = 1.0 / (0.5 * (v[i] + v[i + 1]));
        const double x = grid.pure() ? 0.0 : std::pow(10.0, 0.5 * (u[j] + u[j + 1]));
        const double got = grid.ln_D(T, x, Extrapolation::error);
        const double want = exact_ln_D(T, x, grid.pure(), offset);
        worst = std::max(worst, std::fabs(got - want));
        EXPECT_NEAR(got, want, 4e-14 * std::fabs(want)) << grid.label() << " T " << T << " x " << x;
        ++cells;
      }
  }
  EXPECT_GT(cells, 30);
  // Linear interpolation of D in T would be off by percent here, not by 1e-14.
  std::printf("mid-cell worst |error| in ln D: %.3g over %d cells\n", worst, cells);
}

TEST(LookupReader, ExtrapolationPolicies) {
  const TableData data = synthetic_table();
  const LookupTable table = json_round_trip(data);
  const LookupGrid &g = table.grid("LiIn", "bcc100", "tracer", "dense");
  // error: outside T or x throws, naming the ranges.
  EXPECT_THROW(g.ln_D(500.0, 0.2, Extrapolation::error), LookupTableError);
  EXPECT_THROW(g.ln_D(300.0, 0.5, Extrapolation::error), LookupTableError);
  try {
    g.ln_D(200.0, 0.2, Extrapolation::error);
  } catch (const LookupTableError &e) {
    EXPECT_NE(std::string(e.what()).find("T in [250, 400] K"), std::string::npos) << e.what();
  }
  // clamp: the edge value.
  EXPECT_EQ(g.ln_D(500.0, 0.2, Extrapolation::clamp), g.ln_D(400.0, 0.2, Extrapolation::clamp));
  EXPECT_EQ(g.ln_D(300.0, 0.9, Extrapolation::clamp), g.ln_D(300.0, 0.3, Extrapolation::clamp));
  // arrhenius: for exactly Arrhenius data, the exact function beyond the T range (at nodes and
  // between compositions), continuous at the edge.
  for (double T : {150.0, 200.0, 450.0, 800.0})
    for (double x : {0.1, 0.15, 0.3})
      EXPECT_NEAR(g.ln_D(T, x, Extrapolation::arrhenius), exact_ln_D(T, x, false), 1e-11) << T << " " << x;
  EXPECT_NE(g.ln_D(200.0, 0.2, Extrapolation::arrhenius), g.ln_D(200.0, 0.2, Extrapolation::clamp));
  // Pure host: x ignored.
  const LookupGrid &pure = table.grid("Li", "bcc100", "tracer");
  EXPECT_EQ(pure.ln_D(300.0, 0.0, Extrapolation::error), pure.ln_D(300.0, 0.7, Extrapolation::error));
  // Bad queries.
  EXPECT_THROW(g.ln_D(-1.0, 0.2, Extrapolation::clamp), LookupTableError);
  EXPECT_THROW(g.ln_D(300.0, 0.0, Extrapolation::clamp), LookupTableError);
}

TEST(LookupReader, NeverInterpolatesAcrossAComplexionTransition) {
  const LookupTable table = json_round_trip(synthetic_table());
  EXPECT_EQ(table.grid_for("LiIn", "bcc100", "tracer", 0.02).complexion, "dilute");
  EXPECT_EQ(table.grid_for("LiIn", "bcc100", "tracer", 0.1).complexion, "dense");
  EXPECT_EQ(table.grid_for("LiIn", "bcc100", "tracer", 0.001).complexion, "dilute");
  EXPECT_EQ(table.grid_for("LiIn", "bcc100", "tracer", 0.9).complexion, "dense");
  try {
    table.ln_D("LiIn", "bcc100", "tracer", 300.0, 0.05, Extrapolation::clamp);
    ADD_FAILURE() << "x = 0.05 lies between the complexions";
  } catch (const LookupTableError &e) {
    EXPECT_NE(std::string(e.what()).find("between complexion 'dilute' and complexion 'dense'"), std::string::npos);
  }
  EXPECT_THROW(table.grid("LiIn", "bcc100", "tracer"), LookupTableError);  // two complexions: name one
  EXPECT_THROW(table.grid("LiIn", "fcc111", "tracer"), LookupTableError);
}

std::string json_error(const std::function<void(nlohmann::json &)> &spoil) {
  nlohmann::json j = table_json(synthetic_table());
  spoil(j);
  try {
    LookupTable::from_json(j.dump(), "bad.json");
  } catch (const LookupTableError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LookupReader, ClearErrorsOnMalformedOrMislabelledJson) {
  EXPECT_NE(json_error([](nlohmann::json &j) { j["format"] = "something"; }).find("not an anodekmc lookup table"),
            std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) { j["format_version"] = 2; }).find("format_version 2"), std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) { j["grids"][1].erase("ln_D_m2_per_s"); })
                .find("grids[1]: key 'ln_D_m2_per_s' is missing"),
            std::string::npos);
  // Mislabelled axis: temperatures in Celsius would not be 1/(1/T).
  EXPECT_NE(json_error([](nlohmann::json &j) {
              for (auto &t : j["grids"][2]["temperature_K"]) t = t.get<double>() - 273.15;
            }).find("grids[2]: inverse_temperature_per_K[0] is not 1/temperature_K"),
            std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) { j["grids"][2]["ln_D_m2_per_s"]["tracer"].erase(0); })
                .find("holds 11 values, expected 12"),
            std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) {
              auto &u = j["grids"][2]["log10_solute_fraction"];
              std::swap(u[0], u[1]);
            }).find("log10_solute_fraction is not strictly increasing"),
            std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) { j["grids"][2]["arrhenius"]["tracer"].erase(0); })
                .find("needs one Arrhenius fit per composition (3), got 2"),
            std::string::npos);
  EXPECT_NE(json_error([](nlohmann::json &j) { j["grids"][2]["log10_solute_fraction"][0] = -1.6; })
                .find("overlap in composition"),
            std::string::npos);
  EXPECT_THROW(LookupTable::from_json("{\"format\": ", "cut.json"), LookupTableError);
  EXPECT_THROW(LookupTable::load("/nonexistent/table.json"), LookupTableError);
}

TEST(LookupReader, ClearErrorsOnMalformedOrMislabelledCsv) {
  const TableData data = synthetic_table();
  const std::string csv = long_csv_text(data), arrhenius = arrhenius_csv_text(data);
  auto error = [&](std::string table_text, std::string fits_text) {
    try {
      LookupTable::from_csv(table_text, fits_text, "bad.csv");
    } catch (const LookupTableError &e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  auto replaced = [](std::string text, const std::string &from, const std::string &to) {
    return text.replace(text.find(from), from.size(), to);
  };
  EXPECT_NE(error(replaced(csv, ",tracer_D_m2_per_s,", ",tracer_D_cm2_per_s,"), arrhenius)
                .find("column 10 is 'tracer_D_cm2_per_s', expected 'tracer_D_m2_per_s'"),
            std::string::npos);
  EXPECT_NE(error(replaced(csv, "temperature_K,inverse", "temperature_C,inverse"), arrhenius).find("expected 'temperature_K'"),
            std::string::npos);
  // A row lost: the grid is incomplete.
  const std::size_t last = csv.rfind('\n', csv.size() - 2);
  EXPECT_NE(error(csv.substr(0, last + 1), arrhenius).find("complete (1/T, x) grid"), std::string::npos);
  EXPECT_NE(error(replaced(csv, "\nLiIn,bcc100,dilute,In,250,", "\nLiIn,bcc100,dilute,In,25x,"), arrhenius)
                .find("column 'temperature_K' expects a finite number, got '25x'"),
            std::string::npos);
  EXPECT_NE(error(csv, replaced(arrhenius, ",Ea_eV,", ",Ea_kJ_per_mol,")).find("expected 'Ea_eV'"), std::string::npos);
  EXPECT_NE(error(csv + "LiIn,bcc100\n", arrhenius).find("cells, the header has"), std::string::npos);
}

// The Python reader must give the same numbers: random queries over every grid, in and out of
// range, with all three policies, on a table whose values are not a simple function.
TEST(LookupReader, PythonReaderAgreesToOneInTenToTheTwelve) {
  TableSpec spec = synthetic_spec();
  std::vector<PointResult> results = synthetic_results(spec);
  std::mt19937_64 rng(20261202);
  std::normal_distribution<double> noise(0.0, 0.3);
  for (auto &r : results)
    for (auto &d : r.diffusion) {
      const double f = std::exp(noise(rng));
      d.tracer_D_m2_per_s *= f;
      d.collective_D_m2_per_s *= f;
    }
  const TableData data = assemble_table(spec, results);
  const auto dir = std::filesystem::current_path() / "table_python_agreement";
  std::filesystem::create_directories(dir);
  const std::string json_path = (dir / "table.json").string();
  std::ofstream(json_path) << table_json(data).dump(1);
  std::ofstream(dir / "table.csv") << long_csv_text(data);
  std::ofstream(dir / "arrhenius.csv") << arrhenius_csv_text(data);
  const LookupTable table = LookupTable::load(json_path);
  const LookupTable from_csv = LookupTable::load((dir / "table.csv").string());

  std::uniform_real_distribution<double> temperature(200.0, 450.0), log10x(-2.3, -0.4);
  const char *policies[] = {"clamp", "arrhenius", "error"};
  std::string queries;
  std::vector<std::string> expected;
  for (int k = 0; k < 600; ++k) {
    const char *system = k % 3 == 0 ? "Li" : "LiIn";
    const char *facet = k % 3 == 2 ? "bcc110" : "bcc100";
    const char *quantity = k % 2 ? "tracer" : "collective";
    const double T = temperature(rng), x = std::pow(10.0, log10x(rng));
    const int policy = (k / 6) % 3;
    char line[256];
    std::snprintf(line, sizeof line, "%s,%s,%s,%.17g,%.17g,%s\n", system, facet, quantity, T, x, policies[policy]);
    queries += line;
    try {
      const double value = table.ln_D(system, facet, quantity, T, x, static_cast<Extrapolation>(policy));
      EXPECT_EQ(value, from_csv.ln_D(system, facet, quantity, T, x, static_cast<Extrapolation>(policy)));
      char text[64];
      std::snprintf(text, sizeof text, "%.17g", value);
      expected.push_back(text);
    } catch (const LookupTableError &) {
      expected.push_back("error");
    }
  }
  std::ofstream(dir / "queries.csv") << queries;
  for (const std::string &input : {json_path, (dir / "table.csv").string()}) {
    const std::string command = std::string(PYTHON_EXE) + " " + ANODEKMC_SOURCE_DIR + "/analysis/lookup_table.py " +
                                input + " --queries " + (dir / "queries.csv").string();
    FILE *pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::vector<std::string> got;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
      std::string s(buffer);
      while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
      got.push_back(s);
    }
    ASSERT_EQ(pclose(pipe), 0) << command;
    ASSERT_EQ(got.size(), expected.size()) << command;
    int errors = 0;
    for (std::size_t k = 0; k < got.size(); ++k) {
      if (expected[k] == "error" || got[k] == "error") {
        EXPECT_EQ(got[k], expected[k]) << "query " << k;
        ++errors;
        continue;
      }
      const double a = std::stod(got[k]), b = std::stod(expected[k]);
      EXPECT_NEAR(a, b, 1e-12 * std::max(1.0, std::fabs(b))) << "query " << k;
    }
    EXPECT_GT(errors, 10);  // the 'error' policy was exercised out of range
    EXPECT_LT(errors, 450);
  }
}

}  // namespace
}  // namespace anodekmc::table::test

namespace anodekmc::table::test {
namespace {

// The Python reader refuses the same mislabelled files, with the same message, and exit 1.
TEST(LookupReader, PythonReaderRejectsMislabelledFiles) {
  const TableData data = synthetic_table();
  const auto dir = std::filesystem::current_path() / "table_python_errors";
  std::filesystem::create_directories(dir);
  std::string csv = long_csv_text(data);
  csv.replace(csv.find(",tracer_D_m2_per_s,"), 19, ",tracer_D_cm2_per_s,");
  std::ofstream(dir / "table.csv") << csv;
  std::ofstream(dir / "arrhenius.csv") << arrhenius_csv_text(data);
  nlohmann::json j = table_json(data);
  for (auto &t : j["grids"][2]["temperature_K"]) t = t.get<double>() - 273.15;
  std::ofstream(dir / "table.json") << j.dump();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"table.csv", "column 10 is 'tracer_D_cm2_per_s', expected 'tracer_D_m2_per_s'"},
      {"table.json", "grids[2]: inverse_temperature_per_K[0] is not 1/temperature_K"}};
  for (const auto &[file, message] : cases) {
    const std::string command = std::string(PYTHON_EXE) + " " + ANODEKMC_SOURCE_DIR + "/analysis/lookup_table.py " +
                                (dir / file).string() + " --system Li --facet bcc100 --T 300 2>&1";
    FILE *pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = pclose(pipe);
    EXPECT_EQ(WEXITSTATUS(status), 1) << output;
    EXPECT_NE(output.find(message), std::string::npos) << output;
    EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  }
}

}  // namespace
}  // namespace anodekmc::table::test
