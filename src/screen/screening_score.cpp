#include "screen/screening_score.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace anodekmc::screen {

bool normalized_in_log10(const std::string &descriptor) {
  return descriptor == "D_surf_m2_per_s" || descriptor == "island_density_per_nm2";
}

std::vector<RankedRow> rank_rows(const std::vector<nlohmann::json> &rows, const std::map<std::string, double> &weights) {
  const std::size_t n = rows.size();
  std::vector<RankedRow> out(n);
  std::vector<double> weighted_sum(n, 0.0);
  double weight_total = 0.0;
  for (std::size_t r = 0; r < n; ++r) out[r].element = rows[r].at("element").get<std::string>();
  for (const auto &[name, w] : weights) {
    if (w == 0.0) continue;
    weight_total += std::fabs(w);
    const bool log10 = normalized_in_log10(name);
    std::vector<double> v(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t r = 0; r < n; ++r) {
      const auto &d = rows[r].at("descriptors");
      if (!d.contains(name) || !d[name].is_number()) continue;
      double x = d[name].get<double>();
      if (log10) x = x > 0 ? std::log10(x) : std::numeric_limits<double>::quiet_NaN();
      v[r] = x;
    }
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double x : v)
      if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
    for (std::size_t r = 0; r < n; ++r) {
      double s = 0.5;
      if (std::isfinite(v[r]) && hi > lo) {
        const double z = (v[r] - lo) / (hi - lo);
        out[r].normalized[name] = z;
        s = w > 0 ? z : 1.0 - z;
      }
      weighted_sum[r] += std::fabs(w) * s;
    }
  }
  for (std::size_t r = 0; r < n; ++r) out[r].score = weight_total > 0 ? weighted_sum[r] / weight_total : 0.5;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return out[a].score > out[b].score; });
  for (std::size_t k = 0; k < n; ++k) out[order[k]].rank = static_cast<int>(k) + 1;
  return out;
}

}  // namespace anodekmc::screen
