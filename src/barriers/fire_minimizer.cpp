#include "barriers/fire_minimizer.hpp"

#include <algorithm>
#include <cmath>

namespace anodekmc::barriers {

FireIntegrator::FireIntegrator(Eigen::Index size, const FireSettings &settings)
    : settings_(settings), velocity_(Eigen::VectorXd::Zero(size)), timestep_(settings.timestep),
      alpha_(settings.alpha_start) {}

void FireIntegrator::step(Eigen::VectorXd &x, const Eigen::VectorXd &force, const Eigen::VectorXd &mobile) {
  const Eigen::VectorXd f = force.cwiseProduct(mobile);
  const double power = f.dot(velocity_);
  if (power > 0) {
    const double f_norm = f.norm(), v_norm = velocity_.norm();
    if (f_norm > 0) velocity_ = (1.0 - alpha_) * velocity_ + alpha_ * v_norm * f / f_norm;
    if (++steps_since_reset_ > settings_.steps_before_speedup) {
      timestep_ = std::min(timestep_ * settings_.speedup, settings_.max_timestep);
      alpha_ *= settings_.alpha_decay;
    }
  } else {
    // Uphill: stop, shorten the step and restart the mixing.
    velocity_.setZero();
    timestep_ *= settings_.slowdown;
    alpha_ = settings_.alpha_start;
    steps_since_reset_ = 0;
  }
  velocity_ += timestep_ * f;  // explicit Euler with unit mass
  Eigen::VectorXd dx = timestep_ * velocity_;
  const double largest = dx.cwiseAbs().maxCoeff();
  if (largest > settings_.max_step_A) dx *= settings_.max_step_A / largest;
  x += dx.cwiseProduct(mobile);
}

double max_atom_force(const Eigen::VectorXd &force, const Eigen::VectorXd &mobile) {
  double largest = 0;
  for (Eigen::Index i = 0; i + 2 < force.size(); i += 3)
    largest = std::max(largest, force.segment<3>(i).cwiseProduct(mobile.segment<3>(i)).norm());
  return largest;
}

MinimizeOutcome minimize(const EnergySurface &surface, Eigen::VectorXd &x, const Eigen::VectorXd &mobile,
                         double max_force_eV_A, int max_steps, const FireSettings &settings) {
  FireIntegrator fire(x.size(), settings);
  Eigen::VectorXd force(x.size());
  MinimizeOutcome out;
  for (out.steps = 0;; ++out.steps) {
    out.energy_eV = surface(x, force);
    out.max_atom_force_eV_A = max_atom_force(force, mobile);
    if (out.max_atom_force_eV_A < max_force_eV_A) {
      out.converged = true;
      break;
    }
    if (out.steps >= max_steps || !std::isfinite(out.energy_eV)) break;
    fire.step(x, force, mobile);
  }
  return out;
}

}  // namespace anodekmc::barriers
