#include "segregation/multilayer_mean_field.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace anodekmc::segregation {

namespace {

double entropy_term(double x) {  // x ln x + (1-x) ln(1-x), continuous at 0 and 1
  double s = 0.0;
  if (x > 0) s += x * std::log(x);
  if (x < 1) s += (1 - x) * std::log(1 - x);
  return s;
}

double fermi(double energy_over_kT) {  // 1/(1+e^y), no overflow for large |y|
  if (energy_over_kT > 0) {
    const double e = std::exp(-energy_over_kT);
    return e / (1.0 + e);
  }
  return 1.0 / (1.0 + std::exp(energy_over_kT));
}

constexpr double kTolerance = 1e-13;
constexpr int kMaxIterations = 200000;

}  // namespace

MultilayerMeanField::MultilayerMeanField(const LayerEnergies &energies, int planes, int z_in, int z_between,
                                         bool bulk_reservoir)
    : energies_(energies), planes_(planes), z_in_(z_in), z_between_(z_between), reservoir_(bulk_reservoir) {
  if (planes < 1) throw std::invalid_argument("mean field needs at least one plane");
}

double MultilayerMeanField::pair_eV(int a, int b) const { return energies_.pair_eV(a, b); }

std::vector<std::pair<double, double>> MultilayerMeanField::bulk_solutions(double temperature_K, double delta_mu_eV,
                                                                           int z, double pair_eV) {
  const double kT = kBoltzmann_eV_per_K * temperature_K;
  std::vector<std::pair<double, double>> found;
  // Bracket every root of g(x) = x - fermi((-dmu + z w x)/kT) on a fine grid and bisect; keep
  // the roots where g crosses upwards (stable: the fixed-point map has slope < 1 there).
  const int grid = 4000;
  auto g = [&](double x) { return x - fermi((-delta_mu_eV + z * pair_eV * x) / kT); };
  double x0 = 0.0, g0 = g(0.0);
  for (int k = 1; k <= grid; ++k) {
    const double x1 = static_cast<double>(k) / grid, g1 = g(x1);
    if (g0 < 0 && g1 >= 0) {
      double lo = x0, hi = x1;
      for (int it = 0; it < 200 && hi - lo > 1e-16; ++it) {
        const double mid = 0.5 * (lo + hi);
        (g(mid) < 0 ? lo : hi) = mid;
      }
      const double x = 0.5 * (lo + hi);
      const double omega = -delta_mu_eV * x + kT * entropy_term(x) + 0.5 * z * pair_eV * x * x;
      found.emplace_back(x, omega);
    }
    x0 = x1, g0 = g1;
  }
  std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
  return found;
}

double MultilayerMeanField::bulk_composition(double temperature_K, double delta_mu_eV) const {
  if (!reservoir_) return 0.0;
  return bulk_solutions(temperature_K, delta_mu_eV, z_in_ + 2 * z_between_, energies_.pair_bulk_eV).front().first;
}

double MultilayerMeanField::grand_potential(double kT, double dmu, double x_b, const std::vector<double> &x) const {
  // Layers beyond the explicit ones sit at x_b; include one reservoir plane explicitly, since
  // its bonds to the last explicit plane differ from bulk; planes further down are exactly bulk.
  const int n = planes_ + (reservoir_ ? 1 : 0);
  auto X = [&](int l) { return l < planes_ ? x[static_cast<std::size_t>(l)] : x_b; };
  const int zb = z_in_ + 2 * z_between_;
  const double omega_b = -dmu * x_b + kT * entropy_term(x_b) + 0.5 * zb * energies_.pair_bulk_eV * x_b * x_b;
  double omega = 0.0;
  for (int l = 0; l < n; ++l) {
    const double xl = X(l);
    double bonds = z_in_ * pair_eV(l, l) * xl;
    if (l > 0) bonds += z_between_ * pair_eV(l, l - 1) * X(l - 1);
    if (l + 1 < planes_ || reservoir_) bonds += z_between_ * pair_eV(l, l + 1) * X(l + 1);
    omega += xl * (energies_.segregation_at_depth_eV(l) - dmu) + kT * entropy_term(xl) + 0.5 * xl * bonds;
    if (reservoir_) omega -= omega_b;
  }
  return omega;
}

