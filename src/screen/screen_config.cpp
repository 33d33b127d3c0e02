#include "screen/screen_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/ini_document.hpp"
#include "core/strict_number.hpp"
#include "core/text_words.hpp"
#include "potential/eam_database.hpp"

namespace anodekmc::screen {

const std::vector<std::string> &default_dopants() {
  static const std::vector<std::string> set = {"Mg", "Ag", "Au", "Al", "Zn", "In", "Sn", "Hg", "Bi", "Ga", "Na", "K"};
  return set;
}

std::map<std::string, double> default_weights() {
  // Positive: a high value ranks better; negative: a low value ranks better. See
  // docs/cli_screen.md ("Score") for why each descriptor points the way it does.
  return {{"D_surf_m2_per_s", 1.0},        // fast surface transport smooths the deposit
          {"E_ads_Li_eV", -1.0},           // lithiophilic (more negative) surfaces wet Li
          {"island_density_per_nm2", 0.5}, // dense, uniform nucleation rather than few large nuclei
          {"excess_per_site_bcc100", 0.5}, // a dopant that stays at the surface can act there
          {"E_sol_bulk_eV", -0.5}};        // soluble in Li: no second phase in the bulk
}

std::vector<std::string> ScreenConfig::rows() const {
  std::vector<std::string> out = {host};
  out.insert(out.end(), dopants.begin(), dopants.end());
  return out;
}

void apply_quick_settings(ScreenConfig &c) {
  c.quick = true;
  c.facets = {"bcc100"};
  c.surface_layers = 2;
  c.mean_field_planes = 10;
  // The NEB keeps the full force tolerance: at 0.05 eV/Å the bare Li(100) hop comes out
  // 0.29 eV instead of 0.17 eV (measured), which would make the quick numbers meaningless.
  c.neb_images = 3;
  c.neb_max_force_eV_A = 0.01;
  // Enough environments for a bond-counting fit (rows with lateral bonds at the initial site)
  // with one solute: the bare hops over every substrate pair plus the first one-bond hops.
  c.max_environments = 10;
  c.arrhenius_temperatures_K = {250.0, 350.0};
  c.diffusion_cells = 24;
  c.diffusion_events = 20000;
  c.nucleation_cells = 48;
  c.nucleation_deposited_ml = 0.05;
  c.nucleation_max_events = 5000000;
}

namespace {

bool is_element_symbol(const std::string &symbol) {
  static const std::set<std::string> symbols = {
      "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si", "P",  "S",  "Cl", "Ar", "K",
      "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr",
      "Y",  "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La",
      "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",  "Re", "Os",
      "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U",  "Np", "Pu", "Am",
      "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl",
      "Mc", "Lv", "Ts", "Og"};
  return symbols.count(symbol) > 0;
}

std::vector<double> numbers(const std::string &text, bool &ok) {
  std::vector<double> out;
  ok = true;
  for (const std::string &w : split_words(text)) {
    double v = 0;
    if (!parse_double_exact(w, v)) ok = false;
    out.push_back(v);
  }
  return out;
}

}  // namespace

ScreenConfig read_screen_config(const std::string &path, bool quick, const std::string &dopants_override) {
  const IniDocument doc = IniDocument::read(path);
  ScreenConfig c;
  c.source_path = path;
  {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    c.source_text = buffer.str();
  }
  const std::set<std::string> sections = {"screen", "conditions", "segregation", "barriers", "kmc", "weights", "output"};
  for (const IniSection &s : doc.sections())
    if (!sections.count(s.name) && !(s.name.empty() && s.entries.empty()))
      throw std::runtime_error(doc.where(s.line) + "unknown section [" + s.name +
                               "]; expected [screen], [conditions], [segregation], [barriers], [kmc], [weights] or [output]");
  auto fail = [&](const IniSection &s, const std::string &key, const std::string &expected) {
    const IniEntry *e = s.find(key);
    return std::runtime_error(doc.where(e ? e->line : s.line) + "[" + s.name + "] key '" + key + "': expected " +
                              expected + (e ? ", got '" + e->value + "'" : std::string()));
  };
  auto integer = [&](const IniSection &s, const std::string &key, long long fallback, long long minimum, long long maximum) {
    const IniEntry *e = s.find(key);
    if (!e) return fallback;
    long long v = 0;
    if (!parse_integer_exact(e->value, v) || v < minimum || v > maximum)
      throw fail(s, key, "an integer in [" + std::to_string(minimum) + ", " + std::to_string(maximum) + "]");
    return v;
  };
  auto real = [&](const IniSection &s, const std::string &key, double fallback, double minimum, double maximum,
                  const std::string &what) {
    const IniEntry *e = s.find(key);
    if (!e) return fallback;
    double v = 0;
    if (!parse_double_exact(e->value, v) || !std::isfinite(v) || v < minimum || v > maximum) throw fail(s, key, what);
    return v;
  };

  const IniSection *screen = doc.find_section("screen");
  if (!screen) throw std::runtime_error(path + ": missing section [screen] (database, dopants)");
  doc.reject_unknown_keys(*screen, {"database", "host", "dopants", "quick", "seed"});
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::string database = doc.require_text(*screen, "database");
  c.database_path = std::filesystem::path(database).is_absolute() ? database : (folder / database).lexically_normal().string();
  if (!std::filesystem::is_regular_file(c.database_path))
    throw fail(*screen, "database", "an existing analytic EAM database file (" + c.database_path + " does not exist)");
  potential::EamDatabase db;
  try {
    db = potential::EamDatabase::read(c.database_path);
  } catch (const std::exception &e) {
    throw fail(*screen, "database", std::string("a readable analytic EAM database: ") + e.what());
  }
  c.potential_id = db.potential_id;
  std::string known;
  for (const auto &e : db.elements) known += (known.empty() ? "" : " ") + e.symbol;
  if (screen->find("host")) c.host = doc.require_text(*screen, "host");
  if (!db.find_element(c.host)) throw fail(*screen, "host", "an element of the database (" + known + ")");
  if (db.find_element(c.host)->reference_structure != "bcc")
    throw fail(*screen, "host", "a bcc host (the slabs are bcc(100) and bcc(110))");
  c.host_lattice_constant_A = db.find_element(c.host)->lattice_constant_A;
  c.dopants = default_dopants();
  if (screen->find("dopants")) {
    c.dopants = split_words(doc.require_text(*screen, "dopants"));
    if (c.dopants.empty()) throw fail(*screen, "dopants", "at least one element symbol");
  }
  if (!dopants_override.empty()) c.dopants = split_words(dopants_override);
  auto bad_dopants = [&](const std::string &expected) {
    if (dopants_override.empty()) return fail(*screen, "dopants", expected);
    return std::runtime_error(path + ": --dopants '" + dopants_override + "': expected " + expected);
  };
  std::set<std::string> seen;
  for (const std::string &d : c.dopants) {
    if (!is_element_symbol(d)) throw bad_dopants("chemical element symbols (e.g. Mg Ag In); '" + d + "' is not one");
    if (!db.find_element(d))
      throw bad_dopants("elements of the potential database " + c.database_path + " (" + known + "); '" + d +
                        "' is not in it");
    if (d == c.host) throw bad_dopants("elements other than the host " + c.host + " (the host is the baseline row)");
    if (!seen.insert(d).second) throw bad_dopants("each element once; '" + d + "' is repeated");
  }
  if (const IniEntry *e = screen->find("quick")) {
    if (e->value != "yes" && e->value != "no") throw fail(*screen, "quick", "yes or no");
    quick = quick || e->value == "yes";
  }
  // Quick mode changes the defaults; keys the file gives explicitly still apply on top.
  if (quick) apply_quick_settings(c);
  c.seed = static_cast<std::uint64_t>(integer(*screen, "seed", static_cast<long long>(c.seed), 0, (1LL << 62)));

  if (const IniSection *s = doc.find_section("conditions")) {
    doc.reject_unknown_keys(*s, {"temperature_K", "bulk_fraction", "current_density_mA_per_cm2", "arrhenius_temperatures_K"});
    c.temperature_K = real(*s, "temperature_K", c.temperature_K, 1.0, 3000.0, "a temperature in K between 1 and 3000");
    const IniEntry *x = s->find("bulk_fraction");
    if (x) {
      double v = 0;
      if (!parse_double_exact(x->value, v) || !(v > 0.0 && v < 1.0))
        throw fail(*s, "bulk_fraction", "a site fraction strictly between 0 and 1 (the dopant's bulk concentration)");
      c.bulk_fraction = v;
    }
    c.current_density_mA_per_cm2 = real(*s, "current_density_mA_per_cm2", c.current_density_mA_per_cm2, 1e-6, 1e4,
                                        "a current density in mA/cm2, > 0 (up to 1e4)");
    if (const IniEntry *e = s->find("arrhenius_temperatures_K")) {
      bool ok = false;
      const std::vector<double> t = numbers(e->value, ok);
      bool increasing = t.size() >= 2;
      for (std::size_t k = 1; k < t.size(); ++k) increasing = increasing && t[k] > t[k - 1];
      if (!ok || !increasing || t.front() < 1.0 || t.back() > 3000.0)
        throw fail(*s, "arrhenius_temperatures_K", "at least two strictly increasing temperatures in K between 1 and 3000");
      c.arrhenius_temperatures_K = t;
    }
  }
  if (const IniSection *s = doc.find_section("segregation")) {
    doc.reject_unknown_keys(*s, {"facets", "surface_layers", "mean_field_planes", "label_threshold"});
    if (s->find("facets")) {
      c.facets = split_words(doc.require_text(*s, "facets"));
      for (const std::string &f : c.facets)
        if (f != "bcc100" && f != "bcc110") throw fail(*s, "facets", "bcc100 and/or bcc110");
      if (std::find(c.facets.begin(), c.facets.end(), "bcc100") == c.facets.end())
        throw fail(*s, "facets", "a list that holds bcc100 (the kMC descriptors are computed on bcc(100))");
    }
    c.surface_layers = static_cast<int>(integer(*s, "surface_layers", c.surface_layers, 1, 10));
    c.mean_field_planes = static_cast<int>(integer(*s, "mean_field_planes", c.mean_field_planes, 2, 200));
    c.label_threshold = real(*s, "label_threshold", c.label_threshold, 1e-4, 0.99, "a site fraction in (0, 1)");
  }
  if (const IniSection *s = doc.find_section("barriers")) {
    doc.reject_unknown_keys(*s, {"images", "max_force_eV_A", "max_environments", "max_environments_bcc110"});
    c.neb_images = static_cast<int>(integer(*s, "images", c.neb_images, 1, 31));
    c.neb_max_force_eV_A = real(*s, "max_force_eV_A", c.neb_max_force_eV_A, 1e-4, 0.1, "a force in eV/Å in [1e-4, 0.1]");
    c.max_environments = static_cast<std::size_t>(integer(*s, "max_environments", static_cast<long long>(c.max_environments), 1, 100000));
    c.max_environments_bcc110 = static_cast<std::size_t>(
        integer(*s, "max_environments_bcc110", static_cast<long long>(c.max_environments_bcc110), 1, 100000));
  }
  if (const IniSection *s = doc.find_section("kmc")) {
    doc.reject_unknown_keys(*s, {"diffusion_cells", "diffusion_coverage_ml", "diffusion_events", "nucleation_cells",
                                 "nucleation_deposited_ml", "nucleation_max_events"});
    c.diffusion_cells = static_cast<int>(integer(*s, "diffusion_cells", c.diffusion_cells, 8, 4096));
    c.diffusion_coverage_ml = real(*s, "diffusion_coverage_ml", c.diffusion_coverage_ml, 1e-4, 0.5,
                                   "a coverage in ML (adatoms per site) in [1e-4, 0.5]");
    c.diffusion_events = static_cast<std::uint64_t>(integer(*s, "diffusion_events", static_cast<long long>(c.diffusion_events), 1000, 1000000000000LL));
    c.nucleation_cells = static_cast<int>(integer(*s, "nucleation_cells", c.nucleation_cells, 8, 8192));
    c.nucleation_deposited_ml = real(*s, "nucleation_deposited_ml", c.nucleation_deposited_ml, 1e-3, 1.0,
                                     "a deposited amount in ML in [0.001, 1]");
    c.nucleation_max_events = static_cast<std::uint64_t>(
        integer(*s, "nucleation_max_events", static_cast<long long>(c.nucleation_max_events), 1000, 1000000000000LL));
  }
  c.weights = default_weights();
  if (const IniSection *s = doc.find_section("weights")) {
    c.weights.clear();  // a [weights] section replaces the defaults entirely: what is listed is what counts
    static const std::set<std::string> descriptors = {
        "E_sol_bulk_eV", "E_seg_surface_eV_bcc100", "E_seg_surface_eV_bcc110", "excess_per_site_bcc100",
        "excess_per_site_bcc110", "E_ads_Li_eV", "E_hop_near_M_eV_bcc100", "E_hop_near_M_eV_bcc110",
        "E_exchange_near_M_eV_bcc100", "E_exchange_near_M_eV_bcc110", "E_step_down_near_M_eV_bcc100",
        "E_step_down_near_M_eV_bcc110", "D_surf_m2_per_s", "E_a_D_eV", "island_density_per_nm2"};
    for (const IniEntry &e : s->entries) {
      if (!descriptors.count(e.key)) {
        std::string list;
        for (const auto &d : descriptors) list += " " + d;
        throw std::runtime_error(doc.where(e.line) + "[weights] unknown descriptor '" + e.key + "'; expected one of" + list);
      }
      c.weights[e.key] = real(*s, e.key, 0.0, -1e6, 1e6, "a finite weight (sign: + rewards high values, - low values)");
    }
  }
  if (const IniSection *s = doc.find_section("output")) {
    doc.reject_unknown_keys(*s, {"folder"});
    if (s->find("folder")) c.output_folder = doc.require_text(*s, "folder");
  }
  return c;
}

std::string row_inputs_fingerprint(const ScreenConfig &c) {
  std::ostringstream o;
  o.precision(17);
  // The pipeline's revision: rows computed by an earlier revision (other descriptors) are
  // recomputed, not reused. Raise it when a stage's definition or its set of descriptors changes.
  // (4: the nucleation run's first passage protects adatoms with self-exchange too, so an
  // event-capped run deposits more than before. 5: step descent over an M edge atom on (110).
  // 6: the kMC has the alloying exchange with M and the M adatom's hops. 7: a step descent whose
  // edge site next to M is no minimum starts one row in. 8: the M adatom's catalog holds its
  // environments with lateral neighbours, not only the bare hops.)
  o << "pipeline 8 potential " << c.potential_id << " host " << c.host << " quick " << c.quick << " seed " << c.seed << " T "
    << c.temperature_K << " x_b " << c.bulk_fraction << " j " << c.current_density_mA_per_cm2 << " arrhenius";
  for (double t : c.arrhenius_temperatures_K) o << " " << t;
  o << " facets";
  for (const auto &f : c.facets) o << " " << f;
  o << " layers " << c.surface_layers << " planes " << c.mean_field_planes << " tau " << c.label_threshold << " neb "
    << c.neb_images << " " << c.neb_max_force_eV_A << " " << c.max_environments << " " << c.max_environments_bcc110 << " kmc " << c.diffusion_cells << " "
    << c.diffusion_coverage_ml << " " << c.diffusion_events << " " << c.nucleation_cells << " " << c.nucleation_deposited_ml << " " << c.nucleation_max_events;
  return o.str();
}

}  // namespace anodekmc::screen
