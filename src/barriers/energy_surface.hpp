// The interface between the barrier algorithms and whatever computes energies: a function of
// a flat coordinate vector (3 per atom, Å) returning the energy (eV) and filling the forces
// (eV/Å, minus the gradient). The NEB and the minimiser see only this, so they run the same on
// an analytic test surface, on the pure-C++ EAM model, or on LAMMPS through its library
// interface.
#pragma once

#include <Eigen/Dense>
#include <functional>

namespace anodekmc::barriers {

using EnergySurface = std::function<double(const Eigen::VectorXd &coordinates_A, Eigen::VectorXd &forces_eV_A)>;

}  // namespace anodekmc::barriers
