#include "barriers/sos_hop_key.hpp"

#include <stdexcept>

namespace anodekmc::barriers {

bool sos_hop_key(const SosSurface &s, std::uint32_t from, int k, HopKey &key) {
  const auto &net = s.net;
  if (s.height.size() != net.site_count() || s.substrate.size() != net.site_count())
    throw std::invalid_argument("sos_hop_key: height and substrate maps must have one entry per column");
  const int h = s.height[from];
  if (h < 1) return false;
  const std::uint32_t to = net.hop_target(from, k);
  const int ht = s.height[to];
  const int rise = ht + 1 - h;
  if (rise > 1 || rise < -1) return false;  // solid-on-solid: one layer at a time
  HopKey out;
  out.step = rise == 0 ? "flat" : (rise < 0 ? "down" : "up");
  for (int m = 0; m < net.lateral_count(); ++m) out.n_initial += s.height[net.lateral(from, m)] >= h;
  for (int m = 0; m < net.lateral_count(); ++m) {
    const std::uint32_t u = net.lateral(to, m);
    const int hu = u == from ? h - 1 : s.height[u];  // the atom has left its column
    out.n_final += hu >= ht + 1;
  }
  out.moving = s.deposited;
  out.below_initial = h == 1 ? s.substrate[from] : s.deposited;
  out.below_final = ht == 0 ? s.substrate[to] : s.deposited;
  key = out;
  return true;
}

int hop_direction(const lattice::SurfaceNet &net, int di, int dj) {
  for (int k = 0; k < net.hop_count(); ++k)
    if (net.hop_di(k) == di && net.hop_dj(k) == dj) return k;
  throw std::invalid_argument("the " + net.facet() + " net has no hop direction (" + std::to_string(di) + ", " +
                              std::to_string(dj) + ")");
}

}  // namespace anodekmc::barriers
