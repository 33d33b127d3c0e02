#include "segregation/gibbs_adsorption.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::segregation {

std::vector<double> integrate_gibbs(const std::vector<double> &delta_mu_eV, const std::vector<double> &excess) {
  if (delta_mu_eV.size() != excess.size()) throw std::invalid_argument("integrate_gibbs: sizes differ");
  std::vector<double> gamma(excess.size(), 0.0);
  for (std::size_t k = 1; k < excess.size(); ++k)
    gamma[k] = gamma[k - 1] - 0.5 * (excess[k] + excess[k - 1]) * (delta_mu_eV[k] - delta_mu_eV[k - 1]);
  return gamma;
}

std::optional<BranchCrossing> find_branch_crossing(const std::vector<double> &mu, const std::vector<double> &gamma_up,
                                                   const std::vector<double> &gamma_down,
                                                   const std::vector<double> &excess_up,
                                                   const std::vector<double> &excess_down, double min_jump) {
  const std::size_t n = mu.size();
  // The hysteresis loop: the dmu range where the branches disagree by more than min_jump.
  std::size_t first = n, last = 0;
  for (std::size_t k = 0; k < n; ++k)
    if (std::abs(excess_down[k] - excess_up[k]) > min_jump) {
      if (first == n) first = k;
      last = k;
    }
  if (first == n) return std::nullopt;
  BranchCrossing c;
  c.hysteresis_eV = (last > first ? mu[last] - mu[first] : 0.0);
  // gamma_up - gamma_down: the up branch (metastable low-excess state) is the lower one at low
  // dmu and the higher one past the transition; find the sign change closest to the loop.
  double best_distance = INFINITY;
  bool found = false;
  // Only sign changes in or next to the loop count: elsewhere the branches coincide and their
  // difference is noise.
  const std::size_t lo = first > 0 ? first : 1, hi = std::min(n - 1, last + 1);
  for (std::size_t k = lo; k <= hi; ++k) {
    const double d0 = gamma_up[k - 1] - gamma_down[k - 1], d1 = gamma_up[k] - gamma_down[k];
    if ((d0 < 0 && d1 >= 0) || (d0 > 0 && d1 <= 0)) {
      const double t = d0 / (d0 - d1);
      const double where = mu[k - 1] + t * (mu[k] - mu[k - 1]);
      const double distance = std::abs(where - 0.5 * (mu[first] + mu[last]));
      if (distance < best_distance) {
        best_distance = distance;
        found = true;
        c.delta_mu_eV = where;
        c.excess_jump = (excess_down[k - 1] - excess_up[k - 1]) * (1 - t) + (excess_down[k] - excess_up[k]) * t;
      }
    }
  }
  if (!found) {  // loop narrower than the grid resolution of gamma: take the loop's middle
    const std::size_t k = (first + last) / 2;
    c.delta_mu_eV = mu[k];
    c.excess_jump = excess_down[k] - excess_up[k];
  }
  if (std::abs(c.excess_jump) <= min_jump) return std::nullopt;
  return c;
}

}  // namespace anodekmc::segregation
