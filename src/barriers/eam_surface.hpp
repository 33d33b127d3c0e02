// The pure-C++ EAM model as an EnergySurface: coordinates are the atoms of a fixed periodic
// cell (species and cell taken from a template structure). Lets the barrier algorithms run and
// be tested without LAMMPS; production barriers use LAMMPS through its library interface.
#pragma once

#include "barriers/energy_surface.hpp"
#include "potential/eam_model.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc::barriers {

/// `model` and `cell_template` must outlive the returned function's calls (both are copied).
EnergySurface eam_energy_surface(const potential::EamModel &model, const potential::PeriodicStructure &cell_template);

/// Flat coordinates (3 per atom) of a structure, and back.
Eigen::VectorXd flat_coordinates(const potential::PeriodicStructure &structure);
void set_coordinates(potential::PeriodicStructure &structure, const Eigen::VectorXd &coordinates_A);

}  // namespace anodekmc::barriers
