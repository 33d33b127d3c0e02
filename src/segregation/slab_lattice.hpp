// A slab of the real crystal for the segregation lattice model: `layers` atomic planes parallel
// to the surface, each an nx x ny periodic surface net (lattice/surface_net.hpp indexing), and
// the first-shell (nearest-neighbour) bonds of the crystal, in-plane and between adjacent planes.
//
//   facet   in-plane NN   NN in the plane above / below   z    stacking
//   bcc100        0                 4 / 4                   8    AB, B shifted by (a/2, a/2)
//   bcc110        4                 2 / 2                   8    AB, B shifted by e1/2 (a/2 along [001])
//   fcc111        6                 3 / 3                  12    ABC, shifts (e1+e2)/3
//   sc100         4                 1 / 1                   6    AA (a model lattice: it gives the
//                                                                 square-net Ising monolayer of the tests)
//
// On bcc(100) the in-plane spacing a is the second shell, so planes are bonded only to their
// neighbours; on bcc(110) the four sqrt(3)/2 a bonds of the centred-rectangular net are first
// shell and the two a bonds are not. Both faces of the slab are free surfaces (the slab is
// symmetric): site depth = min(l, layers - 1 - l), so plane 0 and the last plane are both
// depth 0 and the middle of the slab is bulk.
#pragma once

#include "lattice/surface_net.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::segregation {

class SlabLattice {
 public:
  /// Throws std::invalid_argument on an unknown facet, nx or ny < 4, or layers < 1.
  SlabLattice(const std::string &facet, double lattice_constant_A, int nx, int ny, int layers);

  static const std::vector<std::string> &facet_names();  // bcc100 bcc110 fcc111 sc100

  const std::string &facet() const { return facet_; }
  int nx() const { return nx_; }
  int ny() const { return ny_; }
  int layers() const { return layers_; }
  std::uint32_t sites_per_layer() const { return static_cast<std::uint32_t>(nx_ * ny_); }
  std::uint32_t site_count() const { return sites_per_layer() * static_cast<std::uint32_t>(layers_); }
  /// Site index = in-plane site + sites_per_layer * layer.
  int layer_of(std::uint32_t site) const { return static_cast<int>(site / sites_per_layer()); }
  int depth_of_layer(int layer) const { return layer < layers_ - 1 - layer ? layer : layers_ - 1 - layer; }
  /// Number of distinct depths (0 .. max_depth).
  int depth_count() const { return (layers_ + 1) / 2; }

  /// Neighbours of `site`: [neighbour_begin(site), neighbour_end(site)) into neighbours().
  std::uint32_t neighbour_begin(std::uint32_t site) const { return offsets_[site]; }
  std::uint32_t neighbour_end(std::uint32_t site) const { return offsets_[site + 1]; }
  const std::vector<std::uint32_t> &neighbours() const { return neighbours_; }

  /// First-shell coordination of the infinite crystal: in-plane and per adjacent plane.
  int z_in_plane() const { return z_in_; }
  int z_between_planes() const { return z_between_; }
  int z_bulk() const { return z_in_ + 2 * z_between_; }

  /// Surface area per site of one plane (Angstrom^2).
  double area_per_site_A2() const { return area_per_site_A2_; }
  /// The in-plane net (for maps handed to the kMC engine: same nx, ny, site order).
  const lattice::SurfaceNet &net() const { return net_; }

 private:
  std::string facet_;
  int nx_, ny_, layers_;
  int z_in_ = 0, z_between_ = 0;
  double area_per_site_A2_ = 0;
  lattice::SurfaceNet net_;
  std::vector<std::uint32_t> offsets_, neighbours_;
};

}  // namespace anodekmc::segregation
