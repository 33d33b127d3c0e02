// Arrhenius fit ln D = ln D0 - E_a / (k_B T) by weighted least squares in (1/T, ln D).
//
// Weights: the standard error of ln D is taken as sigma = SE(D) / D (first-order error
// propagation of the seed average), weight 1/sigma^2. Parameter errors are the square roots of
// the diagonal of the inverse normal matrix (so they assume the seed errors are right; the
// reduced chi-square says whether the data scatter more than that). If any point has no error
// (SE = 0, e.g. a deterministic result) all points get equal weight and the parameter errors
// are scaled by the residual scatter instead.
#pragma once

#include <vector>

namespace anodekmc::table {

inline constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;  // CODATA 2018 (as in the kMC rates)

struct ArrheniusFit {
  double ln_D0 = 0.0;             // ln(D0 / (m^2/s))
  double ln_D0_stderr = 0.0;
  double D0_m2_per_s = 0.0;
  double Ea_eV = 0.0;
  double Ea_stderr_eV = 0.0;
  double T_min_K = 0.0, T_max_K = 0.0;  // fitted temperature range
  int points = 0;
  double reduced_chi2 = 0.0;      // chi^2 / (points - 2); 0 when points == 2
  bool weighted = true;
};

/// Fits D(T) (m^2/s) with standard errors; needs >= 2 temperatures and D > 0.
/// Throws std::invalid_argument otherwise.
ArrheniusFit fit_arrhenius(const std::vector<double> &temperature_K, const std::vector<double> &D_m2_per_s,
                           const std::vector<double> &D_stderr_m2_per_s);

}  // namespace anodekmc::table
