#include "barriers/segregation_energy_config.hpp"

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "core/ini_document.hpp"
#include "core/strict_number.hpp"
#include "potential/eam_database.hpp"

namespace anodekmc::barriers {

SegregationEnergyConfig read_segregation_energy_config(const std::string &path) {
  const IniDocument doc = IniDocument::read(path);  // "path: cannot open file" if missing
  SegregationEnergyConfig c;
  c.source_path = path;
  for (const IniSection &s : doc.sections())
    if (s.name != "system" && s.name != "slab" && s.name != "relax" && s.name != "output" &&
        !(s.name.empty() && s.entries.empty()))
      throw std::runtime_error(doc.where(s.line) + "unknown section [" + s.name +
                               "]; expected [system], [slab], [relax] or [output]");
  auto fail = [&](const IniSection &s, const std::string &key, const std::string &expected) {
    const IniEntry *e = s.find(key);
    return std::runtime_error(doc.where(e ? e->line : s.line) + "[" + s.name + "] key '" + key + "': expected " +
                              expected + (e ? ", got '" + e->value + "'" : std::string()));
  };
  auto integer = [&](const IniSection &s, const std::string &key, int fallback, int minimum, int maximum) {
    const IniEntry *e = s.find(key);
    if (!e) return fallback;
    long long v = 0;
    if (!parse_integer_exact(e->value, v) || v < minimum || v > maximum)
      throw fail(s, key, "an integer in [" + std::to_string(minimum) + ", " + std::to_string(maximum) + "]");
    return static_cast<int>(v);
  };
  auto flag = [&](const IniSection &s, const std::string &key, bool fallback) {
    const IniEntry *e = s.find(key);
    if (!e) return fallback;
    if (e->value != "yes" && e->value != "no") throw fail(s, key, "yes or no");
    return e->value == "yes";
  };

  const IniSection *sys = doc.find_section("system");
  if (!sys) throw std::runtime_error(path + ": missing section [system] (database, host, dopant, facet)");
  doc.reject_unknown_keys(*sys, {"database", "host", "dopant", "facet", "lattice_constant_A"});
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::string database = doc.require_text(*sys, "database");
  c.database_path = std::filesystem::path(database).is_absolute() ? database : (folder / database).lexically_normal().string();
  if (!std::filesystem::is_regular_file(c.database_path))
    throw fail(*sys, "database", "an existing analytic EAM database file (" + c.database_path + " does not exist)");
  potential::EamDatabase db;
  try {
    db = potential::EamDatabase::read(c.database_path);
  } catch (const std::exception &e) {
    throw fail(*sys, "database", std::string("a readable analytic EAM database: ") + e.what());
  }
  std::string known;
  for (const auto &e : db.elements) known += (known.empty() ? "" : " ") + e.symbol;
  if (sys->find("host")) c.host = doc.require_text(*sys, "host");
  c.dopant = doc.require_text(*sys, "dopant");
  for (const char *key : {"host", "dopant"}) {
    const std::string &symbol = std::string(key) == "host" ? c.host : c.dopant;
    if (!db.find_element(symbol))
      throw fail(*sys, key, "an element of the database " + c.database_path + " (" + known + ")");
  }
  if (c.dopant == c.host) throw fail(*sys, "dopant", "an element other than the host " + c.host);
  c.facet = doc.require_text(*sys, "facet");
  if (c.facet != "bcc100" && c.facet != "bcc110") throw fail(*sys, "facet", "bcc100 or bcc110");
  if (db.find_element(c.host)->reference_structure != "bcc")
    throw fail(*sys, "host", "a bcc host for facet " + c.facet + " (the database's " + c.host + " is " +
                                 db.find_element(c.host)->reference_structure + ")");
  c.lattice_constant_A = doc.number_or(*sys, "lattice_constant_A", db.find_element(c.host)->lattice_constant_A);
  if (!(c.lattice_constant_A > 1.0 && c.lattice_constant_A < 20.0))
    throw fail(*sys, "lattice_constant_A", "a lattice constant in Å between 1 and 20");

  if (const IniSection *s = doc.find_section("slab")) {
    doc.reject_unknown_keys(*s, {"surface_layers", "slab_layers", "nx", "ny", "vacuum_A", "check_slab_size"});
    c.surface_layers = integer(*s, "surface_layers", 4, 1, 50);
    c.slab_layers = integer(*s, "slab_layers", 2 * c.surface_layers + 5, 5, 201);
    if (c.slab_layers % 2 == 0 || c.slab_layers < 2 * c.surface_layers + 3)
      throw fail(*s, "slab_layers", "an odd number >= 2 * surface_layers + 3 = " + std::to_string(2 * c.surface_layers + 3) +
                                        " (a central bulk layer, and its neighbour below still deeper than surface_layers)");
    c.nx = integer(*s, "nx", 0, 0, 100);
    c.ny = integer(*s, "ny", 0, 0, 100);
    if ((c.nx != 0 && c.nx < 3) || (c.ny != 0 && c.ny < 3)) throw fail(*s, c.nx != 0 && c.nx < 3 ? "nx" : "ny", "0 (automatic) or at least 3");
    c.vacuum_A = doc.number_or(*s, "vacuum_A", 16.0);
    if (!(c.vacuum_A >= 8.0 && c.vacuum_A <= 200.0)) throw fail(*s, "vacuum_A", "a length in Å between 8 and 200");
    c.check_slab_size = flag(*s, "check_slab_size", true);
  } else {
    c.slab_layers = 2 * c.surface_layers + 5;
  }
  if (const IniSection *s = doc.find_section("relax")) {
    doc.reject_unknown_keys(*s, {"force_tolerance_eV_A", "max_iterations"});
    c.relax.force_tolerance_eV_A = doc.number_or(*s, "force_tolerance_eV_A", 1e-5);
    if (!(c.relax.force_tolerance_eV_A > 0 && c.relax.force_tolerance_eV_A <= 0.01))
      throw fail(*s, "force_tolerance_eV_A", "a force in eV/Å, > 0 and <= 0.01");
    c.relax.max_iterations = integer(*s, "max_iterations", 20000, 10, 10000000);
  }
  if (const IniSection *s = doc.find_section("output")) {
    doc.reject_unknown_keys(*s, {"folder"});
    if (s->find("folder")) c.output_folder = doc.require_text(*s, "folder");
  }
  return c;
}

}  // namespace anodekmc::barriers
