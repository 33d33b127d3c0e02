#include "segregation/slab_lattice.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace anodekmc::segregation {

namespace {

struct Shift {
  int di, dj;
};

// The in-plane net used for indexing: bcc(100) and sc(100) planes are square nets of spacing a
// (SurfaceNet's fcc100 net is square; its spacing only matters for geometry, which we compute
// here), bcc(110) the centred-rectangular net, fcc(111) the triangular net.
lattice::SurfaceNet make_net(const std::string &facet, double a, int nx, int ny) {
  if (facet == "bcc100") return lattice::SurfaceNet::for_facet("bcc100", a, nx, ny);
  if (facet == "sc100") return lattice::SurfaceNet::for_facet("bcc100", a, nx, ny);
  if (facet == "bcc110") return lattice::SurfaceNet::for_facet("bcc110", a, nx, ny);
  if (facet == "fcc111") return lattice::SurfaceNet::for_facet("fcc111", a, nx, ny);
  std::string known;
  for (const auto &name : SlabLattice::facet_names()) known += " " + name;
  throw std::invalid_argument("unknown facet '" + facet + "'; expected one of" + known);
}

// Lattice shifts (di, dj) from a site of plane `from` to its nearest neighbours in the adjacent
// plane `to` (derivation in the header's table: the in-plane offset of plane B relative to A).
std::vector<Shift> interplane_shifts(const std::string &facet, int from, int to) {
  if (facet == "sc100") return {{0, 0}};
  if (facet == "bcc100") {
    // Even planes at (i, j) a, odd planes at (i + 1/2, j + 1/2) a.
    if (from % 2 == 0) return {{0, 0}, {-1, 0}, {0, -1}, {-1, -1}};
    return {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  }
  if (facet == "bcc110") {
    // Odd planes shifted by e1/2: from even, neighbours at +-e1/2 are (i, j) and (i-1, j).
    if (from % 2 == 0) return {{0, 0}, {-1, 0}};
    return {{0, 0}, {1, 0}};
  }
  // fcc111: plane l sits at stacking position l mod 3, in-plane shift (l mod 3)(e1 + e2)/3. The
  // shift difference k/3 (e1 + e2), k = (to mod 3) - (from mod 3) in {1, -1, 2, -2}, decides
  // which three sites are at distance d/sqrt(3) in plane: k = 1: (0,0), (-1,0), (0,-1);
  // k = -1: (0,0), (1,0), (0,1); k = 2 is k = -1 plus a full (1,1) shift, k = -2 likewise.

  const int k = to % 3 - from % 3;
  if (k == 1) return {{0, 0}, {-1, 0}, {0, -1}};
  if (k == -1) return {{0, 0}, {1, 0}, {0, 1}};
  if (k == 2) return {{-1, -1}, {0, -1}, {-1, 0}};
  return {{1, 1}, {0, 1}, {1, 0}};
}

}  // namespace

const std::vector<std::string> &SlabLattice::facet_names() {
  static const std::vector<std::string> names = {"bcc100", "bcc110", "fcc111", "sc100"};
  return names;
}

SlabLattice::SlabLattice(const std::string &facet, double a, int nx, int ny, int layers)
    : facet_(facet), nx_(nx), ny_(ny), layers_(layers), net_(make_net(facet, a, nx, ny)) {
  if (layers < 1) throw std::invalid_argument("a slab needs at least 1 layer");
  if (facet == "bcc100") {
    z_in_ = 0, z_between_ = 4, area_per_site_A2_ = a * a;
  } else if (facet == "sc100") {
    z_in_ = 4, z_between_ = 1, area_per_site_A2_ = a * a;
  } else if (facet == "bcc110") {
    z_in_ = 4, z_between_ = 2, area_per_site_A2_ = a * a / std::sqrt(2.0);
  } else {  // fcc111: triangular net of spacing a / sqrt(2)
    z_in_ = 6, z_between_ = 3, area_per_site_A2_ = std::sqrt(3.0) / 4.0 * a * a;
  }
  const std::uint32_t per_layer = sites_per_layer();
  offsets_.assign(site_count() + 1, 0);
  neighbours_.reserve(static_cast<std::size_t>(site_count()) * static_cast<std::size_t>(z_bulk()));
  for (int l = 0; l < layers_; ++l) {
    for (std::uint32_t s = 0; s < per_layer; ++s) {
      const std::uint32_t site = s + per_layer * static_cast<std::uint32_t>(l);
      offsets_[site] = static_cast<std::uint32_t>(neighbours_.size());
      int i = 0, j = 0;
      net_.coordinates(s, i, j);
      // In-plane first shell: the square net's 4 (sc), bcc(110)'s 4 short bonds (the net's hop
      // set), the triangular net's 6; none on bcc(100).
      if (facet_ == "sc100" || facet_ == "fcc111") {
        for (int k = 0; k < net_.lateral_count(); ++k) neighbours_.push_back(net_.lateral(s, k) + per_layer * static_cast<std::uint32_t>(l));
      } else if (facet_ == "bcc110") {
        for (int k = 0; k < net_.hop_count(); ++k) neighbours_.push_back(net_.hop_target(s, k) + per_layer * static_cast<std::uint32_t>(l));
      }
      for (const int other : {l - 1, l + 1}) {
        if (other < 0 || other >= layers_) continue;  // free surface: no plane there
        for (const Shift &d : interplane_shifts(facet_, l, other))
          neighbours_.push_back(net_.site_at(i + d.di, j + d.dj) + per_layer * static_cast<std::uint32_t>(other));
      }
    }
  }
  offsets_[site_count()] = static_cast<std::uint32_t>(neighbours_.size());
}

}  // namespace anodekmc::segregation
