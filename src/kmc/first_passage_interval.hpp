// Exact first-passage statistics of a continuous-time nearest-neighbour random walk on the
// interval {-L, ..., L} of a 1D lattice, started at 0, hopping at rate 1 to each neighbour, and
// absorbed when it steps onto -(L+1) or L+1. Used by the first-passage kMC (docs/kmc_first_passage.md):
// a walker on a square net moves as two independent 1D walks in its lattice coordinates.
//
// The generator of the walk restricted to the 2L+1 interior sites is the tridiagonal matrix
// Q = tridiag(1, -2, 1), with eigenvectors phi_k(y) = sqrt(2/M) sin(k pi (y + L + 1) / M),
// M = 2L + 2, and eigenvalues -lambda_k, lambda_k = 2 (1 - cos(k pi / M)), k = 1 .. 2L+1. So
//   P(at y at time tau, not absorbed) = sum_k phi_k(0) phi_k(y) exp(-lambda_k tau)
//   S(tau) = P(not absorbed by tau)   = sum_k phi_k(0) Phi_k exp(-lambda_k tau),  Phi_k = sum_y phi_k(y).
// Both are finite sums: sampling from them is exact, with no discretisation of time (up to
// floating-point round-off). Started at 0, phi_k(0) = 0 for even k, so only the L+1 odd modes
// are kept. Time is dimensionless (tau = nu t for a hop rate nu per direction).
//
// Cost: terms whose factor exp(-(lambda_k - lambda_1) tau) is below 1e-17 of the leading one
// are dropped (they cannot change a double), so at the typical exit time (tau ~ L^2) only a
// handful of modes are summed, whatever L.
#pragma once

#include <cstdint>
#include <vector>

namespace anodekmc::kmc {

class FirstPassageInterval {
 public:
  explicit FirstPassageInterval(int half_width);

  int half_width() const { return half_width_; }
  /// Survival probability S(tau).
  double survival(double tau) const;
  /// ln S(tau), accurate for large tau where S underflows.
  double log_survival(double tau) const;
  /// Exact mean exit time sum_k c_k / lambda_k (equals (L+1)^2 / 2).
  double mean_exit_time() const;
  /// The exit time tau with S(tau) = u, u in (0, 1]: inverse-transform sampling.
  double exit_time_for(double u) const;
  /// The tau with ln S(tau) = log_survival (<= 0). With log_survival = ln(u) / k it samples the
  /// earliest exit of k independent walks (their survival is S^k) in one solve.
  double exit_time_for_log_survival(double log_survival) const;
  /// Position y in [-L, L] at time tau > 0 given no absorption by tau: the smallest y whose
  /// conditioned cumulative probability reaches u in [0, 1). tau = 0 gives 0.
  int position_for(double tau, double u) const;
  /// P(y at tau | not absorbed by tau) for every y (tests).
  std::vector<double> conditioned_distribution(double tau) const;

 private:
  // Modes with (lambda_k - lambda_1) tau below the cut-off.
  int modes_for(double tau) const;
  // Cumulative sum over y' <= y of the conditioned weight, unnormalised, with `modes` terms.
  double cumulative(int y_index, const double *weight, int modes) const;

  int half_width_ = 0;
  int modes_ = 0;                   // L + 1 odd modes
  std::vector<double> lambda_;      // per mode
  std::vector<double> phi0_;        // phi_k(0)
  std::vector<double> coefficient_; // c_k = phi_k(0) Phi_k
  std::vector<double> cumulative_;  // [y_index * modes_ + m] = sum_{y' <= y} phi_k(y')
};

}  // namespace anodekmc::kmc
