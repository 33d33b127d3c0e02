#include "table/table_spec.hpp"

#include "core/ini_document.hpp"
#include "core/strict_number.hpp"
#include "core/text_words.hpp"
#include "lattice/surface_net.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anodekmc::table {

namespace {

// A key whose value is a list of numbers; each must be finite (the message names the word).
std::vector<double> number_list(const IniDocument &doc, const IniSection &section, const std::string &key) {
  const IniEntry *entry = section.find(key);
  std::vector<double> values;
  for (const auto &word : split_words(doc.require_text(section, key))) {
    double v = 0;
    if (!parse_double_exact(word, v) || !std::isfinite(v))
      throw std::runtime_error(doc.where(entry->line) + "key '" + key + "' expects finite numbers, got '" + word + "'");
    values.push_back(v);
  }
  return values;
}

void require_increasing(const IniDocument &doc, const IniSection &section, const std::string &key,
                        const std::vector<double> &values) {
  for (std::size_t i = 1; i < values.size(); ++i)
    if (!(values[i] > values[i - 1]))
      throw std::runtime_error(doc.where(section.find(key)->line) + "key '" + key +
                               "' must list strictly increasing values (interpolation axes)");
}

long long integer_or(const IniDocument &doc, const IniSection &section, const std::string &key, long long fallback,
                     long long minimum) {
  const IniEntry *entry = section.find(key);
  if (!entry) return fallback;
  long long v = 0;
  if (!parse_integer_exact(entry->value, v) || v < minimum)
    throw std::runtime_error(doc.where(entry->line) + "key '" + key + "' expects an integer >= " +
                             std::to_string(minimum) + ", got '" + entry->value + "'");
  return v;
}

std::string text_or(const IniSection &section, const std::string &key, const std::string &fallback) {
  const IniEntry *entry = section.find(key);
  return entry && !entry->value.empty() ? entry->value : fallback;
}

// A name that becomes part of file names and CSV cells: no separators, no spaces.
void require_plain_name(const IniDocument &doc, int line, const std::string &what, const std::string &name) {
  const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  if (!ok)
    throw std::runtime_error(doc.where(line) + what + " '" + name +
                             "' may only contain letters, digits, '-', '_' and '.' (it names files and CSV cells)");
}

// Complexion labels per composition: either listed one per composition, or derived from
// transition compositions (names has one more entry than transitions).
std::vector<std::string> complexion_labels(const IniDocument &doc, const IniSection &section,
                                           const std::vector<double> &fractions) {
  const IniEntry *labels = section.find("complexion_labels");
  const IniEntry *transitions = section.find("complexion_transitions");
  const IniEntry *names = section.find("complexion_names");
  if (labels && (transitions || names))
    throw std::runtime_error(doc.where(labels->line) +
                             "give either complexion_labels or complexion_transitions with complexion_names, not both");
  if (labels) {
    std::vector<std::string> out = split_words(labels->value);
    if (out.size() != fractions.size())
      throw std::runtime_error(doc.where(labels->line) + "complexion_labels needs one label per solute fraction (" +
                               std::to_string(fractions.size()) + "), got " + std::to_string(out.size()));
    for (const auto &l : out) require_plain_name(doc, labels->line, "complexion label", l);
    // A label must cover one contiguous range of compositions: the gridded files hold one
    // range per complexion and are never interpolated across a transition.
    for (std::size_t i = 0; i < out.size(); ++i)
      for (std::size_t j = i + 2; j < out.size(); ++j)
        if (out[i] == out[j] && out[i + 1] != out[i])
          throw std::runtime_error(doc.where(labels->line) + "complexion label '" + out[i] +
                                   "' covers two separate composition ranges; give each range its own label");
    return out;
  }
  if (transitions || names) {
    if (!transitions || !names)
      throw std::runtime_error(doc.where((transitions ? transitions : names)->line) +
                               "complexion_transitions and complexion_names go together");
    const std::vector<double> at = number_list(doc, section, "complexion_transitions");
    require_increasing(doc, section, "complexion_transitions", at);
    const std::vector<std::string> name_list = split_words(names->value);
    if (name_list.size() != at.size() + 1)
      throw std::runtime_error(doc.where(names->line) + "complexion_names needs one name more than there are transitions (" +
                               std::to_string(at.size() + 1) + "), got " + std::to_string(name_list.size()));
    for (const auto &l : name_list) require_plain_name(doc, names->line, "complexion name", l);
    std::vector<std::string> out;
    for (double x : fractions) {
      std::size_t k = 0;
      while (k < at.size() && x > at[k]) ++k;
      if (k < at.size() && x == at[k])
        throw std::runtime_error(doc.where(transitions->line) + "a solute fraction lies exactly on a transition; "
                                 "its complexion is ambiguous");
      out.push_back(name_list[k]);
    }
    return out;
  }
  return std::vector<std::string>(fractions.size(), "none");
}

SystemSpec read_system(const IniDocument &doc, const IniSection &section, const std::string &base_folder,
                       const KmcConfigLoader &load_kmc_config) {
  doc.reject_unknown_keys(section, {"kmc_config", "facets", "solute", "solute_fractions", "complexion_labels",
                                    "complexion_transitions", "complexion_names"});
  SystemSpec system;
  system.name = section.name.substr(std::string("system ").size());
  require_plain_name(doc, section.line, "system name", system.name);
  const std::string config = doc.require_text(section, "kmc_config");
  const std::filesystem::path config_path = std::filesystem::path(config).is_absolute()
                                                ? std::filesystem::path(config)
                                                : std::filesystem::path(base_folder) / config;
  system.kmc_config_path = config_path.lexically_normal().string();
  try {
    system.base = load_kmc_config(system.kmc_config_path);
  } catch (const std::exception &e) {
    throw std::runtime_error(doc.where(section.find("kmc_config")->line) + "kmc_config: " + e.what());
  }
  system.facets = split_words(doc.require_text(section, "facets"));
  const auto &known = lattice::SurfaceNet::facet_names();
  for (const auto &facet : system.facets)
    if (std::find(known.begin(), known.end(), facet) == known.end())
      throw std::runtime_error(doc.where(section.find("facets")->line) + "unknown facet '" + facet +
                               "' (expected bcc100, fcc100, bcc110, fcc111 or hcp0001)");
  for (std::size_t i = 0; i < system.facets.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (system.facets[i] == system.facets[j])
        throw std::runtime_error(doc.where(section.find("facets")->line) + "facet '" + system.facets[i] + "' listed twice");
  system.solute = text_or(section, "solute", "");
  if (system.solute.empty()) {
    for (const char *key : {"solute_fractions", "complexion_labels", "complexion_transitions", "complexion_names"})
      if (section.find(key))
        throw std::runtime_error(doc.where(section.find(key)->line) + "key '" + key +
                                 "' needs a solute (a system without one is the pure host)");
    return system;
  }
  const auto &species = system.base.species;
  if (std::find(species.begin() + 1, species.end(), system.solute) == species.end())
    throw std::runtime_error(doc.where(section.find("solute")->line) + "solute '" + system.solute +
                             "' is not a solute species of " + system.kmc_config_path + " (model.species)");
  system.solute_fractions = number_list(doc, section, "solute_fractions");
  require_increasing(doc, section, "solute_fractions", system.solute_fractions);
  for (double x : system.solute_fractions)
    if (!(x > 0.0 && x < 1.0))
      throw std::runtime_error(doc.where(section.find("solute_fractions")->line) +
                               "solute fractions must lie in (0, 1): the table axis is log10 x");
  system.complexion_labels = complexion_labels(doc, section, system.solute_fractions);
  return system;
}

}  // namespace

std::vector<std::uint64_t> TableSpec::seed_list() const {
  std::vector<std::uint64_t> out;
  for (int k = 0; k < seeds; ++k) out.push_back(base_seed + static_cast<std::uint64_t>(k));
  return out;
}

TableSpec read_table_spec(const std::string &path, const KmcConfigLoader &load_kmc_config) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the table spec");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string folder = std::filesystem::path(path).parent_path().string();
  return parse_table_spec(text.str(), path, folder.empty() ? "." : folder, load_kmc_config);
}

