#include "lattice/surface_net.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::lattice {

namespace {

struct OffsetInit {
  int di, dj;
};

// Neighbour offsets in (e1, e2) coordinates, listed so that k and k^1 are opposite.
constexpr OffsetInit kSquareOffsets[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
constexpr OffsetInit kSixOffsets[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, -1}, {-1, 1}};
// bcc(110): the four short bonds (e2, e1 - e2 and opposites) are the hop directions.
constexpr OffsetInit kBcc110HopOffsets[] = {{0, 1}, {0, -1}, {1, -1}, {-1, 1}};

}  // namespace

const std::vector<std::string> &SurfaceNet::facet_names() {
  static const std::vector<std::string> names = {"bcc100", "fcc100", "bcc110", "fcc111", "hcp0001"};
  return names;
}

SurfaceNet SurfaceNet::for_facet(const std::string &facet, double lattice_constant_A, int nx, int ny) {
  if (!std::isfinite(lattice_constant_A) || lattice_constant_A <= 0.0)
    throw std::invalid_argument("lattice constant must be a positive number of Angstrom");
  if (nx < 4 || ny < 4)
    throw std::invalid_argument("the net needs at least 4 sites along each side, got " + std::to_string(nx) +
                                " x " + std::to_string(ny));
  if (static_cast<long long>(nx) * ny >= (1LL << 31))
    throw std::invalid_argument("the net must have fewer than 2^31 sites, got " + std::to_string(nx) + " x " +
                                std::to_string(ny));
  SurfaceNet net;
  net.facet_ = facet;
  net.nx_ = nx;
  net.ny_ = ny;
  const double a = lattice_constant_A;
  const OffsetInit *lateral = nullptr;
  const OffsetInit *hops = nullptr;
  if (facet == "bcc100" || facet == "fcc100") {
    const double d = facet == "bcc100" ? a : a / std::sqrt(2.0);
    net.kind_ = NetKind::kSquare;
    net.e1_ = {d, 0.0};
    net.e2_ = {0.0, d};
    lateral = hops = kSquareOffsets;
    net.lateral_count_ = net.hop_count_ = 4;
  } else if (facet == "fcc111" || facet == "hcp0001") {
    const double d = facet == "fcc111" ? a / std::sqrt(2.0) : a;
    net.kind_ = NetKind::kTriangular;
    net.e1_ = {d, 0.0};
    net.e2_ = {0.5 * d, 0.5 * std::sqrt(3.0) * d};
    lateral = hops = kSixOffsets;
    net.lateral_count_ = net.hop_count_ = 6;
  } else if (facet == "bcc110") {
    net.kind_ = NetKind::kCentredRectangular;
    net.e1_ = {a, 0.0};
    net.e2_ = {0.5 * a, a / std::sqrt(2.0)};
    lateral = kSixOffsets;
    hops = kBcc110HopOffsets;
    net.lateral_count_ = 6;
    net.hop_count_ = 4;
  } else {
    std::string known;
    for (const auto &n : facet_names()) known += " " + n;
    throw std::invalid_argument("unknown facet '" + facet + "'; expected one of:" + known);
  }

  net.nxu_ = static_cast<std::uint32_t>(nx);
  net.nx_reciprocal_ = UINT64_C(0xFFFFFFFFFFFFFFFF) / net.nxu_ + 1;
  for (int k = 0; k < net.lateral_count_; ++k) net.lateral_offsets_[k] = {lateral[k].di, lateral[k].dj};
  for (int k = 0; k < net.hop_count_; ++k) net.hop_offsets_[k] = {hops[k].di, hops[k].dj};
  for (int k = 0; k < net.hop_count_; ++k) {
    net.hop_vectors_[k] = {hops[k].di * net.e1_.x + hops[k].dj * net.e2_.x, hops[k].di * net.e1_.y + hops[k].dj * net.e2_.y};
    net.hop_reverse_[k] = k ^ 1;  // offsets are listed in opposite pairs
  }
  return net;
}

double SurfaceNet::mean_hop_length2_A2() const {
  double sum = 0.0;
  for (int k = 0; k < hop_count_; ++k) sum += hop_vectors_[k].x * hop_vectors_[k].x + hop_vectors_[k].y * hop_vectors_[k].y;
  return sum / hop_count_;
}

double SurfaceNet::area_per_site_A2() const { return std::abs(e1_.x * e2_.y - e1_.y * e2_.x); }

Vec2 SurfaceNet::position_A(std::uint32_t site) const {
  const double i = static_cast<double>(site % static_cast<std::uint32_t>(nx_));
  const double j = static_cast<double>(site / static_cast<std::uint32_t>(nx_));
  return {i * e1_.x + j * e2_.x, i * e1_.y + j * e2_.y};
}

std::uint32_t SurfaceNet::site_at(long i, long j) const {
  i %= nx_;
  if (i < 0) i += nx_;
  j %= ny_;
  if (j < 0) j += ny_;
  return static_cast<std::uint32_t>(i + static_cast<long>(nx_) * j);
}

}  // namespace anodekmc::lattice
