// An infinite two-dimensional net of adsorption sites in the plane of a surface, for assigning
// adatoms to sites and classifying the jumps between them (used by LAMMPS fix hop/detect; no
// LAMMPS here).
//
// Sites sit at origin + i e1 + j e2 for all integers (i, j): the net is not periodic. Callers
// give unwrapped coordinates (positions followed continuously across periodic boundaries), so
// a site index difference is the true jump, whatever the simulation box. The bases are the
// ones of lattice/surface_net.hpp:
//
//   square               spacing d (bcc(100): d = a; fcc(100): d = a / sqrt 2)
//                        e1 = (d, 0), e2 = (0, d); 4 nearest sites at d
//   centred rectangular  bcc(110) with [001] along x, conventional constant a:
//                        e1 = (a, 0), e2 = (a/2, a/sqrt 2); 4 nearest sites at sqrt(3)/2 a
//                        (e2, e1 - e2 and opposites), 2 more at a (+-e1)
//   triangular           spacing d (fcc(111): d = a / sqrt 2; hcp(0001): d = a)
//                        e1 = (d, 0), e2 = (d/2, sqrt(3)/2 d); 6 nearest sites at d
//
// A hop is a jump to one of the nearest sites (the "hop directions"); any other jump is a long
// jump. On bcc(110) the jump along +-e1 (length a) is therefore long: adatoms there migrate
// along the short sqrt(3)/2 a bonds.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace anodekmc::lattice {

struct NetSite {
  long i = 0, j = 0;
  bool operator==(const NetSite &o) const { return i == o.i && j == o.j; }
  bool operator!=(const NetSite &o) const { return !(*this == o); }
};

struct NetPoint {
  double x = 0.0, y = 0.0;
};

class AdsorptionNet {
 public:
  static constexpr int kMaxDirections = 6;

  enum class Kind { kSquare, kCentredRectangular, kTriangular };

  /// A net by style name and length (same length unit as the positions given later):
  ///   "square" d, "triangular" d (d = nearest-site spacing), "centred/rect" a (bcc(110)
  ///   conventional constant), or a facet with its conventional lattice constant a: "bcc100"
  ///   (square, d = a), "fcc100" (square, d = a/sqrt 2), "bcc110" (centred/rect),
  ///   "fcc111" (triangular, d = a/sqrt 2), "hcp0001" (triangular, d = a, the in-plane a).
  /// Throws std::invalid_argument on an unknown style or a length that is not positive and finite.
  static AdsorptionNet by_name(const std::string &style, double length, NetPoint origin = {});
  /// Accepted style names, in the order above.
  static const std::vector<std::string> &style_names();

  Kind kind() const { return kind_; }
  /// Distance between nearest sites.
  double nearest_distance() const { return nearest_distance_; }

  /// Position of a site.
  NetPoint position(const NetSite &s) const;
  /// The site nearest to p (ties go to the first candidate in a fixed scan order).
  NetSite nearest_site(const NetPoint &p) const;
  /// Squared distance from p to site s.
  double distance2(const NetPoint &p, const NetSite &s) const;

  /// Number of hop directions (4 or 6) and the site-index offset of direction k.
  int direction_count() const { return direction_count_; }
  int direction_di(int k) const { return directions_[k][0]; }
  int direction_dj(int k) const { return directions_[k][1]; }
  /// Short label of direction k, e.g. "+x", "-e2", "+(e1-e2)".
  const std::string &direction_label(int k) const { return labels_[k]; }
  /// Hop direction of the jump from site `from` to site `to`: 0 .. direction_count()-1 for a
  /// jump to a nearest site, -1 for a long jump (any other nonzero jump) and for no jump.
  int direction_of(const NetSite &from, const NetSite &to) const;
  /// Squared length of the jump from `from` to `to`.
  double jump_length2(const NetSite &from, const NetSite &to) const;

 private:
  Kind kind_ = Kind::kSquare;
  NetPoint origin_;
  NetPoint e1_, e2_;
  // Inverse of the basis matrix [e1 e2]: fractional coordinates of a displacement.
  double inv_[2][2] = {{0.0, 0.0}, {0.0, 0.0}};
  double nearest_distance_ = 0.0;
  int direction_count_ = 0;
  std::array<std::array<int, 2>, kMaxDirections> directions_{};
  std::array<std::string, kMaxDirections> labels_{};

  void set_basis(NetPoint e1, NetPoint e2);
};

}  // namespace anodekmc::lattice
