// Shipped results name the potential they were computed with. When the database changes in
// blocks a result does not use (a refit of the Li-Al pair does not touch a Li-In catalog), the
// result keeps its id and the older database is kept under potentials/previous/<id>.eamdb.
// This test makes that claim checkable: every id found under inputs/ is the current database's
// or resolves to a kept file whose content hash is that id, and the element and pair blocks of
// the elements the result involves are identical in both databases.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "potential/database_fit.hpp"
#include "potential/eam_database.hpp"

using namespace anodekmc::potential;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ANODEKMC_SOURCE_DIR;

std::string read_text(const fs::path &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The blocks of `db` a calculation on `elements` reads: those elements and the pairs among them.
std::string blocks_for(const EamDatabase &db, const std::set<std::string> &elements) {
  EamDatabase subset;
  subset.cutoff_start_factor = db.cutoff_start_factor;
  subset.cutoff_end_factor = db.cutoff_end_factor;
  for (const auto &e : db.elements)
    if (elements.count(e.symbol)) subset.elements.push_back(e);
  for (const auto &c : db.corrections)
    if (elements.count(c.element_a) && elements.count(c.element_b)) subset.corrections.push_back(c);
  return subset.to_text();
}

/// Element symbols a result file names as host, solute(s), dopant or moving atom, in its config
/// text (INI lines, also inside JSON strings) or as JSON keys.
void collect_elements(const std::string &text, std::set<std::string> &elements) {
  static const std::regex ini(R"((?:^|\\n|\n)\s*(?:host|solutes?|dopant|moving)\s*=\s*([A-Z][a-z]?(?:[ ,]+[A-Z][a-z]?)*))");
  static const std::regex json(R"re("(?:host|dopant|solute|moving)"\s*:\s*"([A-Z][a-z]?)")re");
  static const std::regex symbol("[A-Z][a-z]?");
  for (const std::regex *pattern : {&ini, &json})
    for (auto it = std::sregex_iterator(text.begin(), text.end(), *pattern); it != std::sregex_iterator(); ++it) {
      const std::string list = (*it)[1];
      for (auto s = std::sregex_iterator(list.begin(), list.end(), symbol); s != std::sregex_iterator(); ++s)
        elements.insert(s->str());
    }
}

}  // namespace

TEST(ShippedResults, EveryPotentialIdResolvesAndOlderIdsAgreeOnTheBlocksTheResultUses) {
  const EamDatabase current = EamDatabase::read(kSource + "/potentials/anodekmc_LiM.eamdb");
  const std::regex id_pattern("anodekmc-LiM-[0-9a-f]{8}");
  // Per result folder: the ids its files name and the elements they involve.
  std::map<fs::path, std::set<std::string>> ids, elements;
  for (const auto &entry : fs::recursive_directory_iterator(kSource + "/inputs")) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".json" && ext != ".csv" && ext != ".ini")) continue;
    const std::string text = read_text(entry.path());
    const fs::path folder = entry.path().parent_path();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), id_pattern); it != std::sregex_iterator(); ++it)
      ids[folder].insert(it->str());
    collect_elements(text, elements[folder]);
  }
  ASSERT_FALSE(ids.empty()) << "no shipped result names a potential id";
  std::map<std::string, EamDatabase> previous;
  int checked_against_previous = 0;
  for (const auto &[folder, folder_ids] : ids) {
    for (const std::string &id : folder_ids) {
      if (id == current.potential_id) continue;
      const fs::path kept = fs::path(kSource) / "potentials/previous" / (id + ".eamdb");
      ASSERT_TRUE(fs::exists(kept)) << folder << " was computed with " << id
                                    << ", which is neither the current database nor kept in potentials/previous";
      if (!previous.count(id)) {
        previous[id] = EamDatabase::read(kept.string());
        // The kept file is the database of that id: its parameters hash to it.
        EXPECT_EQ(content_potential_id(previous[id], "anodekmc-LiM"), id) << kept;
        EXPECT_EQ(previous[id].potential_id, id) << kept;
      }
      const std::set<std::string> &used = elements[folder];
      ASSERT_TRUE(used.count("Li")) << folder << ": cannot tell which elements the result involves";
      EXPECT_EQ(blocks_for(previous[id], used), blocks_for(current, used))
          << folder << " (" << id << ") involves blocks that differ in the current database "
          << current.potential_id << ": recompute it";
      ++checked_against_previous;
    }
  }
  std::cout << checked_against_previous << " result folders checked against a kept database\n";
}

TEST(ShippedResults, ElementsAreReadFromConfigLinesAndJsonKeys) {
  std::set<std::string> found;
  collect_elements("[barriers]\nhost = Li\nsolutes = In, Sn\n", found);
  collect_elements(R"({"config": "x\nmoving = Mg\n", "dopant": "Hg"})", found);
  EXPECT_EQ(found, (std::set<std::string>{"Li", "In", "Sn", "Mg", "Hg"}));
}
