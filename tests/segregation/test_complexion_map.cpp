// A complexion sweep at one temperature on a small slab with a strong surface attraction (a
// first-order monolayer transition): the up and down branches differ (hysteresis), the gamma
// branches cross inside the loop, labels go from clean to monolayer; labels follow the
// thresholds; the kMC engine's reader accepts the hand-off map; spec errors name file, line
// and key.
#include "segregation/complexion_label.hpp"
#include "segregation/segregation_spec.hpp"
#include "segregation/substrate_handoff.hpp"
#include "segregation/temperature_sweep.hpp"

#include "core/atomic_file.hpp"
#include "kmc/substrate_map.hpp"
#include "lattice/surface_net.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

using namespace anodekmc::segregation;
namespace fs = std::filesystem;

fs::path scratch(const std::string &name) {
  const fs::path dir = fs::temp_directory_path() / ("anodekmc_segregation_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const char *const kSpec =
    "[slab]\nhost = Li\nsolute = In\nfacet = bcc110\nlattice_constant_A = 3.51\nnx = 8\nny = 8\nlayers = 8\n"
    "[energies]\nsegregation_eV = -0.35 -0.02\npair_surface_eV = -0.12\npair_bulk_eV = -0.005\nillustrative = yes\n"
    "[map]\nname = test\ntemperatures_K = 300\ndelta_mu_min_eV = -0.9\ndelta_mu_max_eV = -0.3\ndelta_mu_points = 25\n"
    "equilibration_sweeps = 100\nsampling_sweeps = 100\nbatches = 5\nseed = 3\nmean_field_planes = 8\n"
    "[handoff]\ntemperature_K = 300\ndelta_mu_eV = -0.5\n";

TEST(ComplexionMap, FirstOrderMonolayerTransitionShowsHysteresisAndGammaCrossing) {
  const fs::path dir = scratch("map");
  std::ofstream(dir / "spec.ini") << kSpec;
  const SegregationSpec spec = read_segregation_spec((dir / "spec.ini").string());
  const TemperatureResult r = run_temperature(spec, 0);
  int mc_transitions = 0, mf_transitions = 0;
  for (const auto &t : r.transitions) {
    (t.method == "mc" ? mc_transitions : mf_transitions)++;
    EXPECT_GT(t.crossing.excess_jump, 0.3) << t.method;  // the surface plane fills (Gamma jumps up)
    EXPECT_GT(t.crossing.hysteresis_eV, 0.0) << t.method;
    EXPECT_EQ(t.label_below, "clean") << t.method;
    EXPECT_EQ(t.label_above, "monolayer") << t.method;
    EXPECT_GT(t.crossing.delta_mu_eV, spec.delta_mu_min_eV);
    EXPECT_LT(t.crossing.delta_mu_eV, spec.delta_mu_max_eV);
  }
  EXPECT_EQ(mc_transitions, 1);
  EXPECT_EQ(mf_transitions, 1);
  // Ends of the sweep: clean at the lowest dmu, monolayer at the highest, on both branches.
  const auto &first = r.states.front();
  EXPECT_EQ(first.label, "clean");
  ASSERT_EQ(r.handoff_surface.size(), 64u);
  // Mean field equilibrium: gamma is the exact grand potential difference, non-increasing in dmu
  // (Gamma >= 0 here).
  double previous = 1e300;
  for (const auto &s : r.states)
    if (s.method == "mf" && s.direction == "equilibrium") {
      EXPECT_LE(s.delta_gamma_eV_per_site, previous + 1e-12);
      previous = s.delta_gamma_eV_per_site;
    }
}

TEST(ComplexionMap, LabelsFollowTheThreshold) {
  LabelRule rule;  // tau = 0.1, wetting at 5 planes
  EXPECT_EQ(complexion_label({0.05, 0.0, 0.0}, 0.0, rule), "clean");
  EXPECT_EQ(complexion_label({0.5, 0.05, 0.0}, 0.0, rule), "monolayer");
  EXPECT_EQ(complexion_label({0.9, 0.5, 0.12, 0.0}, 0.02, rule), "bilayer");
  EXPECT_EQ(complexion_label({0.9, 0.5, 0.3, 0.0}, 0.02, rule), "trilayer");
  EXPECT_EQ(complexion_label({0.9, 0.9, 0.9, 0.9, 0.0, 0.0}, 0.0, rule), "nanolayer");
  EXPECT_EQ(complexion_label({0.9, 0.9, 0.9, 0.9, 0.9, 0.9}, 0.0, rule), "wetting");
  rule.threshold = 0.6;
  EXPECT_EQ(complexion_label({0.9, 0.5, 0.0}, 0.0, rule), "monolayer");
}

TEST(ComplexionMap, HandOffMapIsAcceptedByTheKmcReader) {
  const fs::path dir = scratch("handoff");
  const int nx = 8, ny = 6;
  std::vector<std::uint8_t> surface(nx * ny, 0);
  for (std::size_t k = 0; k < surface.size(); k += 3) surface[k] = 1;
  anodekmc::write_file_atomic((dir / "substrate.map").string(),
                              substrate_map_text(nx, ny, surface, "Li", "In", "test map\nsecond line"));
  anodekmc::kmc::SubstrateSpec spec;
  spec.mode = "file";
  spec.file = (dir / "substrate.map").string();
  const auto net = anodekmc::lattice::SurfaceNet::for_facet("bcc110", 3.51, nx, ny);
  anodekmc::kmc::Rng rng(1);
  const auto map = anodekmc::kmc::build_substrate(spec, net, {"Li", "In"}, rng);
  ASSERT_EQ(map.size(), surface.size());
  for (std::size_t k = 0; k < map.size(); ++k) EXPECT_EQ(map[k], surface[k]) << "site " << k;
}

void expect_spec_error(const std::string &text, const std::string &needle) {
  const fs::path dir = scratch("spec_error");
  std::ofstream(dir / "bad.ini") << text;
  try {
    read_segregation_spec((dir / "bad.ini").string());
    FAIL() << "accepted: " << needle;
  } catch (const std::runtime_error &e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("bad.ini:"), std::string::npos) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << message;
  }
}

TEST(ComplexionMap, BadSpecNamesFileLineAndKey) {
  std::string s = kSpec;
  auto replace = [&](const std::string &from, const std::string &to) {
    std::string t = s;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  expect_spec_error(replace("facet = bcc110", "facet = bcc111"), ":4: key 'facet'");
  expect_spec_error(replace("nx = 8", "nx = 2"), ":6: key 'nx'");
  expect_spec_error(replace("segregation_eV = -0.35 -0.02", "segregation_eV = -0.35 x"), "key 'segregation_eV'");
  expect_spec_error(replace("segregation_eV = -0.35 -0.02", "segregation_eV = -0.3 -0.2 -0.1 0 0.1"), "key 'segregation_eV'");
  expect_spec_error(replace("delta_mu_max_eV = -0.3", "delta_mu_max_eV = -0.95"), "key 'delta_mu_max_eV'");
  expect_spec_error(replace("batches = 5", "batchs = 5"), "unknown key 'batchs'");
  expect_spec_error(replace("temperature_K = 300\ndelta", "temperature_K = 301\ndelta"), "key 'temperature_K'");
}

}  // namespace
