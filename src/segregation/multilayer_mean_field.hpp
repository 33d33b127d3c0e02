// Multilayer mean field (Bragg-Williams per plane, regular solution; the Wynblatt-Ku picture of
// surface segregation): plane l has composition X_l, plane 0 is the surface, and planes at and
// beyond `planes` either are a bulk reservoir at x_b (semi-infinite crystal) or absent (an
// isolated stack, e.g. one monolayer). Per surface site the grand potential is
//
//   Omega = sum_l { X_l (dE_seg(l) - dmu) + kT [X ln X + (1-X) ln(1-X)]_l
//                   + 1/2 sum_l' z_ll' w_ll' X_l X_l' }
//
// and its stationary points obey X_l = 1 / (1 + exp[(dE_seg(l) - dmu + sum_l' z_ll' w_ll' X_l')/kT]).
// Several solutions exist below a critical temperature (2D condensation in a plane, bulk
// demixing): solve() starts the iteration from many profiles (uniform low, high and
// intermediate, and "k planes full, the rest at x_b" for every k), keeps every converged
// solution once (deduplicated), and reports its surface grand potential
//
//   Omega_s = sum_l [omega_l(X) - omega_b(x_b)]   (eV per surface site)
//
// with omega_b the bulk grand potential per site. The lowest Omega_s is the equilibrium state.
// The damped iteration converges to local minima of Omega (stable and metastable states), not
// to saddles: those are the branches a sweep of dmu can follow.
#pragma once

#include "segregation/layer_energies.hpp"

#include <vector>

namespace anodekmc::segregation {

struct MeanFieldSolution {
  std::vector<double> composition;  // X_l, plane 0 = surface
  double x_bulk = 0.0;              // reservoir composition (0 if none)
  double grand_potential_eV = 0.0;  // Omega_s per surface site (eV), relative to the bulk
  double excess_per_site = 0.0;     // Gamma = sum_l (X_l - x_b)
};

struct MeanFieldResult {
  std::vector<MeanFieldSolution> solutions;  // sorted by grand potential, lowest first
  const MeanFieldSolution &equilibrium() const { return solutions.front(); }
};

class MultilayerMeanField {
 public:
  /// `planes` explicit planes; z_in / z_between: first-shell neighbours in the plane and in each
  /// adjacent plane; bulk_reservoir: planes beyond are bulk at x_b (else nothing there).
  MultilayerMeanField(const LayerEnergies &energies, int planes, int z_in, int z_between, bool bulk_reservoir);

  /// Every locally stable solution at (T, dmu), deduplicated, lowest Omega_s first.
  MeanFieldResult solve(double temperature_K, double delta_mu_eV) const;
  /// Continues one branch from a given profile (for up/down sweeps): the solution the damped
  /// iteration reaches from `start`.
  MeanFieldSolution solve_from(double temperature_K, double delta_mu_eV, const std::vector<double> &start) const;

  /// The profile the damped iteration reaches from `start` with the reservoir held at `x_bulk`,
  /// which need not be the bulk's lowest-Omega composition at (T, dmu): a supersaturated
  /// (metastable) dilute reservoir, as in a screening at a stated bulk concentration. Check
  /// `converged` and whether the deepest planes returned to x_bulk before using it.
  MeanFieldSolution solve_with_reservoir(double temperature_K, double delta_mu_eV, double x_bulk,
                                         const std::vector<double> &start, bool *converged = nullptr) const;

  /// Bulk regular solution: every stable solution x of x = 1/(1 + exp[(-dmu + z w x)/kT]) with
  /// its grand potential per site, lowest first.
  static std::vector<std::pair<double, double>> bulk_solutions(double temperature_K, double delta_mu_eV, int z,
                                                               double pair_eV);
  /// The bulk composition of lowest grand potential.
  double bulk_composition(double temperature_K, double delta_mu_eV) const;

  int planes() const { return planes_; }

 private:
  double pair_eV(int a, int b) const;
  MeanFieldSolution iterate(double kT, double dmu, double x_b, std::vector<double> x, bool *converged = nullptr) const;
  bool is_stable(double kT, double dmu, double x_b, const MeanFieldSolution &s) const;
  double grand_potential(double kT, double dmu, double x_b, const std::vector<double> &x) const;

  LayerEnergies energies_;
  int planes_, z_in_, z_between_;
  bool reservoir_;
};

}  // namespace anodekmc::segregation
