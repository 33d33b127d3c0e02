// FIRE minimisation (Bitzek, Koskinen, Gähler, Moseler and Gumbsch, Phys. Rev. Lett. 97,
// 170201 (2006)) of a generic force field: used to relax NEB end points and, with its step
// function, to move all NEB images together (the NEB "force" is not a gradient, which rules
// out line-search methods but not FIRE).
#pragma once

#include <Eigen/Dense>
#include <functional>

#include "barriers/energy_surface.hpp"

namespace anodekmc::barriers {

struct FireSettings {
  double timestep = 0.05;        // with unit mass: v += dt F (eV/Å), x += dt v (Å)
  double max_timestep = 0.5;
  double max_step_A = 0.1;       // largest displacement of any coordinate in one step
  int steps_before_speedup = 5;  // N_min of Bitzek et al.
  double speedup = 1.1, slowdown = 0.5, alpha_start = 0.1, alpha_decay = 0.99;
};

/// FIRE state for one optimisation; `step` takes the current forces and moves `x`.
class FireIntegrator {
 public:
  FireIntegrator(Eigen::Index size, const FireSettings &settings);
  /// One FIRE step: velocities mixed toward the force, reset on uphill motion, then x moves.
  /// `mobile` (same size, 1 or 0) freezes coordinates.
  void step(Eigen::VectorXd &x, const Eigen::VectorXd &force, const Eigen::VectorXd &mobile);

 private:
  FireSettings settings_;
  Eigen::VectorXd velocity_;
  double timestep_, alpha_;
  int steps_since_reset_ = 0;
};

struct MinimizeOutcome {
  double energy_eV = 0;
  double max_atom_force_eV_A = 0;  // largest per-atom force norm over mobile atoms
  int steps = 0;
  bool converged = false;
};

/// Largest per-atom force norm (3 coordinates per atom) over coordinates with mobile = 1.
double max_atom_force(const Eigen::VectorXd &force, const Eigen::VectorXd &mobile);

/// Relaxes `x` on `surface` until the largest per-atom force is below `max_force_eV_A`.
MinimizeOutcome minimize(const EnergySurface &surface, Eigen::VectorXd &x, const Eigen::VectorXd &mobile,
                         double max_force_eV_A, int max_steps, const FireSettings &settings = {});

}  // namespace anodekmc::barriers
