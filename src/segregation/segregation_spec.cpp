#include "segregation/segregation_spec.hpp"

#include "core/ini_document.hpp"
#include "core/strict_number.hpp"
#include "segregation/segregation_energies_table.hpp"
#include "segregation/slab_lattice.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace anodekmc::segregation {

namespace {

class SpecReader {
 public:
  explicit SpecReader(const IniDocument &doc) : doc_(doc) {}

  const IniSection &section(const std::string &name, const std::vector<std::string> &allowed) const {
    const IniSection *s = doc_.find_section(name);
    if (!s) throw std::runtime_error(doc_.source() + ": missing section [" + name + "]");
    doc_.reject_unknown_keys(*s, allowed);
    return *s;
  }
  std::string text(const IniSection &s, const std::string &key, const std::string *fallback = nullptr) const {
    if (!s.find(key) && fallback) return *fallback;
    return doc_.require_text(s, key);
  }
  double number(const IniSection &s, const std::string &key, double lo, double hi, const double *fallback = nullptr) const {
    const IniEntry *e = s.find(key);
    if (!e && fallback) return *fallback;
    const double v = doc_.require_number(s, key);
    if (!(v >= lo && v <= hi)) fail(e, key, "expects a number in [" + num(lo) + ", " + num(hi) + "], got '" + e->value + "'");
    return v;
  }
  long long integer(const IniSection &s, const std::string &key, long long lo, long long hi,
                    const long long *fallback = nullptr) const {
    const IniEntry *e = s.find(key);
    if (!e && fallback) return *fallback;
    const std::string t = doc_.require_text(s, key);
    long long v = 0;
    if (!parse_integer_exact(t, v) || v < lo || v > hi)
      fail(e, key, "expects an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + t + "'");
    return v;
  }
  std::vector<double> numbers(const IniSection &s, const std::string &key) const {
    const std::string t = doc_.require_text(s, key);
    std::istringstream in(t);
    std::vector<double> out;
    std::string w;
    while (in >> w) {
      double v = 0;
      if (!parse_double_exact(w, v) || !std::isfinite(v)) fail(s.find(key), key, "expects finite numbers, got '" + w + "'");
      out.push_back(v);
    }
    return out;
  }
  bool flag(const IniSection &s, const std::string &key, bool fallback) const {
    const IniEntry *e = s.find(key);
    if (!e) return fallback;
    if (e->value == "yes" || e->value == "true") return true;
    if (e->value == "no" || e->value == "false") return false;
    fail(e, key, "expects yes or no, got '" + e->value + "'");
    return false;
  }
  [[noreturn]] void fail(const IniEntry *e, const std::string &key, const std::string &what) const {
    throw std::runtime_error(doc_.where(e ? e->line : 0) + "key '" + key + "' " + what);
  }

 private:
  static std::string num(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }
  const IniDocument &doc_;
};

}  // namespace

std::vector<double> SegregationSpec::delta_mu_grid_eV() const {
  std::vector<double> grid;
  for (int k = 0; k < delta_mu_points; ++k)
    grid.push_back(delta_mu_points == 1 ? delta_mu_min_eV
                                        : delta_mu_min_eV + (delta_mu_max_eV - delta_mu_min_eV) * k / (delta_mu_points - 1));
  return grid;
}

SegregationSpec read_segregation_spec(const std::string &path) {
  const IniDocument doc = IniDocument::read(path);
  const SpecReader r(doc);
  SegregationSpec spec;
  spec.source_path = path;
  {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    spec.source_text = text.str();
  }
  for (const auto &s : doc.sections())
    if (s.name != "map" && s.name != "slab" && s.name != "energies" && s.name != "handoff" &&
        !(s.name.empty() && s.entries.empty()))
      throw std::runtime_error(doc.where(s.line) + "unknown section [" + s.name +
                               "]; expected [map], [slab], [energies], [handoff]");

  const IniSection &slab = r.section("slab", {"host", "solute", "facet", "lattice_constant_A", "nx", "ny", "layers"});
  const std::string li = "Li";
  spec.host = r.text(slab, "host", &li);
  spec.solute = r.text(slab, "solute");
  if (spec.solute == spec.host) r.fail(slab.find("solute"), "solute", "must differ from the host '" + spec.host + "'");
  spec.facet = r.text(slab, "facet");
  const auto &facets = SlabLattice::facet_names();
  if (std::find(facets.begin(), facets.end(), spec.facet) == facets.end())
    r.fail(slab.find("facet"), "facet", "expects bcc100, bcc110, fcc111 or sc100, got '" + spec.facet + "'");
  spec.lattice_constant_A = r.number(slab, "lattice_constant_A", 1e-3, 100);
  spec.nx = static_cast<int>(r.integer(slab, "nx", 4, 4096));
  spec.ny = static_cast<int>(r.integer(slab, "ny", 4, 4096));
  spec.layers = static_cast<int>(r.integer(slab, "layers", 1, 1000));

  const IniSection &en =
      r.section("energies", {"file", "segregation_eV", "pair_surface_eV", "pair_bulk_eV", "illustrative", "source"});
  const double zero = 0.0;
  if (const IniEntry *file = en.find("file")) {
    // Energies computed by `anodekmc segregate energies`: the CSV replaces the inline numbers.
    for (const char *inline_key : {"segregation_eV", "pair_surface_eV", "pair_bulk_eV"})
      if (en.find(inline_key))
        r.fail(en.find(inline_key), inline_key, "cannot be given together with 'file' (the file holds the energies)");
    if (r.flag(en, "illustrative", false))
      r.fail(en.find("illustrative"), "illustrative", "must be no with 'file' (computed energies are not illustrative)");
    const std::filesystem::path given = r.text(en, "file");
    spec.energies_file =
        (given.is_absolute() ? given : std::filesystem::path(path).parent_path() / given).lexically_normal().string();
    SegregationEnergiesTable table;
    try {
      table = read_energies_csv(spec.energies_file);
      spec.energies = table.layer_energies(spec.energies_file);
    } catch (const std::exception &e) {
      r.fail(file, "file", std::string("cannot use the energies file: ") + e.what());
    }
    const std::pair<const char *, std::string> must_match[] = {{"host", spec.host}, {"dopant", spec.solute}, {"facet", spec.facet}};
    for (const auto &[meta, expected] : must_match) {
      const auto it = table.metadata.find(meta);
      if (it == table.metadata.end() || it->second != expected)
        r.fail(file, "file", std::string("holds energies for ") + meta + " '" +
                                 (it == table.metadata.end() ? std::string("(not stated)") : it->second) +
                                 "', but [slab] asks for '" + expected + "'");
    }
    spec.illustrative = false;
    const auto potential = table.metadata.find("potential_id");
    const auto sha = table.metadata.find("git_sha");
    const std::string computed = "computed by anodekmc segregate energies (" + spec.energies_file + ", potential " +
                                 (potential == table.metadata.end() ? std::string("?") : potential->second) + ", git " +
                                 (sha == table.metadata.end() ? std::string("?") : sha->second) + ")";
    spec.energies_source = r.text(en, "source", &computed);
    if (spec.energies_source != computed) spec.energies_source += "; " + computed;
  } else {
    spec.energies.segregation_eV = r.numbers(en, "segregation_eV");
    spec.energies.pair_surface_eV = r.number(en, "pair_surface_eV", -10, 10, &zero);
    spec.energies.pair_bulk_eV = r.number(en, "pair_bulk_eV", -10, 10, &zero);
    spec.illustrative = r.flag(en, "illustrative", true);
    const std::string none = spec.illustrative ? "illustrative values" : "";
    spec.energies_source = r.text(en, "source", &none);
  }
  if (static_cast<int>(spec.energies.segregation_eV.size()) >= (spec.layers + 1) / 2)
    r.fail(en.find("file") ? en.find("file") : en.find("segregation_eV"), en.find("file") ? "file" : "segregation_eV",
           "lists " + std::to_string(spec.energies.segregation_eV.size()) + " depths, but a slab of " +
               std::to_string(spec.layers) + " layers has only " + std::to_string((spec.layers + 1) / 2) +
               " depths: at least one depth must remain bulk (it defines x_b); add layers");

  const IniSection &map = r.section("map", {"name", "output_folder", "temperatures_K", "delta_mu_min_eV", "delta_mu_max_eV",
                                            "delta_mu_points", "equilibration_sweeps", "sampling_sweeps", "batches", "seed",
                                            "mean_field_planes", "label_threshold", "wetting_planes", "min_jump_per_site", "bridge_steps"});
  spec.name = r.text(map, "name");
  const std::string default_out = "segregation_" + spec.name;
  spec.output_folder = r.text(map, "output_folder", &default_out);
  spec.temperatures_K = r.numbers(map, "temperatures_K");
  if (spec.temperatures_K.empty()) r.fail(map.find("temperatures_K"), "temperatures_K", "needs at least one temperature");
  for (double t : spec.temperatures_K)
    if (!(t > 0)) r.fail(map.find("temperatures_K"), "temperatures_K", "expects temperatures > 0 K");
  spec.delta_mu_min_eV = r.number(map, "delta_mu_min_eV", -50, 50);
  spec.delta_mu_max_eV = r.number(map, "delta_mu_max_eV", -50, 50);
  if (!(spec.delta_mu_max_eV > spec.delta_mu_min_eV))
    r.fail(map.find("delta_mu_max_eV"), "delta_mu_max_eV", "must be larger than delta_mu_min_eV");
  spec.delta_mu_points = static_cast<int>(r.integer(map, "delta_mu_points", 2, 100000));
  const long long d_eq = 200, d_sample = 400, d_batches = 10, d_seed = 1, d_planes = 20;
  spec.equilibration_sweeps = static_cast<long>(r.integer(map, "equilibration_sweeps", 0, 100000000, &d_eq));
  spec.sampling_sweeps = static_cast<long>(r.integer(map, "sampling_sweeps", 1, 100000000, &d_sample));
  spec.batches = static_cast<int>(r.integer(map, "batches", 2, 10000, &d_batches));
  if (spec.sampling_sweeps < spec.batches)
    r.fail(map.find("sampling_sweeps"), "sampling_sweeps", "must be at least 'batches' (one sweep per batch)");
  spec.seed = static_cast<std::uint64_t>(r.integer(map, "seed", 0, 9000000000000000000LL, &d_seed));
  spec.mean_field_planes = static_cast<int>(r.integer(map, "mean_field_planes", 2, 1000, &d_planes));
  const double d_tau = 0.1, d_jump = 0.1;
  spec.labels.threshold = r.number(map, "label_threshold", 1e-6, 1.0, &d_tau);
  const long long d_wet = 5;
  spec.labels.wetting_planes = static_cast<int>(r.integer(map, "wetting_planes", 4, 1000, &d_wet));
  spec.min_jump_per_site = r.number(map, "min_jump_per_site", 0.0, 1000, &d_jump);
  const long long d_bridge = 16;
  spec.bridge_steps = static_cast<int>(r.integer(map, "bridge_steps", 2, 10000, &d_bridge));

  if (const IniSection *h = doc.find_section("handoff")) {
    doc.reject_unknown_keys(*h, {"temperature_K", "delta_mu_eV", "branch"});
    spec.handoff = true;
    spec.handoff_temperature_K = r.number(*h, "temperature_K", 1e-9, 1e9);
    if (std::find(spec.temperatures_K.begin(), spec.temperatures_K.end(), spec.handoff_temperature_K) ==
        spec.temperatures_K.end())
      r.fail(h->find("temperature_K"), "temperature_K", "must be one of [map] temperatures_K");
    spec.handoff_delta_mu_eV = r.number(*h, "delta_mu_eV", spec.delta_mu_min_eV, spec.delta_mu_max_eV);
    const std::string up = "up";
    spec.handoff_branch = r.text(*h, "branch", &up);
    if (spec.handoff_branch != "up" && spec.handoff_branch != "down")
      r.fail(h->find("branch"), "branch", "expects up or down, got '" + spec.handoff_branch + "'");
  }
  return spec;
}

}  // namespace anodekmc::segregation
