#include "potential/structure_relaxer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "potential/eam_calculator.hpp"

namespace anodekmc::potential {

RelaxOutcome relax_positions(const EamModel &model, PeriodicStructure &structure, const RelaxSettings &settings) {
  // FIRE with the published default constants; unit mass, time step in Å/(eV/Å)^(1/2) units.
  const double dt_max = 0.5, f_inc = 1.1, f_dec = 0.5, alpha_start = 0.1, f_alpha = 0.99;
  const int n_min = 5;
  const double max_step_A = 0.1;
  double dt = 0.1, alpha = alpha_start;
  int steps_since_negative = 0;
  const std::size_t n = structure.size();
  std::vector<Eigen::Vector3d> velocity(n, Eigen::Vector3d::Zero());
  RelaxOutcome outcome;
  for (int step = 0; step <= settings.max_steps; ++step) {
    const EamResult result = evaluate_eam(model, structure);
    if (!std::isfinite(result.energy_eV)) throw std::runtime_error("relaxation reached a non-finite energy");
    outcome.energy_eV = result.energy_eV;
    outcome.steps = step;
    double fmax = 0;
    for (const auto &f : result.forces_eV_A) fmax = std::max(fmax, f.norm());
    outcome.max_force_eV_A = fmax;
    if (fmax < settings.max_force_eV_A) {
      outcome.converged = true;
      return outcome;
    }
    if (step == settings.max_steps) break;
    double power = 0, vnorm2 = 0, fnorm2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      power += velocity[i].dot(result.forces_eV_A[i]);
      vnorm2 += velocity[i].squaredNorm();
      fnorm2 += result.forces_eV_A[i].squaredNorm();
    }
    const double mix = fnorm2 > 0 ? alpha * std::sqrt(vnorm2 / fnorm2) : 0.0;
    for (std::size_t i = 0; i < n; ++i) velocity[i] = (1.0 - alpha) * velocity[i] + mix * result.forces_eV_A[i];
    if (power > 0) {
      if (++steps_since_negative > n_min) {
        dt = std::min(dt * f_inc, dt_max);
        alpha *= f_alpha;
      }
    } else {
      steps_since_negative = 0;
      dt *= f_dec;
      alpha = alpha_start;
      for (auto &v : velocity) v.setZero();
    }
    // Semi-implicit Euler; cap the largest displacement.
    double largest = 0;
    for (std::size_t i = 0; i < n; ++i) {
      velocity[i] += dt * result.forces_eV_A[i];
      largest = std::max(largest, dt * velocity[i].norm());
    }
    const double cap = largest > max_step_A ? max_step_A / largest : 1.0;
    for (std::size_t i = 0; i < n; ++i) structure.positions_A[i] += cap * dt * velocity[i];
  }
  return outcome;
}

double minimize_scalar(const std::function<double(double)> &function, double lo, double hi, double tolerance,
                       double &value) {
  if (lo > hi) std::swap(lo, hi);
  // Bracket: find a < b < c with f(b) below both ends, widening outward up to 30 times.
  double a = lo, c = hi, b = 0.5 * (lo + hi);
  double fa = function(a), fb = function(b), fc = function(c);
  for (int widen = 0; !(fb <= fa && fb <= fc); ++widen) {
    if (widen > 30) throw std::runtime_error("minimize_scalar: no minimum found (energy keeps falling)");
    const double width = c - a;
    if (fa < fb) {  // minimum lies to the left
      c = b;
      fc = fb;
      b = a;
      fb = fa;
      a = b - width;
      fa = function(a);
    } else {
      a = b;
      fa = fb;
      b = c;
      fb = fc;
      c = b + width;
      fc = function(c);
    }
  }
  // Brent's method (golden section with parabolic steps), after Numerical Recipes' description.
  const double golden = 0.3819660112501051;
  double x = b, w = b, v = b, fx = fb, fw = fb, fv = fb;
  double d = 0, e = 0;
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double mid = 0.5 * (a + c);
    const double tol1 = tolerance + 1e-12 * std::fabs(x), tol2 = 2 * tol1;
    if (std::fabs(x - mid) <= tol2 - 0.5 * (c - a)) break;
    bool parabolic_ok = false;
    if (std::fabs(e) > tol1) {
      const double r = (x - w) * (fx - fv), q0 = (x - v) * (fx - fw);
      double p = (x - v) * q0 - (x - w) * r, q = 2 * (q0 - r);
      if (q > 0) p = -p;
      q = std::fabs(q);
      if (std::fabs(p) < std::fabs(0.5 * q * e) && p > q * (a - x) && p < q * (c - x)) {
        e = d;
        d = p / q;
        const double u = x + d;
        if (u - a < tol2 || c - u < tol2) d = (mid > x) ? tol1 : -tol1;
        parabolic_ok = true;
      }
    }
    if (!parabolic_ok) {
      e = (x >= mid) ? a - x : c - x;
      d = golden * e;
    }
    const double u = std::fabs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const double fu = function(u);
    if (fu <= fx) {
      (u >= x ? a : c) = x;
      v = w, fv = fw, w = x, fw = fx, x = u, fx = fu;
    } else {
      (u < x ? a : c) = u;
      if (fu <= fw || w == x) {
        v = w, fv = fw, w = u, fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u, fv = fu;
      }
    }
  }
  value = fx;
  return x;
}

double relax_volume(const EamModel &model, PeriodicStructure &structure, bool relax_atoms) {
  const PeriodicStructure start = structure;
  auto energy_at = [&](double factor) {
    PeriodicStructure trial = start;
    trial.scale(factor);
    if (relax_atoms) return relax_positions(model, trial).energy_eV;
    return eam_energy_eV(model, trial);
  };
  double energy = 0;
  const double best = minimize_scalar(energy_at, 0.97, 1.03, 1e-7, energy);
  structure = start;
  structure.scale(best);
  if (relax_atoms) energy = relax_positions(model, structure).energy_eV;
  return energy;
}

}  // namespace anodekmc::potential
