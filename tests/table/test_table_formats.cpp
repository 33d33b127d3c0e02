// The writers of src/table against the strict MOOSE readers (moose_format_checker.hpp), the
// long CSV and JSON layouts, the Arrhenius fit, and the spec reader's errors.
#include "moose_format_checker.hpp"
#include "table_test_data.hpp"

#include "table/arrhenius_csv_writer.hpp"
#include "table/arrhenius_fit.hpp"
#include "table/json_table_writer.hpp"
#include "table/long_csv_writer.hpp"
#include "table/moose_bilinear_writer.hpp"
#include "table/moose_gridded_writer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace anodekmc::table::test {
namespace {

TEST(TableFormats, GridsAreSplitPerComplexionAndFacet) {
  const TableData data = synthetic_table();
  // Li bcc100 (pure); LiIn bcc100 dilute, dense; LiIn bcc110 dilute, dense.
  ASSERT_EQ(data.grids.size(), 5u);
  EXPECT_EQ(data.grids[0].file_stem(), "Li_bcc100");
  EXPECT_TRUE(data.grids[0].log10_solute_fraction.empty());
  EXPECT_EQ(data.grids[1].file_stem(), "LiIn_bcc100_dilute");
  EXPECT_EQ(data.grids[1].solute_fraction, (std::vector<double>{0.01, 0.03}));
  EXPECT_EQ(data.grids[2].file_stem(), "LiIn_bcc100_dense");
  EXPECT_EQ(data.grids[2].solute_fraction, (std::vector<double>{0.1, 0.2, 0.3}));
  EXPECT_EQ(data.grids[4].file_stem(), "LiIn_bcc110_dense");
  EXPECT_EQ(data.rows.size(), 4u + 2 * 5 * 4);
  for (const auto &row : data.rows)
    EXPECT_EQ(row.complexion, row.solute == "none" ? "none" : row.solute_fraction < 0.05 ? "dilute" : "dense");
}

TEST(TableFormats, StrictParserAcceptsEveryGriddedFileWeWrite) {
  const TableData data = synthetic_table();
  int files = 0;
  for (const auto &grid : data.grids)
    for (const auto &quantity : quantity_names()) {
      const std::string text = moose_gridded_text(data, grid, quantity);
      GriddedFile f;
      ASSERT_NO_THROW(f = parse_moose_gridded(text)) << moose_gridded_file_name(grid, quantity) << "\n" << text;
      ++files;
      ASSERT_EQ(f.axis_names.front(), 'X');
      EXPECT_EQ(f.axes[0], grid.inverse_temperature_per_K);  // exact: 17 digits round trip
      if (grid.log10_solute_fraction.size() >= 2) {
        ASSERT_EQ(f.axes.size(), 2u);
        EXPECT_EQ(f.axis_names[1], 'Y');
        EXPECT_EQ(f.axes[1], grid.log10_solute_fraction);
      } else {
        EXPECT_EQ(f.axes.size(), 1u);
      }
      // First axis (1/T) fastest, against the function the data came from.
      const std::size_t nx = f.axes[0].size();
      for (std::size_t k = 0; k < f.values.size(); ++k) {
        const double T = 1.0 / f.axes[0][k % nx];
        const bool pure = grid.solute_fraction.empty();
        const double x = pure ? 0.0 : grid.solute_fraction[k / nx];
        EXPECT_NEAR(f.values[k], exact_ln_D(T, x, pure, quantity == "tracer" ? 0.0 : -0.1), 1e-12);
      }
    }
  EXPECT_EQ(files, 10);
}

TEST(TableFormats, StrictParserAcceptsEveryBilinearFileWeWrite) {
  const TableData data = synthetic_table();
  int files = 0;
  for (const auto &grid : data.grids) {
    if (!has_bilinear_form(grid)) {
      EXPECT_LT(grid.solute_fraction.size(), 2u);
      continue;
    }
    for (const auto &quantity : quantity_names()) {
      const std::string text = moose_bilinear_text(grid, quantity);
      BilinearFile f;
      ASSERT_NO_THROW(f = parse_moose_bilinear(text)) << text;
      ++files;
      EXPECT_EQ(f.x, grid.inverse_temperature_per_K);
      EXPECT_EQ(f.y, grid.log10_solute_fraction);
      for (std::size_t j = 0; j < f.y.size(); ++j)
        for (std::size_t i = 0; i < f.x.size(); ++i)
          EXPECT_EQ(f.values[j][i], grid.ln_D.at(quantity)[j * f.x.size() + i]);
    }
  }
  EXPECT_EQ(files, 8);
}

// Each mutation breaks one rule of SCIENCE.md section 6; the parser must refuse all of them.
TEST(TableFormats, StrictParserRejectsBrokenGriddedFiles) {
  const TableData data = synthetic_table();
  const std::string good = moose_gridded_text(data, data.grids[2], "tracer");
  ASSERT_NO_THROW(parse_moose_gridded(good));
  auto replace = [&](const std::string &from, const std::string &to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const auto x_line_start = good.find("AXIS X\n") + 7;
  const std::string x_line = good.substr(x_line_start, good.find('\n', x_line_start) - x_line_start);
  const std::string first_x = x_line.substr(0, x_line.find(' '));
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"lower-case axis", replace("AXIS X\n", "axis X\n")},
      {"axis with trailing space", replace("AXIS X\n", "AXIS X \n")},
      {"unknown axis name", replace("AXIS Y\n", "AXIS W\n")},
      {"axis repeated", replace("AXIS Y\n", "AXIS X\n")},
      {"decreasing axis", replace(x_line, x_line.substr(x_line.find(' ') + 1) + " " + first_x)},
      {"repeated axis value", replace(x_line, first_x + " " + x_line)},
      {"missing DATA", replace("DATA\n", "")},
      {"one value too many", good + "1.5\n"},
      {"one value missing", good.substr(0, good.rfind(' ')) + "\n"},
      {"non-number value", replace("DATA\n", "DATA\nabc ")},
      {"blank line", replace("DATA\n", "\nDATA\n")},
      {"comment inside DATA", replace("DATA\n", "DATA\n# note\n")},
      {"five axes", replace("DATA\n", "AXIS Z\n1\nAXIS T\n1\nAXIS T\n2\nDATA\n")},
      {"no final newline", good.substr(0, good.size() - 1)},
  };
  for (const auto &[what, text] : broken) EXPECT_ANY_THROW(parse_moose_gridded(text)) << what << ":\n" << text;
}

