#include "segregation/segregation_energies_table.hpp"

#include "core/strict_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anodekmc::segregation {

namespace {

const char *const kHeader =
    "kind,layer,partner_layer,pair_distance_A,value_eV,energy_eV,reference_eV,atoms,nx,ny,slab_layers,converged";
const std::vector<std::string> kKinds = {"segregation", "pair_surface", "pair_bulk", "bulk_check", "size_check"};

std::string trim(const std::string &s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<std::string> split_commas(const std::string &line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(trim(field));
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::string fixed(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.10f", v);
  return text;
}

}  // namespace

const SegregationEnergyRow *SegregationEnergiesTable::find(const std::string &kind, int layer) const {
  for (const auto &r : rows)
    if (r.kind == kind && (layer < 0 || r.layer == layer)) return &r;
  return nullptr;
}

LayerEnergies SegregationEnergiesTable::layer_energies(const std::string &source) const {
  LayerEnergies e;
  for (int l = 0;; ++l) {
    const SegregationEnergyRow *r = find("segregation", l);
    if (!r) break;
    e.segregation_eV.push_back(r->value_eV);
  }
  std::size_t count = 0;
  for (const auto &r : rows) count += r.kind == "segregation";
  if (e.segregation_eV.empty() || count != e.segregation_eV.size())
    throw std::runtime_error(source + ": the segregation rows must cover layers 0, 1, ... without gaps (found " +
                             std::to_string(count) + " rows, consecutive from 0: " +
                             std::to_string(e.segregation_eV.size()) + ")");
  const SegregationEnergyRow *surface = find("pair_surface"), *bulk = find("pair_bulk");
  if (!surface || !bulk) throw std::runtime_error(source + ": needs a pair_surface and a pair_bulk row");
  e.pair_surface_eV = surface->value_eV;
  e.pair_bulk_eV = bulk->value_eV;
  return e;
}

std::string energies_csv_text(const SegregationEnergiesTable &table) {
  std::ostringstream out;
  for (const auto &[key, value] : table.metadata) {
    if (key.find_first_of("=\n") != std::string::npos || value.find('\n') != std::string::npos)
      throw std::invalid_argument("energies CSV metadata '" + key + "' must not contain '=' or a line break");
    out << "# " << key << " = " << value << "\n";
  }
  for (const auto &line : table.provenance) {
    if (line.find('\n') != std::string::npos || line.find('=') != std::string::npos)
      throw std::invalid_argument("energies CSV provenance lines hold no '=' or line break: " + line);
    out << "# " << line << "\n";
  }
  out << kHeader << "\n";
  for (const auto &r : table.rows) {
    if (std::find(kKinds.begin(), kKinds.end(), r.kind) == kKinds.end())
      throw std::invalid_argument("energies CSV: unknown kind '" + r.kind + "'");
    out << r.kind << "," << r.layer << "," << r.partner_layer << "," << fixed(r.pair_distance_A) << ","
        << fixed(r.value_eV) << "," << fixed(r.energy_eV) << "," << fixed(r.reference_eV) << "," << r.atoms << ","
        << r.nx << "," << r.ny << "," << r.slab_layers << "," << (r.converged ? "yes" : "no") << "\n";
  }
  return out.str();
}

SegregationEnergiesTable read_energies_csv(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the segregation energies file");
  SegregationEnergiesTable table;
  std::string line;
  int number = 0;
  bool header = false;
  auto fail = [&](const std::string &what) { return std::runtime_error(path + ":" + std::to_string(number) + ": " + what); };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    if (line[0] == '#') {
      const std::string body = trim(line.substr(1));
      const auto eq = body.find('=');
      if (eq == std::string::npos) {
        table.provenance.push_back(body);
      } else {
        table.metadata[trim(body.substr(0, eq))] = trim(body.substr(eq + 1));
      }
      continue;
    }
    if (!header) {
      if (trim(line) != kHeader) throw fail("expected the header '" + std::string(kHeader) + "'");
      header = true;
      continue;
    }
    const std::vector<std::string> f = split_commas(line);
    if (f.size() != 12) throw fail("expected 12 comma-separated fields, got " + std::to_string(f.size()));
    SegregationEnergyRow r;
    r.kind = f[0];
    if (std::find(kKinds.begin(), kKinds.end(), r.kind) == kKinds.end())
      throw fail("unknown kind '" + r.kind + "' (expected segregation, pair_surface, pair_bulk, bulk_check or size_check)");
    long long i = 0;
    auto integer = [&](std::size_t k, const char *name) {
      if (!parse_integer_exact(f[k], i)) throw fail(std::string("field '") + name + "' expects an integer, got '" + f[k] + "'");
      return i;
    };
    auto number_at = [&](std::size_t k, const char *name) {
      double v = 0;
      if (!parse_double_exact(f[k], v) || !std::isfinite(v))
        throw fail(std::string("field '") + name + "' expects a finite number, got '" + f[k] + "'");
      return v;
    };
    r.layer = static_cast<int>(integer(1, "layer"));
    r.partner_layer = static_cast<int>(integer(2, "partner_layer"));
    r.pair_distance_A = number_at(3, "pair_distance_A");
    r.value_eV = number_at(4, "value_eV");
    r.energy_eV = number_at(5, "energy_eV");
    r.reference_eV = number_at(6, "reference_eV");
    r.atoms = static_cast<long>(integer(7, "atoms"));
    r.nx = static_cast<int>(integer(8, "nx"));
    r.ny = static_cast<int>(integer(9, "ny"));
    r.slab_layers = static_cast<int>(integer(10, "slab_layers"));
    if (f[11] != "yes" && f[11] != "no") throw fail("field 'converged' expects yes or no, got '" + f[11] + "'");
    r.converged = f[11] == "yes";
    if (r.layer < 0) throw fail("field 'layer' must be >= 0");
    if (r.kind == "segregation" && table.find("segregation", r.layer))
      throw fail("a second segregation row for layer " + std::to_string(r.layer));
    if ((r.kind == "pair_surface" || r.kind == "pair_bulk") && table.find(r.kind))
      throw fail("a second " + r.kind + " row");
    table.rows.push_back(r);
  }
  if (!header) throw std::runtime_error(path + ": no header line '" + std::string(kHeader) + "' (empty file?)");
  return table;
}

std::string energies_fragment_text(const SegregationEnergiesTable &table, const std::string &csv_file_name) {
  auto meta = [&](const std::string &key) {
    const auto it = table.metadata.find(key);
    return it == table.metadata.end() ? std::string("?") : it->second;
  };
  const LayerEnergies e = table.layer_energies(csv_file_name);
  std::ostringstream out;
  out << "# [energies] block for an `anodekmc segregate map` spec (docs/cli_segregate.md): paste it into\n"
      << "# a spec whose [slab] has host = " << meta("host") << ", solute = " << meta("dopant")
      << ", facet = " << meta("facet") << ", and give `file` relative to that spec's folder.\n"
      << "# Values (eV) as read from the file:\n"
      << "#   segregation_eV =";
  for (double v : e.segregation_eV) out << " " << fixed(v);
  out << "\n#   pair_surface_eV = " << fixed(e.pair_surface_eV) << "\n#   pair_bulk_eV = " << fixed(e.pair_bulk_eV) << "\n"
      << "[energies]\n"
      << "file = " << csv_file_name << "\n"
      << "illustrative = no\n"
      << "source = anodekmc segregate energies, potential " << meta("potential_id") << ", git " << meta("git_sha") << "\n";
  return out.str();
}

}  // namespace anodekmc::segregation
