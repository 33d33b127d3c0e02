// The segregation energies CSV (what `anodekmc segregate energies` writes) and its use by the
// map spec ([energies] file = ...): round trip of every number, the map-spec fragment as a
// working [energies] block, and the errors (conflicting keys, wrong dopant, broken rows).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "segregation/segregation_energies_table.hpp"
#include "segregation/segregation_spec.hpp"

namespace {

using namespace anodekmc::segregation;
namespace fs = std::filesystem;

fs::path scratch(const std::string &name) {
  const fs::path dir = fs::temp_directory_path() / ("anodekmc_energies_table_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

SegregationEnergiesTable sample_table() {
  SegregationEnergiesTable t;
  t.metadata = {{"host", "Li"}, {"dopant", "In"}, {"facet", "bcc110"}, {"potential_id", "test-id"}, {"git_sha", "abc"}};
  t.provenance = {"made by the test"};
  t.rows = {{"segregation", 0, -1, 0.0, -0.1234567891, -800.5, -800.3765432109, 520, 5, 4, 13, true},
            {"segregation", 1, -1, 0.0, 0.0312, -800.4, -800.3765432109, 520, 5, 4, 13, true},
            {"segregation", 2, -1, 0.0, -0.0021, -800.38, -800.3765432109, 520, 5, 4, 13, false},
            {"pair_surface", 0, 0, 3.02, -0.0456, -800.9, -800.85, 520, 5, 4, 13, true},
            {"pair_bulk", 6, 7, 3.02, 0.0123, -800.7, -800.71, 520, 5, 4, 13, true},
            {"bulk_check", 7, -1, 0.0, 0.0004, -800.376, -800.3765432109, 520, 5, 4, 13, true}};
  return t;
}

std::string slab_and_map(const std::string &solute = "In") {
  return "[slab]\nsolute = " + solute +
         "\nfacet = bcc110\nlattice_constant_A = 3.49\nnx = 6\nny = 6\nlayers = 10\n"
         "[map]\nname = t\ntemperatures_K = 300\ndelta_mu_min_eV = -0.5\ndelta_mu_max_eV = 0\ndelta_mu_points = 3\n";
}

TEST(EnergiesTable, CsvRoundTripKeepsEveryField) {
  const fs::path dir = scratch("roundtrip");
  const SegregationEnergiesTable t = sample_table();
  std::ofstream(dir / "e.csv") << energies_csv_text(t);
  const SegregationEnergiesTable back = read_energies_csv((dir / "e.csv").string());
  EXPECT_EQ(back.metadata, t.metadata);
  EXPECT_EQ(back.provenance, t.provenance);
  ASSERT_EQ(back.rows.size(), t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto &a = t.rows[i], &b = back.rows[i];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.layer, b.layer);
    EXPECT_EQ(a.partner_layer, b.partner_layer);
    EXPECT_NEAR(a.value_eV, b.value_eV, 1e-10);  // written with 10 decimals
    EXPECT_NEAR(a.energy_eV, b.energy_eV, 1e-10);
    EXPECT_NEAR(a.reference_eV, b.reference_eV, 1e-10);
    EXPECT_NEAR(a.pair_distance_A, b.pair_distance_A, 1e-10);
    EXPECT_EQ(a.atoms, b.atoms);
    EXPECT_EQ(a.nx, b.nx);
    EXPECT_EQ(a.ny, b.ny);
    EXPECT_EQ(a.slab_layers, b.slab_layers);
    EXPECT_EQ(a.converged, b.converged);
  }
  const LayerEnergies e = back.layer_energies("e.csv");
  ASSERT_EQ(e.segregation_eV.size(), 3u);
  EXPECT_DOUBLE_EQ(e.segregation_eV[0], -0.1234567891);
  EXPECT_DOUBLE_EQ(e.pair_surface_eV, -0.0456);
  EXPECT_DOUBLE_EQ(e.pair_bulk_eV, 0.0123);
}

TEST(EnergiesTable, MapSpecReadsTheFileRelativeToTheSpecAndTheFragmentWorks) {
  const fs::path dir = scratch("spec");
  fs::create_directories(dir / "energies");
  const SegregationEnergiesTable t = sample_table();
  std::ofstream(dir / "energies" / "energies.csv") << energies_csv_text(t);
  fs::create_directories(dir / "maps");
  std::ofstream(dir / "maps" / "spec.ini") << slab_and_map() << "[energies]\nfile = ../energies/energies.csv\nillustrative = no\n";
  const SegregationSpec spec = read_segregation_spec((dir / "maps" / "spec.ini").string());
  EXPECT_FALSE(spec.illustrative);
  ASSERT_EQ(spec.energies.segregation_eV.size(), 3u);
  EXPECT_DOUBLE_EQ(spec.energies.segregation_eV[1], 0.0312);
  EXPECT_DOUBLE_EQ(spec.energies.pair_surface_eV, -0.0456);
  EXPECT_DOUBLE_EQ(spec.energies.pair_bulk_eV, 0.0123);
  EXPECT_NE(spec.energies_source.find("energies.csv"), std::string::npos) << spec.energies_source;
  EXPECT_NE(spec.energies_source.find("test-id"), std::string::npos) << spec.energies_source;
  EXPECT_EQ(fs::path(spec.energies_file), (dir / "energies" / "energies.csv").lexically_normal());

  // The fragment, pasted under [slab] and [map] next to the CSV, gives the same energies.
  std::ofstream(dir / "energies" / "spec.ini") << slab_and_map() << energies_fragment_text(t, "energies.csv");
  const SegregationSpec from_fragment = read_segregation_spec((dir / "energies" / "spec.ini").string());
  EXPECT_EQ(from_fragment.energies.segregation_eV, spec.energies.segregation_eV);
  EXPECT_FALSE(from_fragment.illustrative);
}

void expect_spec_error(const std::string &energies_block, const std::string &expected, const std::string &solute = "In") {
  const fs::path dir = scratch("bad");
  std::ofstream(dir / "energies.csv") << energies_csv_text(sample_table());
  std::ofstream(dir / "spec.ini") << slab_and_map(solute) << energies_block;
  try {
    read_segregation_spec((dir / "spec.ini").string());
    ADD_FAILURE() << "no error for: " << energies_block;
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("spec.ini:"), std::string::npos) << e.what();
  }
}

TEST(EnergiesTable, SpecErrorsNameTheKey) {
  expect_spec_error("[energies]\nfile = energies.csv\nsegregation_eV = -0.1\n", "key 'segregation_eV' cannot be given together with 'file'");
  expect_spec_error("[energies]\nfile = energies.csv\nillustrative = yes\n", "key 'illustrative' must be no");
  expect_spec_error("[energies]\nfile = missing.csv\n", "missing.csv: cannot open");
  expect_spec_error("[energies]\nfile = energies.csv\n", "dopant 'In', but [slab] asks for 'Sn'", "Sn");
  expect_spec_error("[energies]\nfile = energies.csv\nunknown = 1\n", "unknown key 'unknown'");
}

TEST(EnergiesTable, BrokenCsvNamesTheLine) {
  const fs::path dir = scratch("broken");
  std::string text = energies_csv_text(sample_table());
  std::ofstream(dir / "kind.csv") << text << "pair_weird,0,-1,0,0.1,0,0,1,1,1,5,yes\n";
  EXPECT_THROW(
      {
        try {
          read_energies_csv((dir / "kind.csv").string());
        } catch (const std::runtime_error &e) {
          EXPECT_NE(std::string(e.what()).find("unknown kind 'pair_weird'"), std::string::npos) << e.what();
          throw;
        }
      },
      std::runtime_error);
  std::ofstream(dir / "number.csv") << text << "segregation,3,-1,0,zero,0,0,1,1,1,5,yes\n";
  EXPECT_THROW(read_energies_csv((dir / "number.csv").string()), std::runtime_error);
  std::ofstream(dir / "gap.csv") << text << "segregation,5,-1,0,0.1,0,0,1,1,1,5,yes\n";
  EXPECT_THROW(read_energies_csv((dir / "gap.csv").string()).layer_energies("gap.csv"), std::runtime_error);
  std::ofstream(dir / "empty.csv") << "";
  EXPECT_THROW(read_energies_csv((dir / "empty.csv").string()), std::runtime_error);
}

}  // namespace
