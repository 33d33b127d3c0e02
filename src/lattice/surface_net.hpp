// Periodic two-dimensional surface nets with their real geometry (Angstrom).
//
// Sites are columns of a solid-on-solid surface, indexed s = i + nx * j on an oblique basis
// (e1, e2). Three kinds of net cover the facets anodekmc studies:
//
//   square               bcc(100): spacing a;  fcc(100): spacing a/sqrt(2)
//                        e1 = (d, 0), e2 = (0, d); 4 neighbours at d
//   centred rectangular  bcc(110): e1 = (a, 0) along [001], e2 = (a/2, a/sqrt(2)) (the centred
//                        site); 6 neighbours: 4 at sqrt(3)/2 a (e2, e1-e2 and opposites), 2 at a
//   triangular           fcc(111): spacing a/sqrt(2);  hcp(0001): spacing a (the in-plane a)
//                        e1 = (d, 0), e2 = (d/2, sqrt(3)/2 d); 6 neighbours at d
//
// Two neighbour sets: the lateral set (all first-shell neighbours, used to count lateral
// coordination) and the hop set (the directions an adatom hops along). They are the same
// except on bcc(110), where adatoms hop along the four short sqrt(3)/2 a bonds only, the
// accepted picture of adatom migration on bcc(110).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::lattice {

enum class NetKind { kSquare, kCentredRectangular, kTriangular };

struct Vec2 {
  double x = 0.0, y = 0.0;
};

class SurfaceNet {
 public:
  static constexpr int kMaxNeighbours = 6;

  /// The net of facet `facet` ("bcc100", "fcc100", "bcc110", "fcc111", "hcp0001") of a crystal
  /// with conventional lattice constant `lattice_constant_A` (for hcp0001: the in-plane a),
  /// `nx` x `ny` sites, periodic. Throws std::invalid_argument on an unknown facet, a
  /// non-positive or non-finite lattice constant, or fewer than 4 sites along either side.
  static SurfaceNet for_facet(const std::string &facet, double lattice_constant_A, int nx, int ny);

  /// Names accepted by for_facet().
  static const std::vector<std::string> &facet_names();

  const std::string &facet() const { return facet_; }
  NetKind kind() const { return kind_; }
  int nx() const { return nx_; }
  int ny() const { return ny_; }
  std::uint32_t site_count() const { return static_cast<std::uint32_t>(nx_) * static_cast<std::uint32_t>(ny_); }

  /// Lateral neighbours (first shell): count and site index of neighbour k of `site`.
  /// Neighbours are computed from the lattice coordinates, not read from a table: a table
  /// would cost 16-24 bytes per site and a cache miss per look-up on large nets.
  int lateral_count() const { return lateral_count_; }
  std::uint32_t lateral(std::uint32_t site, int k) const { return shifted(site, lateral_offsets_[k]); }
  /// All lateral neighbours of `site` into out[0 .. lateral_count()).
  void lateral_sites(std::uint32_t site, std::uint32_t *out) const { shifted_all(site, lateral_offsets_.data(), lateral_count_, out); }

  /// Lattice offsets (di, dj) of lateral neighbour k and of hop direction k (each within +-1).
  int lateral_di(int k) const { return lateral_offsets_[k].di; }
  int lateral_dj(int k) const { return lateral_offsets_[k].dj; }
  int hop_di(int k) const { return hop_offsets_[k].di; }
  int hop_dj(int k) const { return hop_offsets_[k].dj; }
  /// Lattice coordinates (i, j) of a site (site = i + nx j), without a division.
  void coordinates(std::uint32_t site, int &i, int &j) const {
    const std::uint32_t row = row_of(site);
    j = static_cast<int>(row);
    i = static_cast<int>(site - row * nxu_);
  }

  /// Hop directions: count, the destination site of direction k from `site`, its Cartesian
  /// displacement (Angstrom), and the direction that undoes it.
  int hop_count() const { return hop_count_; }
  std::uint32_t hop_target(std::uint32_t site, int k) const { return shifted(site, hop_offsets_[k]); }
  /// All hop destinations of `site` into out[0 .. hop_count()).
  void hop_sites(std::uint32_t site, std::uint32_t *out) const { shifted_all(site, hop_offsets_.data(), hop_count_, out); }
  const Vec2 &hop_displacement_A(int k) const { return hop_vectors_[k]; }
  int reverse_hop(int k) const { return hop_reverse_[k]; }
  /// Mean squared hop length over the hop directions (Angstrom^2).
  double mean_hop_length2_A2() const;

  /// Area of the surface per site (Angstrom^2) and the periodic cell vectors (Angstrom).
  double area_per_site_A2() const;
  Vec2 cell_a_A() const { return {e1_.x * nx_, e1_.y * nx_}; }
  Vec2 cell_b_A() const { return {e2_.x * ny_, e2_.y * ny_}; }
  /// Cartesian position of a site in the periodic cell (Angstrom).
  Vec2 position_A(std::uint32_t site) const;
  /// Sites of a column at lattice coordinates (i, j), wrapped periodically.
  std::uint32_t site_at(long i, long j) const;

 private:
  struct Offset {
    int di = 0, dj = 0;
  };
  // Row of a site, site / nx, by multiplication with a precomputed 64-bit reciprocal instead of
  // a division (exact for every 32-bit site index: Lemire, Kaser & Kurz, Softw. Pract. Exper.
  // 49, 953 (2019)); this is on the kMC's hottest path.
  std::uint32_t row_of(std::uint32_t site) const {
    __extension__ typedef unsigned __int128 u128;
    return static_cast<std::uint32_t>((static_cast<u128>(nx_reciprocal_) * site) >> 64);
  }
  // Site at lattice offset (di, dj) from `site`, |di|, |dj| <= 1, periodic.
  std::uint32_t shifted(std::uint32_t site, const Offset &o) const {
    const std::uint32_t j = row_of(site), i = site - j * nxu_;
    return wrap_i(static_cast<int>(i) + o.di) + nxu_ * wrap_j(static_cast<int>(j) + o.dj);
  }
  void shifted_all(std::uint32_t site, const Offset *offsets, int count, std::uint32_t *out) const {
    const std::uint32_t j = row_of(site), i = site - j * nxu_;
    for (int k = 0; k < count; ++k)
      out[k] = wrap_i(static_cast<int>(i) + offsets[k].di) + nxu_ * wrap_j(static_cast<int>(j) + offsets[k].dj);
  }
  std::uint32_t wrap_i(int i) const { return static_cast<std::uint32_t>(i < 0 ? i + nx_ : (i >= nx_ ? i - nx_ : i)); }
  std::uint32_t wrap_j(int j) const { return static_cast<std::uint32_t>(j < 0 ? j + ny_ : (j >= ny_ ? j - ny_ : j)); }

  std::uint32_t nxu_ = 0;
  std::uint64_t nx_reciprocal_ = 0;  // floor((2^64 - 1) / nx) + 1
  std::array<Offset, kMaxNeighbours> lateral_offsets_{};
  std::array<Offset, kMaxNeighbours> hop_offsets_{};
  std::string facet_;
  NetKind kind_ = NetKind::kSquare;
  int nx_ = 0, ny_ = 0;
  Vec2 e1_, e2_;
  int lateral_count_ = 0, hop_count_ = 0;
  std::array<Vec2, kMaxNeighbours> hop_vectors_{};
  std::array<int, kMaxNeighbours> hop_reverse_{};
};

}  // namespace anodekmc::lattice
