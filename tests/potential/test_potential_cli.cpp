// `anodekmc potential fit | export` as processes: a small fit writes a database that reads
// back; export writes a setfl file; bad input gives one clear error, exit status 2 and no file.
#include "../driver/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using anodekmc::test::run_process;

namespace {

const std::string kExe = ANODEKMC_EXE;
const std::string kSource = ANODEKMC_SOURCE_DIR;


}  // namespace

TEST(PotentialCli, HelpListsTheActions) {
  const auto r = run_process(kExe + " potential --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("export"), std::string::npos);
  EXPECT_EQ(run_process(kExe + " potential").exit_code, 2);
  EXPECT_EQ(run_process(kExe + " potential frobnicate").exit_code, 2);
}

TEST(PotentialCli, FitWritesADatabaseThatExportReads) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("potential_cli");
  fs::create_directories(dir / "targets");
  // One element (Al, starting from Zhou's parameters) with its shipped targets.
  fs::copy_file(kSource + "/potentials/targets/Al.ini", dir / "targets/Al.ini");
  const std::string db = (dir / "Al.eamdb").string();
  auto r = run_process(kExe + " potential fit --quiet --targets " + (dir / "targets").string() + " --start " + kSource +
                       "/potentials/start/zhou2004.eamdb --templates " + kSource +
                       "/potentials/start/zhou2004.eamdb --max-iterations 30 -o " + db);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Al cohesive energy"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("potential id anodekmc-LiM-"), std::string::npos) << r.output;
  ASSERT_TRUE(fs::exists(db));
  const std::string setfl = (dir / "Al.eam.alloy").string();
  r = run_process(kExe + " potential export --database " + db + " --elements Al --nr 500 --nrho 500 -o " + setfl);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(setfl));
  // The same fit again gives the same file (deterministic), byte for byte.
  const std::string again = (dir / "Al2.eamdb").string();
  r = run_process(kExe + " potential fit --quiet --targets " + (dir / "targets").string() + " --start " + kSource +
                  "/potentials/start/zhou2004.eamdb --templates " + kSource +
                  "/potentials/start/zhou2004.eamdb --max-iterations 30 -o " + again);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(anodekmc::test::read_file(db), anodekmc::test::read_file(again));
}

TEST(PotentialCli, BadInputGivesOneErrorAndNoOutput) {
  const fs::path dir = anodekmc::test::fresh_scratch_folder("potential_cli");
  const std::string out = (dir / "x.eam.alloy").string();
  const std::string start = kSource + "/potentials/start/zhou2004.eamdb";
  struct Case {
    std::string args, expected;
  } cases[] = {
      {"export --database " + start + " --elements Al,Xx -o " + out, "Xx"},
      {"export --database /no/such.eamdb --elements Al -o " + out, "/no/such.eamdb"},
      {"export --database " + start + " -o " + out, "--elements"},
      {"export --database " + start + " --elements Al --nr 5 -o " + out, "--nr"},
      {"fit --targets /no/such/folder -o " + (dir / "y.eamdb").string(), "/no/such/folder"},
      {"fit --max-iterations 0 -o " + (dir / "y.eamdb").string(), "--max-iterations"},
      {"fit --targets " + kSource + "/potentials/targets --start " + kSource +
           "/potentials/anodekmc_LiM.eamdb --templates " + start + " --pairs Li-Xx -o " + (dir / "y.eamdb").string(),
       "no fit targets for pair 'Li-Xx'"},
      {"fit --pairs Li-Al --elements Li -o " + (dir / "y.eamdb").string(), "--pairs excludes"},
  };
  for (const auto &c : cases) {
    const auto r = run_process(kExe + " potential " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << c.args << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir / "y.eamdb"));
}
