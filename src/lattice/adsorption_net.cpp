#include "lattice/adsorption_net.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::lattice {

const std::vector<std::string> &AdsorptionNet::style_names() {
  static const std::vector<std::string> names = {"square", "centred/rect", "triangular", "bcc100",
                                                 "fcc100", "bcc110",       "fcc111",     "hcp0001"};
  return names;
}

AdsorptionNet AdsorptionNet::by_name(const std::string &style, double length, NetPoint origin) {
  if (!std::isfinite(length) || length <= 0.0)
    throw std::invalid_argument("the net length must be a positive finite number");
  const double root2 = std::sqrt(2.0), root3 = std::sqrt(3.0);
  AdsorptionNet net;
  net.origin_ = origin;
  if (style == "square" || style == "bcc100" || style == "fcc100") {
    const double d = style == "fcc100" ? length / root2 : length;
    net.kind_ = Kind::kSquare;
    net.set_basis({d, 0.0}, {0.0, d});
    net.nearest_distance_ = d;
    net.direction_count_ = 4;
    net.directions_ = {{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {0, 0}, {0, 0}}};
    net.labels_ = {"+x", "-x", "+y", "-y", "", ""};
  } else if (style == "centred/rect" || style == "bcc110") {
    const double a = length;
    net.kind_ = Kind::kCentredRectangular;
    net.set_basis({a, 0.0}, {0.5 * a, a / root2});
    net.nearest_distance_ = 0.5 * root3 * a;
    net.direction_count_ = 4;
    net.directions_ = {{{0, 1}, {0, -1}, {1, -1}, {-1, 1}, {0, 0}, {0, 0}}};
    net.labels_ = {"+e2", "-e2", "+(e1-e2)", "-(e1-e2)", "", ""};
  } else if (style == "triangular" || style == "fcc111" || style == "hcp0001") {
    const double d = style == "fcc111" ? length / root2 : length;
    net.kind_ = Kind::kTriangular;
    net.set_basis({d, 0.0}, {0.5 * d, 0.5 * root3 * d});
    net.nearest_distance_ = d;
    net.direction_count_ = 6;
    net.directions_ = {{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, -1}, {-1, 1}}};
    net.labels_ = {"+e1", "-e1", "+e2", "-e2", "+(e1-e2)", "-(e1-e2)"};
  } else {
    throw std::invalid_argument("unknown net style '" + style + "'");
  }
  return net;
}

void AdsorptionNet::set_basis(NetPoint e1, NetPoint e2) {
  e1_ = e1;
  e2_ = e2;
  const double det = e1.x * e2.y - e2.x * e1.y;
  inv_[0][0] = e2.y / det;
  inv_[0][1] = -e2.x / det;
  inv_[1][0] = -e1.y / det;
  inv_[1][1] = e1.x / det;
}

NetPoint AdsorptionNet::position(const NetSite &s) const {
  const double fi = static_cast<double>(s.i), fj = static_cast<double>(s.j);
  return {origin_.x + fi * e1_.x + fj * e2_.x, origin_.y + fi * e1_.y + fj * e2_.y};
}

double AdsorptionNet::distance2(const NetPoint &p, const NetSite &s) const {
  const NetPoint q = position(s);
  const double dx = p.x - q.x, dy = p.y - q.y;
  return dx * dx + dy * dy;
}

// For a reduced 2D basis the nearest lattice point is within one step of the rounded fractional
// coordinates. The bcc(110) basis (e1, e2) is not reduced (e1.e2 = a^2/2 > |e2|^2/2), so the
// scan covers the 5 x 5 block around the rounded point, which contains the nearest site for all
// three bases (checked against a wide brute-force search in tests/lattice/test_adsorption_net.cpp).
NetSite AdsorptionNet::nearest_site(const NetPoint &p) const {
  const double rx = p.x - origin_.x, ry = p.y - origin_.y;
  const double u = inv_[0][0] * rx + inv_[0][1] * ry;
  const double v = inv_[1][0] * rx + inv_[1][1] * ry;
  const long i0 = std::lround(u), j0 = std::lround(v);
  NetSite best{i0, j0};
  double best_d2 = distance2(p, best);
  for (long dj = -2; dj <= 2; ++dj) {
    for (long di = -2; di <= 2; ++di) {
      const NetSite s{i0 + di, j0 + dj};
      const double d2 = distance2(p, s);
      if (d2 < best_d2) {
        best_d2 = d2;
        best = s;
      }
    }
  }
  return best;
}

int AdsorptionNet::direction_of(const NetSite &from, const NetSite &to) const {
  const long di = to.i - from.i, dj = to.j - from.j;
  for (int k = 0; k < direction_count_; ++k)
    if (di == directions_[k][0] && dj == directions_[k][1]) return k;
  return -1;
}

double AdsorptionNet::jump_length2(const NetSite &from, const NetSite &to) const {
  const double di = static_cast<double>(to.i - from.i), dj = static_cast<double>(to.j - from.j);
  const double dx = di * e1_.x + dj * e2_.x, dy = di * e1_.y + dj * e2_.y;
  return dx * dx + dy * dy;
}

}  // namespace anodekmc::lattice
