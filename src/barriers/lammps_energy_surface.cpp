#include "barriers/lammps_energy_surface.hpp"

#include <stdexcept>

#include "lammps/lammps_session.h"
#include "library.h"

namespace anodekmc::barriers {

LammpsEnergySurface::LammpsEnergySurface(const potential::PeriodicStructure &structure,
                                         const std::vector<std::string> &elements, const std::string &database_path,
                                         MPI_Comm comm)
    : session_(std::make_unique<LammpsSession>(comm)), atoms_(static_cast<int>(structure.size())) {
  if (elements.empty()) throw std::invalid_argument("LammpsEnergySurface: no elements");
  for (int s : structure.species)
    if (s < 0 || s >= static_cast<int>(elements.size()))
      throw std::invalid_argument("LammpsEnergySurface: a species index has no element");
  session_->reset();
  session_->create_structure(structure, static_cast<int>(elements.size()));
  std::string coeff = "pair_coeff * * " + database_path;
  for (const auto &e : elements) coeff += " " + e;
  // The NEB moves atoms by up to 0.1 Å per step between calls: a 2 Å skin and a check every
  // step keep the lists right without rebuilding them on every call.
  session_->commands({"pair_style eam/analytic", coeff, "neighbor 2.0 bin", "neigh_modify every 1 delay 0 check yes"});
}

LammpsEnergySurface::~LammpsEnergySurface() = default;

double LammpsEnergySurface::evaluate(const Eigen::VectorXd &x, Eigen::VectorXd &forces) {
  if (x.size() != 3 * atoms_) throw std::invalid_argument("LammpsEnergySurface: wrong coordinate count");
  // lammps_scatter_atoms takes a non-const buffer ordered by atom ID (IDs 1..N follow the
  // structure's order: create_structure makes one atom per site, in order).
  std::vector<double> buffer(x.data(), x.data() + x.size());
  char x_name[] = "x", f_name[] = "f";  // this library.h takes non-const names
  lammps_scatter_atoms(session_->lammps(), x_name, 1, 3, buffer.data());
  session_->command("run 0 post no");  // setup remaps atoms into the box and rebuilds what is needed
  lammps_gather_atoms(session_->lammps(), f_name, 1, 3, buffer.data());
  forces = Eigen::Map<const Eigen::VectorXd>(buffer.data(), x.size());
  ++evaluations_;
  return session_->thermo("pe");
}

EnergySurface LammpsEnergySurface::surface() {
  return [this](const Eigen::VectorXd &x, Eigen::VectorXd &f) { return evaluate(x, f); };
}

}  // namespace anodekmc::barriers