TableSpec parse_table_spec(const std::string &text, const std::string &source_name, const std::string &base_folder,
                           const KmcConfigLoader &load_kmc_config) {
  const IniDocument doc = IniDocument::parse(text, source_name);
  TableSpec spec;
  spec.source_path = source_name;
  spec.source_text = text;
  for (const auto &section : doc.sections()) {
    const bool known = section.name == "table" || section.name == "measurement" || section.name == "nucleation" ||
                       section.name.rfind("system ", 0) == 0 || (section.name.empty() && section.entries.empty());
    if (!known)
      throw std::runtime_error(doc.where(section.line) + "unknown section [" + section.name +
                               "] (expected [table], [measurement], [nucleation], [system NAME])");
  }
  const IniSection *table = doc.find_section("table");
  if (!table) throw std::runtime_error(doc.where(0) + "missing section [table]");
  doc.reject_unknown_keys(*table, {"name", "output_folder", "temperatures_K", "seeds", "base_seed", "potential_id",
                                   "catalog_id"});
  spec.name = doc.require_text(*table, "name");
  require_plain_name(doc, table->find("name")->line, "table name", spec.name);
  spec.output_folder = text_or(*table, "output_folder", spec.name);
  spec.temperatures_K = number_list(doc, *table, "temperatures_K");
  require_increasing(doc, *table, "temperatures_K", spec.temperatures_K);
  for (double t : spec.temperatures_K)
    if (!(t > 0.0)) throw std::runtime_error(doc.where(table->find("temperatures_K")->line) + "temperatures must be > 0 K");
  if (spec.temperatures_K.size() < 2)
    throw std::runtime_error(doc.where(table->find("temperatures_K")->line) +
                             "at least 2 temperatures are needed (Arrhenius fits and 1/T interpolation)");
  spec.seeds = static_cast<int>(integer_or(doc, *table, "seeds", 4, 2));
  spec.base_seed = static_cast<std::uint64_t>(integer_or(doc, *table, "base_seed", 1, 0));
  spec.potential_id = text_or(*table, "potential_id", "");
  spec.catalog_id = text_or(*table, "catalog_id", "");

  if (const IniSection *m = doc.find_section("measurement")) {
    doc.reject_unknown_keys(*m, {"coverage_ml", "events_per_run", "windows"});
    spec.measurement.coverage_ml = doc.number_or(*m, "coverage_ml", spec.measurement.coverage_ml);
    if (!(spec.measurement.coverage_ml > 0.0 && spec.measurement.coverage_ml < 1.0))
      throw std::runtime_error(doc.where(m->find("coverage_ml")->line) + "coverage_ml must lie in (0, 1) ML");
    spec.measurement.events_per_run =
        static_cast<std::uint64_t>(integer_or(doc, *m, "events_per_run", 200000, 1000));
    spec.measurement.windows = static_cast<int>(integer_or(doc, *m, "windows", 20, 2));
  }
  if (const IniSection *n = doc.find_section("nucleation")) {
    doc.reject_unknown_keys(*n, {"flux_ml_per_s", "deposited_ml"});
    spec.nucleation.enabled = true;
    spec.nucleation.flux_ml_per_s = doc.require_number(*n, "flux_ml_per_s");
    spec.nucleation.deposited_ml = doc.require_number(*n, "deposited_ml");
    if (!(spec.nucleation.flux_ml_per_s > 0.0))
      throw std::runtime_error(doc.where(n->find("flux_ml_per_s")->line) + "flux_ml_per_s must be > 0 ML/s");
    if (!(spec.nucleation.deposited_ml > 0.0 && spec.nucleation.deposited_ml <= 1.0))
      throw std::runtime_error(doc.where(n->find("deposited_ml")->line) + "deposited_ml must lie in (0, 1] ML");
  }
  for (const auto &section : doc.sections())
    if (section.name.rfind("system ", 0) == 0)
      spec.systems.push_back(read_system(doc, section, base_folder, load_kmc_config));
  if (spec.systems.empty()) throw std::runtime_error(doc.where(0) + "no [system NAME] section");
  if (spec.catalog_id.empty()) {
    // Default: the catalogs the systems' configurations name (or the bond-counting model).
    for (const auto &s : spec.systems)
      spec.catalog_id += (spec.catalog_id.empty() ? "" : "; ") + s.name + ": " +
                         (s.base.catalog_path.empty() ? std::string("none (bond-counting model)") : s.base.catalog_path);
  }
  if (spec.potential_id.empty()) spec.potential_id = "not stated";
  return spec;
}

}  // namespace anodekmc::table
