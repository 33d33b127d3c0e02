#include "segregation/substrate_handoff.hpp"

#include <sstream>
#include <stdexcept>

namespace anodekmc::segregation {

std::string substrate_map_text(int nx, int ny, const std::vector<std::uint8_t> &surface, const std::string &host,
                               const std::string &solute, const std::string &comment) {
  if (surface.size() != static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny))
    throw std::invalid_argument("substrate map: " + std::to_string(surface.size()) + " sites for a " +
                                std::to_string(nx) + " x " + std::to_string(ny) + " net");
  std::ostringstream out;
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
  out << "# site i + nx*j; one row of constant j per line (docs/kmc_substrate.md)\n";
  out << nx << " " << ny << "\n";
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i)
      out << (i ? " " : "") << (surface[static_cast<std::size_t>(i + nx * j)] ? solute : host);
    out << "\n";
  }
  return out.str();
}

}  // namespace anodekmc::segregation