TEST(TableFormats, StrictParserRejectsBrokenBilinearFiles) {
  const TableData data = synthetic_table();
  const std::string good = moose_bilinear_text(data.grids[2], "tracer");
  ASSERT_NO_THROW(parse_moose_bilinear(good));
  const std::string first_line = good.substr(0, good.find('\n') + 1);
  const std::string rest = good.substr(first_line.size());
  const std::string second_row = rest.substr(0, rest.find('\n') + 1);
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"header line", "inverse_T,a,b,c,d\n" + good},
      {"corner cell", "0," + good},
      {"comment", "# ln D\n" + good},
      {"blank line", first_line + "\n" + rest},
      {"short row", good + "-1,2\n"},
      {"y not increasing", first_line + rest + second_row},
      {"no rows", first_line},
      {"spaces as separator", std::regex_replace(good, std::regex(","), " ")},
  };
  for (const auto &[what, text] : broken) EXPECT_ANY_THROW(parse_moose_bilinear(text)) << what << ":\n" << text;
}

TEST(TableFormats, LongCsvHasProvenanceUnitsAndOneRowPerCondition) {
  const TableData data = synthetic_table();
  const std::string text = long_csv_text(data);
  for (const char *key : {"# potential_id: synthetic", "# catalog_id: ", "# code_version: ", "# git_sha: ",
                          "# seeds: [7,8]", "lattice 8 x 8 sites"})
    EXPECT_NE(text.find(key), std::string::npos) << key;
  const std::string header = long_csv_header(false);
  ASSERT_NE(text.find("\n" + header + "\n"), std::string::npos);
  // Every column except the labels and counts carries a unit or says it is a log.
  std::stringstream columns(header);
  std::string column;
  while (std::getline(columns, column, ',')) {
    const bool labelled = column == "system" || column == "facet" || column == "complexion" || column == "solute" ||
                          column == "seeds" || column == "solute_fraction" || column == "log10_solute_fraction";
    EXPECT_TRUE(labelled || std::regex_search(column, std::regex("_(K|per_K|m2_per_s)$"))) << column;
  }
  const std::string body = text.substr(text.find(header) + header.size() + 1);
  EXPECT_EQ(static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n')), data.rows.size());
}

TEST(TableFormats, ArrheniusFitRecoversExactParametersAndWeightsByErrors) {
  const std::vector<double> T = {250, 300, 350, 400};
  std::vector<double> D, se;
  for (double t : T) {
    D.push_back(2e-7 * std::exp(-0.25 / (kKb * t)));
    se.push_back(0.0);
  }
  ArrheniusFit fit = fit_arrhenius(T, D, se);
  EXPECT_NEAR(fit.Ea_eV, 0.25, 1e-12);
  EXPECT_NEAR(fit.D0_m2_per_s / 2e-7, 1.0, 1e-10);
  EXPECT_FALSE(fit.weighted);
  EXPECT_NEAR(fit.Ea_stderr_eV, 0.0, 1e-12);
  EXPECT_EQ(fit.T_min_K, 250);
  EXPECT_EQ(fit.T_max_K, 400);
  // Spoil one point but give it a huge error: the weighted fit ignores it.
  D[1] *= 3.0;
  se = {1e-3 * D[0], 1e3 * D[1], 1e-3 * D[2], 1e-3 * D[3]};
  fit = fit_arrhenius(T, D, se);
  EXPECT_TRUE(fit.weighted);
  EXPECT_NEAR(fit.Ea_eV, 0.25, 1e-6);
  // Standard error of the slope of a weighted line: sqrt(S / det) with weights 1/sigma^2.
  double S = 0, Sx = 0, Sxx = 0;
  for (std::size_t i = 0; i < T.size(); ++i) {
    const double w = 1.0 / std::pow(se[i] / D[i], 2);
    S += w;
    Sx += w / T[i];
    Sxx += w / (T[i] * T[i]);
  }
  EXPECT_NEAR(fit.Ea_stderr_eV, kKb * std::sqrt(S / (S * Sxx - Sx * Sx)), 1e-9 * fit.Ea_stderr_eV + 1e-15);
  EXPECT_THROW(fit_arrhenius({300}, {1e-9}, {0}), std::invalid_argument);
  EXPECT_THROW(fit_arrhenius({300, 350}, {1e-9, 0.0}, {0, 0}), std::invalid_argument);
}

TEST(TableFormats, ArrheniusTableHoldsTheFitOfEveryComposition) {
  const TableData data = synthetic_table();
  const std::string text = arrhenius_csv_text(data);
  EXPECT_NE(text.find(arrhenius_csv_header()), std::string::npos);
  // 2 quantities x (1 pure + 2 facets x 5 compositions)
  const std::string body = text.substr(text.find(arrhenius_csv_header()) + arrhenius_csv_header().size() + 1);
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 2 * (1 + 2 * 5));
  for (const auto &grid : data.grids)
    for (std::size_t c = 0; c < grid.composition_count(); ++c) {
      const double u = grid.solute_fraction.empty() ? 0.0 : grid.log10_solute_fraction[c];
      EXPECT_NEAR(grid.arrhenius.at("tracer")[c].Ea_eV, 0.30 + 0.05 * u, 1e-10);
      EXPECT_NEAR(grid.arrhenius.at("collective")[c].ln_D0, -18.0 + 0.7 * u - 0.1, 1e-8);
    }
}

