#include "barriers/eam_surface.hpp"

#include <stdexcept>

#include "potential/eam_calculator.hpp"

namespace anodekmc::barriers {

Eigen::VectorXd flat_coordinates(const potential::PeriodicStructure &structure) {
  Eigen::VectorXd x(3 * static_cast<Eigen::Index>(structure.size()));
  for (std::size_t k = 0; k < structure.size(); ++k) x.segment<3>(3 * static_cast<Eigen::Index>(k)) = structure.positions_A[k];
  return x;
}

void set_coordinates(potential::PeriodicStructure &structure, const Eigen::VectorXd &coordinates_A) {
  if (coordinates_A.size() != 3 * static_cast<Eigen::Index>(structure.size()))
    throw std::invalid_argument("coordinate vector does not match the structure's atom count");
  for (std::size_t k = 0; k < structure.size(); ++k)
    structure.positions_A[k] = coordinates_A.segment<3>(3 * static_cast<Eigen::Index>(k));
}

EnergySurface eam_energy_surface(const potential::EamModel &model, const potential::PeriodicStructure &cell_template) {
  return [model, cell_template](const Eigen::VectorXd &x, Eigen::VectorXd &forces) {
    potential::PeriodicStructure s = cell_template;
    set_coordinates(s, x);
    const potential::EamResult r = potential::evaluate_eam(model, s);
    forces.resize(x.size());
    for (std::size_t k = 0; k < s.size(); ++k) forces.segment<3>(3 * static_cast<Eigen::Index>(k)) = r.forces_eV_A[k];
    return r.energy_eV;
  };
}

}  // namespace anodekmc::barriers
