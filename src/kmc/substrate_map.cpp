#include "kmc/substrate_map.hpp"

#include "core/atomic_file.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anodekmc::kmc {

namespace {

int species_index(const std::vector<std::string> &species, const std::string &name, const std::string &where) {
  for (std::size_t i = 0; i < species.size(); ++i)
    if (species[i] == name) return static_cast<int>(i);
  std::string known;
  for (const auto &s : species) known += " " + s;
  throw std::invalid_argument(where + ": unknown species '" + name + "'; the run's species are" + known);
}

}  // namespace

std::vector<std::uint8_t> build_substrate(const SubstrateSpec &spec, const lattice::SurfaceNet &net,
                                          const std::vector<std::string> &species, Rng &rng) {
  const std::uint32_t n = net.site_count();
  std::vector<std::uint8_t> map(n, 0);
  if (spec.mode == "pure") return map;
  if (spec.mode == "random") {
    const int solute = species_index(species, spec.solute, "substrate.solute");
    if (!(spec.solute_fraction >= 0.0 && spec.solute_fraction <= 1.0))
      throw std::invalid_argument("substrate.solute_fraction must be between 0 and 1");
    const auto count = static_cast<std::uint32_t>(std::llround(spec.solute_fraction * n));
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t s = 0; s < n; ++s) order[s] = s;
    for (std::uint32_t k = 0; k < count; ++k) {  // partial Fisher-Yates: exact count, uniform
      const auto pick = k + static_cast<std::uint32_t>(uniform_below(rng, n - k));
      std::swap(order[k], order[pick]);
      map[order[k]] = static_cast<std::uint8_t>(solute);
    }
    return map;
  }
  if (spec.mode == "ordered") {
    const int solute = species_index(species, spec.solute, "substrate.solute");
    for (std::uint32_t s = 0; s < n; ++s) {
      const int i = static_cast<int>(s % net.nx()), j = static_cast<int>(s / net.nx());
      bool on = false;
      if (spec.pattern == "c2x2") on = ((i + j) % 2) == 1;
      else if (spec.pattern == "p2x1") on = (j % 2) == 1;
      else throw std::invalid_argument("substrate.pattern must be c2x2 or p2x1, got '" + spec.pattern + "'");
      map[s] = static_cast<std::uint8_t>(on ? solute : 0);
    }
    if ((spec.pattern == "c2x2" && (net.nx() % 2 || net.ny() % 2)) || (spec.pattern == "p2x1" && net.ny() % 2))
      throw std::invalid_argument("substrate pattern " + spec.pattern + " needs even lattice dimensions to be periodic");
    return map;
  }
  if (spec.mode == "file") {
    std::ifstream in(spec.file);
    if (!in) throw std::runtime_error(spec.file + ": cannot open substrate map");
    std::string line;
    int line_no = 0;
    bool have_size = false;
    std::uint32_t filled = 0;
    while (std::getline(in, line)) {
      ++line_no;
      const auto hash = line.find('#');
      if (hash != std::string::npos) line.erase(hash);
      std::istringstream words(line);
      std::string w;
      if (!have_size) {
        int fx = 0, fy = 0;
        if (!(words >> fx)) continue;  // blank or comment line
        if (!(words >> fy))
          throw std::runtime_error(spec.file + ":" + std::to_string(line_no) + ": expected 'nx ny'");
        if (fx != net.nx() || fy != net.ny())
          throw std::runtime_error(spec.file + ":" + std::to_string(line_no) + ": map is " + std::to_string(fx) + " x " +
                                   std::to_string(fy) + " but the lattice is " + std::to_string(net.nx()) + " x " +
                                   std::to_string(net.ny()));
        have_size = true;
        continue;
      }
      while (words >> w) {
        if (filled >= n) throw std::runtime_error(spec.file + ":" + std::to_string(line_no) + ": more than nx*ny sites");
        map[filled++] = static_cast<std::uint8_t>(
            species_index(species, w, spec.file + ":" + std::to_string(line_no)));
      }
    }
    if (!have_size) throw std::runtime_error(spec.file + ": no 'nx ny' line");
    if (filled != n)
      throw std::runtime_error(spec.file + ": " + std::to_string(filled) + " sites given, expected " + std::to_string(n));
    return map;
  }
  throw std::invalid_argument("substrate.mode must be pure, random, ordered or file, got '" + spec.mode + "'");
}

void write_substrate(const std::string &path, const lattice::SurfaceNet &net,
                     const std::vector<std::string> &species, const std::vector<std::uint8_t> &map) {
  std::ostringstream out;
  out << "# anodekmc substrate map: species of the top substrate layer, site i + nx*j, rows of "
         "constant j\n"
      << "# facet " << net.facet() << "\n"
      << net.nx() << " " << net.ny() << "\n";
  for (int j = 0; j < net.ny(); ++j) {
    for (int i = 0; i < net.nx(); ++i) out << (i ? " " : "") << species[map[net.site_at(i, j)]];
    out << "\n";
  }
  write_file_atomic(path, out.str());
}

}  // namespace anodekmc::kmc
