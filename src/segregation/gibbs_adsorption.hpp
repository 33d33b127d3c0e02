// The Gibbs adsorption equation at fixed T: d(gamma) = -Gamma d(dmu). gamma along a sweep of
// dmu is obtained by thermodynamic integration of the measured excess (trapezoid rule), and a
// first-order transition between the branches of an increasing and a decreasing sweep lies
// where their gamma curves cross (the stable branch has the lower gamma).
#pragma once

#include <optional>
#include <vector>

namespace anodekmc::segregation {

/// gamma(dmu_k) - gamma(dmu_0) = -int_{dmu_0}^{dmu_k} Gamma d(dmu), trapezoid rule; the grid may
/// be increasing or decreasing (the integral follows the order given). Units: those of Gamma
/// times eV (e.g. eV per site, or eV/A^2 when Gamma is per A^2).
std::vector<double> integrate_gibbs(const std::vector<double> &delta_mu_eV, const std::vector<double> &excess);

struct BranchCrossing {
  double delta_mu_eV = 0.0;    // where gamma_up - gamma_down changes sign (linear interpolation)
  double excess_jump = 0.0;    // Gamma(down branch) - Gamma(up branch) there
  double hysteresis_eV = 0.0;  // width of the dmu range in which the branches' Gamma differ
};

/// Up and down branches on the same increasing dmu grid (down already reordered to increasing
/// dmu, with gamma referenced so both agree at the top end). Returns the crossing if the
/// branches' excesses differ by more than `min_jump` somewhere (a first-order transition), else
/// nothing.
std::optional<BranchCrossing> find_branch_crossing(const std::vector<double> &delta_mu_eV,
                                                   const std::vector<double> &gamma_up,
                                                   const std::vector<double> &gamma_down,
                                                   const std::vector<double> &excess_up,
                                                   const std::vector<double> &excess_down, double min_jump);

}  // namespace anodekmc::segregation