TEST(TableFormats, JsonCarriesGridsFilesAndProvenance) {
  const TableData data = synthetic_table();
  const nlohmann::json j = table_json(data);
  EXPECT_EQ(j.at("format"), "anodekmc-lookup-table");
  EXPECT_EQ(j.at("grids").size(), data.grids.size());
  EXPECT_EQ(j.at("provenance").at("seeds"), (std::vector<int>{7, 8}));
  EXPECT_TRUE(j.at("grids")[0].at("files").at("moose_bilinear").at("tracer").is_null());  // pure host
  EXPECT_EQ(j.at("grids")[2].at("files").at("moose_gridded").at("tracer"), "moose/LiIn_bcc100_dense_tracer_lnD.txt");
}

std::string spec_error(const std::string &text) {
  try {
    synthetic_spec(text);
  } catch (const std::exception &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TableSpecErrors, NameFileLineAndKey) {
  const std::string good = kSyntheticSpec;
  auto with = [&](const std::string &from, const std::string &to) {
    std::string text = good;
    return text.replace(text.find(from), from.size(), to);
  };
  EXPECT_NE(spec_error(with("seeds = 2", "seeds = 2\ncolour = red")).find("synthetic.ini:6: unknown key 'colour'"),
            std::string::npos);
  EXPECT_NE(spec_error(with("250 300 350 400", "300 250 400")).find("synthetic.ini:4: key 'temperatures_K' must list strictly increasing"),
            std::string::npos);
  EXPECT_NE(spec_error(with("0.01 0.03", "0 0.03")).find("solute fractions must lie in (0, 1)"), std::string::npos);
  EXPECT_NE(spec_error(with("seeds = 2", "seeds = 1")).find("key 'seeds' expects an integer >= 2"), std::string::npos);
  EXPECT_NE(spec_error(with("complexion_transitions = 0.05\ncomplexion_names = dilute dense\n",
                            "complexion_labels = a b a b b\n"))
                .find("covers two separate composition ranges"),
            std::string::npos);
  EXPECT_NE(spec_error(with("complexion_transitions = 0.05\ncomplexion_names = dilute dense\n",
                            "complexion_labels = a b\n"))
                .find("one label per solute fraction"),
            std::string::npos);
  EXPECT_NE(spec_error(with("complexion_transitions = 0.05", "complexion_transitions = 0.1")).find("exactly on a transition"),
            std::string::npos);
  EXPECT_NE(spec_error(with("solute = In", "solute = Sn")).find("solute 'Sn' is not a solute species"), std::string::npos);
  EXPECT_NE(spec_error(with("facets = bcc100 bcc110", "facets = bcc100 bcc111")).find("unknown facet 'bcc111'"),
            std::string::npos);
  EXPECT_NE(spec_error(with("[table]", "[tabel]")).find("unknown section [tabel]"), std::string::npos);
  EXPECT_NE(spec_error(with("name = synth", "name = my table")).find("may only contain"), std::string::npos);
}

}  // namespace
}  // namespace anodekmc::table::test

namespace anodekmc::table::test {
namespace {

// The committed example table (inputs/table_Li_LiIn100/table) was written by the same code:
// its MOOSE files must pass the strict parser, and the JSON and CSV forms must agree.
TEST(TableFormats, CommittedExampleFilesPassTheStrictParser) {
  const std::filesystem::path folder = std::filesystem::path(ANODEKMC_SOURCE_DIR) / "inputs/table_Li_LiIn100/table";
  int gridded = 0, bilinear = 0;
  for (const auto &entry : std::filesystem::directory_iterator(folder / "moose")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = entry.path().filename().string();
    if (name.size() > 13 && name.compare(name.size() - 13, 13, "_bilinear.csv") == 0) {
      EXPECT_NO_THROW(parse_moose_bilinear(text.str())) << name;
      ++bilinear;
    } else {
      EXPECT_NO_THROW(parse_moose_gridded(text.str())) << name;
      ++gridded;
    }
  }
  EXPECT_EQ(gridded, 10);  // 5 grids x 2 quantities
  EXPECT_EQ(bilinear, 8);  // the pure Li grid has no composition axis
}

}  // namespace
}  // namespace anodekmc::table::test
