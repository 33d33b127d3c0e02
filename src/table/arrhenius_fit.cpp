#include "table/arrhenius_fit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace anodekmc::table {

ArrheniusFit fit_arrhenius(const std::vector<double> &T, const std::vector<double> &D, const std::vector<double> &se) {
  const std::size_t n = T.size();
  if (n < 2 || D.size() != n || se.size() != n)
    throw std::invalid_argument("Arrhenius fit: needs at least 2 temperatures with one D and one error each");
  std::vector<double> x(n), y(n), w(n);
  bool all_have_errors = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(D[i] > 0.0) || !std::isfinite(D[i]) || !(T[i] > 0.0))
      throw std::invalid_argument("Arrhenius fit: D must be > 0 and finite at every temperature (T = " +
                                  std::to_string(T[i]) + " K)");
    x[i] = 1.0 / T[i];
    y[i] = std::log(D[i]);
    const double sigma = se[i] / D[i];
    if (!(sigma > 0.0) || !std::isfinite(sigma)) all_have_errors = false;
    w[i] = sigma * sigma;
  }
  for (std::size_t i = 0; i < n; ++i) w[i] = all_have_errors ? 1.0 / w[i] : 1.0;

  double S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    S += w[i];
    Sx += w[i] * x[i];
    Sy += w[i] * y[i];
    Sxx += w[i] * x[i] * x[i];
    Sxy += w[i] * x[i] * y[i];
  }
  const double det = S * Sxx - Sx * Sx;
  if (!(det > 0.0)) throw std::invalid_argument("Arrhenius fit: temperatures must differ");
  const double slope = (S * Sxy - Sx * Sy) / det;
  const double intercept = (Sxx * Sy - Sx * Sxy) / det;
  double chi2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y[i] - intercept - slope * x[i];
    chi2 += w[i] * r * r;
  }
  ArrheniusFit fit;
  fit.points = static_cast<int>(n);
  fit.weighted = all_have_errors;
  fit.reduced_chi2 = n > 2 ? chi2 / static_cast<double>(n - 2) : 0.0;
  // Unweighted: the weights carry no scale, so estimate the variance from the residuals.
  const double scale = all_have_errors ? 1.0 : fit.reduced_chi2;
  fit.ln_D0 = intercept;
  fit.ln_D0_stderr = std::sqrt(Sxx / det * scale);
  fit.D0_m2_per_s = std::exp(intercept);
  fit.Ea_eV = -slope * kBoltzmann_eV_per_K;
  fit.Ea_stderr_eV = std::sqrt(S / det * scale) * kBoltzmann_eV_per_K;
  fit.T_min_K = *std::min_element(T.begin(), T.end());
  fit.T_max_K = *std::max_element(T.begin(), T.end());
  return fit;
}

}  // namespace anodekmc::table
