#include "kmc/first_passage_interval.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace anodekmc::kmc {

namespace {
// exp(-40) ~ 4e-18: a mode damped by more than this relative to the slowest one cannot change
// a double-precision sum whose leading term is O(1) of the total.
constexpr double kModeCutoff = 40.0;
constexpr double kPi = 3.14159265358979323846;
}  // namespace

FirstPassageInterval::FirstPassageInterval(int half_width) : half_width_(half_width) {
  if (half_width < 0) throw std::invalid_argument("first-passage interval half-width must be >= 0");
  const int sites = 2 * half_width + 1;
  const double M = 2.0 * half_width + 2.0;
  modes_ = half_width + 1;
  lambda_.resize(modes_);
  phi0_.resize(modes_);
  coefficient_.resize(modes_);
  cumulative_.assign(static_cast<std::size_t>(sites) * modes_, 0.0);
  const double norm = std::sqrt(2.0 / M);
  for (int m = 0; m < modes_; ++m) {
    const int k = 2 * m + 1;
    lambda_[m] = 2.0 * (1.0 - std::cos(k * kPi / M));
    phi0_[m] = norm * std::sin(k * kPi * (half_width + 1) / M);  // +-norm
    double running = 0.0;
    for (int yi = 0; yi < sites; ++yi) {
      running += norm * std::sin(k * kPi * (yi + 1) / M);
      cumulative_[static_cast<std::size_t>(yi) * modes_ + m] = running;
    }
    coefficient_[m] = phi0_[m] * running;
  }
}

int FirstPassageInterval::modes_for(double tau) const {
  int n = 1;
  while (n < modes_ && (lambda_[n] - lambda_[0]) * tau < kModeCutoff) ++n;
  return n;
}

double FirstPassageInterval::log_survival(double tau) const {
  const int n = modes_for(tau);
  double sum = 0.0;
  for (int m = 0; m < n; ++m) sum += coefficient_[m] * std::exp(-(lambda_[m] - lambda_[0]) * tau);
  // Round-off can leave a tiny non-positive sum only where S is ~1e-16 from 1 or 0; clamp.
  return -lambda_[0] * tau + std::log(std::max(sum, 1e-300));
}

double FirstPassageInterval::survival(double tau) const { return std::min(1.0, std::exp(log_survival(tau))); }

double FirstPassageInterval::mean_exit_time() const {
  double sum = 0.0;
  for (int m = 0; m < modes_; ++m) sum += coefficient_[m] / lambda_[m];
  return sum;
}

double FirstPassageInterval::exit_time_for(double u) const {
  if (!(u > 0.0) || u > 1.0) throw std::invalid_argument("exit_time_for needs u in (0, 1]");
  if (u == 1.0) return 0.0;
  return exit_time_for_log_survival(std::log(u));
}

double FirstPassageInterval::exit_time_for_log_survival(double target) const {
  if (!(target <= 0.0)) throw std::invalid_argument("exit_time_for_log_survival needs ln S <= 0");
  if (target == 0.0) return 0.0;
  // Safeguarded Newton on g(tau) = ln S(tau) - ln u (decreasing in tau), g' = S'/S, from the
  // one-mode estimate, which is already close for all but small tau. [lo, hi] brackets the
  // root; a step that leaves it is replaced by bisection (or doubling while hi is open).
  double lo = 0.0, hi = INFINITY;
  double tau = std::max((std::log(coefficient_[0]) - target) / lambda_[0], 1e-3);
  for (int iteration = 0; iteration < 200; ++iteration) {
    const int n = modes_for(tau);
    double s = 0.0, ds = 0.0;
    for (int m = 0; m < n; ++m) {
      const double e = coefficient_[m] * std::exp(-(lambda_[m] - lambda_[0]) * tau);
      s += e;
      ds -= lambda_[m] * e;
    }
    const double g = (s > 0.0 ? -lambda_[0] * tau + std::log(s) : -INFINITY) - target;
    if (g > 0.0) lo = tau;
    else hi = tau;
    double next = (s > 0.0 && ds < 0.0) ? tau - g / (ds / s) : NAN;
    if (!(next > lo && next < hi)) next = std::isinf(hi) ? 2.0 * tau : 0.5 * (lo + hi);
    if (std::fabs(next - tau) <= 1e-14 * tau || hi - lo <= 1e-15 * hi) return next;
    tau = next;
  }
  return tau;
}

double FirstPassageInterval::cumulative(int y_index, const double *weight, int modes) const {
  const double *row = cumulative_.data() + static_cast<std::size_t>(y_index) * modes_;
  double sum = 0.0;
  for (int m = 0; m < modes; ++m) sum += weight[m] * row[m];
  return sum;
}

int FirstPassageInterval::position_for(double tau, double u) const {
  if (!(tau > 0.0)) return 0;
  const int n = modes_for(tau);
  // Weights relative to the slowest mode: no underflow at large tau.
  double weight_stack[64];
  std::vector<double> weight_heap;
  double *weight = weight_stack;
  if (n > 64) {
    weight_heap.resize(n);
    weight = weight_heap.data();
  }
  for (int m = 0; m < n; ++m) weight[m] = phi0_[m] * std::exp(-(lambda_[m] - lambda_[0]) * tau);
  const int last = 2 * half_width_;
  const double target = u * cumulative(last, weight, n);
  // Smallest index whose cumulative weight exceeds the target (the cumulative is monotone up
  // to round-off, ~1e-16 of the total).
  int lo = 0, hi = last;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    if (cumulative(mid, weight, n) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo - half_width_;
}

std::vector<double> FirstPassageInterval::conditioned_distribution(double tau) const {
  const int sites = 2 * half_width_ + 1;
  std::vector<double> p(sites, 0.0);
  std::vector<double> weight(modes_);
  for (int m = 0; m < modes_; ++m) weight[m] = phi0_[m] * std::exp(-(lambda_[m] - lambda_[0]) * tau);
  const double total = cumulative(sites - 1, weight.data(), modes_);
  double previous = 0.0;
  for (int yi = 0; yi < sites; ++yi) {
    const double c = cumulative(yi, weight.data(), modes_);
    p[yi] = (c - previous) / total;
    previous = c;
  }
  return p;
}

}  // namespace anodekmc::kmc
