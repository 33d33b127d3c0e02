#include "kmc/barrier_catalog.hpp"

#include "core/strict_number.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anodekmc::kmc {

namespace {

std::vector<std::string> split_csv(const std::string &line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::string trim(const std::string &s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

void BarrierCatalog::read(const std::string &path) {
  path_ = path;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open barrier catalog");
  std::string line;
  int line_no = 0;
  bool have_header = false;
  auto fail = [&](const std::string &what) {
    throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    if (!have_header) {
      if (text != kHeader) fail(std::string("expected the header line '") + kHeader + "'");
      have_header = true;
      continue;
    }
    auto f = split_csv(text);
    if (f.size() != 9) fail("expected 9 comma-separated fields, got " + std::to_string(f.size()));
    for (auto &x : f) x = trim(x);
    auto integer = [&](const std::string &s, const char *name) {
      long long v = 0;
      if (!parse_integer_exact(s, v)) fail(std::string(name) + ": expected an integer, got '" + s + "'");
      if (v < 0 || v > index_.max_neighbours())
        fail(std::string(name) + " must be between 0 and " + std::to_string(index_.max_neighbours()) +
             " (lateral neighbours of this net), got " + s);
      return static_cast<int>(v);
    };
    auto species = [&](const std::string &s, const char *name) {
      for (std::size_t i = 0; i < species_.size(); ++i)
        if (species_[i] == s) return static_cast<int>(i);
      std::string known;
      for (const auto &n : species_) known += " " + n;
      fail(std::string(name) + ": unknown species '" + s + "'; the run's species are" + known);
      return 0;
    };
    auto number = [&](const std::string &s, const char *name) {
      double v = 0;
      if (!parse_double_exact(s, v)) fail(std::string(name) + ": expected a number, got '" + s + "'");
      if (!std::isfinite(v) || v < 0.0) fail(std::string(name) + " must be finite and >= 0, got " + s);
      return v;
    };
    HopEnvironment e;
    e.n_initial = integer(f[0], "n_initial");
    e.n_final = integer(f[1], "n_final");
    if (!parse_step(f[2], e.step)) fail("step must be flat, down or up, got '" + f[2] + "'");
    e.moving = species(f[3], "moving");
    e.below_initial = species(f[4], "below_initial");
    e.below_final = species(f[5], "below_final");
    CatalogEntry entry;
    entry.present = true;
    entry.barrier_eV = number(f[6], "barrier_eV");
    if (!f[7].empty()) {
      entry.prefactor_per_s = number(f[7], "prefactor_per_s");
      if (entry.prefactor_per_s <= 0.0) fail("prefactor_per_s must be positive (or empty for the default)");
    }
    entry.method = f[8];
    CatalogEntry &slot = entries_[index_(e)];
    if (slot.present) fail("duplicate row for this environment");
    slot = entry;
    ++rows_;
  }
  if (!have_header) throw std::runtime_error(path + ": empty barrier catalog (no header line)");
}

}  // namespace anodekmc::kmc