MeanFieldSolution MultilayerMeanField::iterate(double kT, double dmu, double x_b, std::vector<double> x,
                                               bool *converged) const {
  auto X = [&](int l) { return l < planes_ ? x[static_cast<std::size_t>(l)] : (reservoir_ ? x_b : 0.0); };
  // Damped Gauss-Seidel on the self-consistency equations; damping 1/2 keeps the iteration from
  // oscillating between two branches when the map's slope is near -1.
  if (converged) *converged = false;
  for (int it = 0; it < kMaxIterations; ++it) {
    double change = 0.0;
    for (int l = 0; l < planes_; ++l) {
      double field = energies_.segregation_at_depth_eV(l) - dmu + z_in_ * pair_eV(l, l) * X(l);
      if (l > 0) field += z_between_ * pair_eV(l, l - 1) * X(l - 1);
      if (l + 1 < planes_ || reservoir_) field += z_between_ * pair_eV(l, l + 1) * X(l + 1);
      const double updated = 0.5 * x[static_cast<std::size_t>(l)] + 0.5 * fermi(field / kT);
      change = std::max(change, std::abs(updated - x[static_cast<std::size_t>(l)]));
      x[static_cast<std::size_t>(l)] = updated;
    }
    if (change < kTolerance) {
      if (converged) *converged = true;
      break;
    }
  }
  MeanFieldSolution s;
  s.composition = x;
  s.x_bulk = reservoir_ ? x_b : 0.0;
  s.grand_potential_eV = grand_potential(kT, dmu, x_b, x);
  for (double xl : x) s.excess_per_site += xl - s.x_bulk;
  return s;
}

bool MultilayerMeanField::is_stable(double kT, double dmu, double x_b, const MeanFieldSolution &s) const {
  // A local minimum of Omega attracts the damped iteration from every nearby profile; a saddle
  // (reached only from an exactly symmetric start) does not: perturb both ways and see whether
  // the iteration comes back.
  for (double sign : {-1.0, 1.0}) {
    std::vector<double> x = s.composition;
    for (std::size_t l = 0; l < x.size(); ++l) x[l] = std::min(1.0 - 1e-12, std::max(1e-12, x[l] + sign * 1e-5 * (1.0 + 0.1 * l)));
    const MeanFieldSolution back = iterate(kT, dmu, x_b, x);
    for (std::size_t l = 0; l < x.size(); ++l)
      if (std::abs(back.composition[l] - s.composition[l]) > 1e-6) return false;
  }
  return true;
}

MeanFieldSolution MultilayerMeanField::solve_from(double temperature_K, double delta_mu_eV,
                                                  const std::vector<double> &start) const {
  if (static_cast<int>(start.size()) != planes_) throw std::invalid_argument("start profile of the wrong size");
  const double kT = kBoltzmann_eV_per_K * temperature_K;
  return iterate(kT, delta_mu_eV, bulk_composition(temperature_K, delta_mu_eV), start);
}

MeanFieldSolution MultilayerMeanField::solve_with_reservoir(double temperature_K, double delta_mu_eV, double x_bulk,
                                                            const std::vector<double> &start, bool *converged) const {
  if (static_cast<int>(start.size()) != planes_) throw std::invalid_argument("start profile of the wrong size");
  if (!(x_bulk >= 0.0 && x_bulk <= 1.0)) throw std::invalid_argument("reservoir composition outside [0, 1]");
  return iterate(kBoltzmann_eV_per_K * temperature_K, delta_mu_eV, x_bulk, start, converged);
}

MeanFieldResult MultilayerMeanField::solve(double temperature_K, double delta_mu_eV) const {
  const double kT = kBoltzmann_eV_per_K * temperature_K;
  const double x_b = bulk_composition(temperature_K, delta_mu_eV);
  std::vector<std::vector<double>> starts;
  // Intermediate starts are slightly off 1/2 so a symmetric (unstable) point is not hit exactly.
  for (double v : {1e-9, 0.25, 0.5 + 1e-3, 0.75, 1.0 - 1e-9}) starts.emplace_back(static_cast<std::size_t>(planes_), v);
  for (int k = 1; k <= planes_; ++k) {
    std::vector<double> staircase(static_cast<std::size_t>(planes_), reservoir_ ? x_b : 1e-9);
    for (int l = 0; l < k; ++l) staircase[static_cast<std::size_t>(l)] = 1.0 - 1e-9;
    starts.push_back(staircase);
  }
  MeanFieldResult result;
  for (const auto &start : starts) {
    MeanFieldSolution s = iterate(kT, delta_mu_eV, x_b, start);
    if (!is_stable(kT, delta_mu_eV, x_b, s)) continue;
    const bool known = std::any_of(result.solutions.begin(), result.solutions.end(), [&](const MeanFieldSolution &o) {
      for (std::size_t l = 0; l < s.composition.size(); ++l)
        if (std::abs(o.composition[l] - s.composition[l]) > 1e-6) return false;
      return true;
    });
    if (!known) result.solutions.push_back(std::move(s));
  }
  std::sort(result.solutions.begin(), result.solutions.end(),
            [](const MeanFieldSolution &a, const MeanFieldSolution &b) { return a.grand_potential_eV < b.grand_potential_eV; });
  return result;
}

}  // namespace anodekmc::segregation
