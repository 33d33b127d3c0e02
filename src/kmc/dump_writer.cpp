#include "kmc/dump_writer.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace anodekmc::kmc {

double layer_spacing_A(const std::string &facet, double a) {
  if (facet == "bcc100" || facet == "fcc100") return a / 2.0;
  if (facet == "bcc110") return a / std::sqrt(2.0);
  if (facet == "fcc111") return a / std::sqrt(3.0);
  if (facet == "hcp0001") return a * std::sqrt(8.0 / 3.0) / 2.0;  // ideal c/a
  return a;
}

void write_dump(const std::string &path, std::uint64_t step, double time_s, const lattice::SurfaceNet &net,
                const SurfaceState &state, double layer_spacing, int species_count) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw std::runtime_error(path + ": cannot write snapshot");
    std::uint64_t atoms = net.site_count();
    for (std::size_t a = 0; a < state.atom_count(); ++a) atoms += state.alive[a];
    int max_h = 0;
    for (auto h : state.height) max_h = std::max<int>(max_h, h);
    const auto A = net.cell_a_A(), B = net.cell_b_A();
    const double xy = B.x, xlo = std::min(0.0, xy), xhi = A.x + std::max(0.0, xy);
    out.precision(10);
    out << "ITEM: TIMESTEP\n" << step << "\nITEM: TIME\n" << time_s << "\nITEM: NUMBER OF ATOMS\n" << atoms << "\n";
    out << "ITEM: BOX BOUNDS xy xz yz pp pp ff\n"
        << xlo << " " << xhi << " " << xy << "\n0 " << B.y << " 0\n"
        << -layer_spacing << " " << (max_h + 1) * layer_spacing << " 0\n";
    out << "ITEM: ATOMS id type x y z\n";
    std::uint64_t id = 1;
    for (std::uint32_t s = 0; s < net.site_count(); ++s) {
      const auto p = net.position_A(s);
      out << id++ << " " << state.substrate[s] + 1 << " " << p.x << " " << p.y << " 0\n";
    }
    for (std::uint32_t s = 0; s < net.site_count(); ++s) {
      const auto p = net.position_A(s);
      int level = state.height[s];
      for (std::int32_t a = state.top_atom[s]; a >= 0; a = state.atoms[a].below, --level)
        out << net.site_count() + 1 + static_cast<std::uint64_t>(a) << " "
            << species_count + 1 + state.species[static_cast<std::size_t>(a)] << " " << p.x << " "
            << p.y << " " << level * layer_spacing << "\n";
    }
    if (!out) throw std::runtime_error(path + ": writing snapshot failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error(path + ": cannot rename snapshot into place");
}

}  // namespace anodekmc::kmc
