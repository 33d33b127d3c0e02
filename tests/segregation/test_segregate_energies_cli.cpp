// `anodekmc segregate energies` as a process: bad configs (exit 2, one line naming the file and
// the key, nothing written), a tiny run on 2 MPI ranks that agrees with 1 rank, and its
// energies.csv used by `anodekmc segregate map` through [energies] file = ...
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using anodekmc::test::fresh_scratch_folder;
using anodekmc::test::read_file;
using anodekmc::test::run_process;
namespace fs = std::filesystem;

const std::string kExe = ANODEKMC_EXE;
const std::string kMpi = std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + MPIEXEC_EXE +
                         " -np 2 --oversubscribe ";

std::string config_text(const fs::path &out, const std::string &system_extra = "", const std::string &slab_extra = "") {
  return "[system]\ndatabase = " ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb\nhost = Li\ndopant = Zn\nfacet = bcc100\n" +
         system_extra + "[slab]\nsurface_layers = 1\nslab_layers = 5\ncheck_slab_size = no\n" + slab_extra +
         "[output]\nfolder = " + out.string() + "\n";
}

// value_eV by "kind layer" from an energies.csv
std::vector<std::pair<std::string, double>> values(const fs::path &csv) {
  std::vector<std::pair<std::string, double>> out;
  std::istringstream in(read_file(csv));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("kind,", 0) == 0) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    out.emplace_back(f[0] + " " + f[1], std::stod(f[4]));
  }
  return out;
}

TEST(SegregateEnergiesCli, BadConfigsExitTwoNameTheKeyAndWriteNothing) {
  const fs::path dir = fresh_scratch_folder("segregate_energies_cli_bad");
  const fs::path out = dir / "out";
  struct Case {
    std::string name, text, expected;
  };
  const std::string db = "database = " ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb\n";
  const std::vector<Case> cases = {
      {"unknown_key", config_text(out, "", "surface_layer = 3\n"), "unknown key 'surface_layer'"},
      {"unknown_element", "[system]\n" + db + "dopant = Xx\nfacet = bcc100\n", "key 'dopant': expected an element of the database"},
      {"unknown_facet", "[system]\n" + db + "dopant = In\nfacet = fcc111\n", "key 'facet': expected bcc100 or bcc110"},
      {"even_layers", config_text(out, "", "slab_layers = 8\n").replace(config_text(out).find("slab_layers = 5\n"), 16, ""),
       "key 'slab_layers': expected an odd number"},
      {"zero_layers", "[system]\n" + db + "dopant = In\nfacet = bcc100\n[slab]\nsurface_layers = 0\n", "key 'surface_layers'"},
      {"missing_database", "[system]\ndatabase = no_such.eamdb\ndopant = In\nfacet = bcc100\n", "key 'database': expected an existing"},
      {"host_as_dopant", "[system]\n" + db + "dopant = Li\nfacet = bcc100\n", "key 'dopant': expected an element other than the host"},
      {"narrow_slab", config_text(out, "", "nx = 3\n"), "narrower than twice the cutoff"},
  };
  for (const Case &c : cases) {
    const fs::path path = dir / (c.name + ".ini");
    std::ofstream(path) << c.text;
    const auto r = run_process(kExe + " segregate energies " + path.string());
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find(path.string()), std::string::npos) << c.name << ": " << r.output;
    EXPECT_FALSE(fs::exists(out)) << c.name;
  }
  const auto missing = run_process(kExe + " segregate energies " + (dir / "absent.ini").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("absent.ini: cannot open file"), std::string::npos) << missing.output;
}

TEST(SegregateEnergiesCli, TwoRanksAgreeWithOneAndTheMapUsesTheCsv) {
  const fs::path dir = fresh_scratch_folder("segregate_energies_cli_run");
  std::ofstream(dir / "zn.ini") << config_text(dir / "out2");
  const auto r2 = run_process(kMpi + kExe + " segregate energies " + (dir / "zn.ini").string());
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_NE(r2.output.find("2 rank(s)"), std::string::npos) << r2.output;
  for (const char *f : {"energies.csv", "map_energies.ini", "run.json"}) EXPECT_TRUE(fs::exists(dir / "out2" / f)) << f;
  const std::string json = read_file(dir / "out2" / "run.json");
  for (const char *key : {"\"git_sha\"", "\"potential_id\"", "\"lammps_version\"", "\"database_fnv1a64\"", "\"mpi_ranks\": 2"})
    EXPECT_NE(json.find(key), std::string::npos) << key;
  const auto r1 = run_process(kExe + " segregate energies " + (dir / "zn.ini").string() + " --output " + (dir / "out1").string());
  ASSERT_EQ(r1.exit_code, 0) << r1.output;
  const auto v1 = values(dir / "out1" / "energies.csv"), v2 = values(dir / "out2" / "energies.csv");
  ASSERT_EQ(v1.size(), 4u);  // segregation 0, pair_surface, pair_bulk, bulk_check
  ASSERT_EQ(v1.size(), v2.size());
  for (std::size_t i = 0; i < v1.size(); ++i) {
    EXPECT_EQ(v1[i].first, v2[i].first);
    EXPECT_NEAR(v1[i].second, v2[i].second, 1e-7) << v1[i].first;  // same minimiser, summation order differs
  }
  // The map spec reads the CSV (path relative to the spec) and says where the energies came from.
  std::ofstream(dir / "map.ini") << "[slab]\nsolute = Zn\nfacet = bcc100\nlattice_constant_A = 3.49\nnx = 6\nny = 6\nlayers = 6\n"
                                    "[energies]\nfile = out2/energies.csv\nillustrative = no\n"
                                    "[map]\nname = zn\noutput_folder = " + (dir / "map").string() +
                                    "\ntemperatures_K = 300\ndelta_mu_min_eV = -0.5\ndelta_mu_max_eV = -0.1\n"
                                    "delta_mu_points = 3\nequilibration_sweeps = 10\nsampling_sweeps = 20\nbatches = 4\n";
  const auto map = run_process(kExe + " segregate map " + (dir / "map.ini").string());
  ASSERT_EQ(map.exit_code, 0) << map.output;
  const std::string states = read_file(dir / "map" / "states.csv");
  EXPECT_NE(states.find("computed by anodekmc segregate energies"), std::string::npos);
  EXPECT_EQ(states.find("ILLUSTRATIVE"), std::string::npos);
  // A map spec with the wrong solute for that file is refused.
  std::string wrong = read_file(dir / "map.ini");
  wrong.replace(wrong.find("solute = Zn"), 11, "solute = In");
  std::ofstream(dir / "wrong.ini") << wrong;
  const auto bad = run_process(kExe + " segregate map " + (dir / "wrong.ini").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("key 'file'"), std::string::npos) << bad.output;
}

}  // namespace
