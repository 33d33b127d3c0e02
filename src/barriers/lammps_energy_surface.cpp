#include "barriers/lammps_energy_surface.hpp"

#include <cmath>
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
  // An atom thrown out of the box (a band that blew up) would make LAMMPS end the process with
  // "Lost atoms"; ignored there, evaluate() sees the count drop and throws instead.
  session_->command("thermo_modify lost ignore");
}

LammpsEnergySurface::~LammpsEnergySurface() = default;

double LammpsEnergySurface::evaluate(const Eigen::VectorXd &x, Eigen::VectorXd &forces) {
  if (x.size() != 3 * atoms_) throw std::invalid_argument("LammpsEnergySurface: wrong coordinate count");
  // LAMMPS ends the process on the "Lost atoms" such coordinates cause; an exception lets the
  // caller give up on this one calculation (catalog_job.cpp records it per environment).
  if (!x.allFinite()) throw std::runtime_error("LammpsEnergySurface: non-finite coordinates (the band diverged)");
  // lammps_scatter_atoms takes a non-const buffer ordered by atom ID (IDs 1..N follow the
  // structure's order: create_structure makes one atom per site, in order).
  std::vector<double> buffer(x.data(), x.data() + x.size());
  char x_name[] = "x", f_name[] = "f";  // this library.h takes non-const names
  lammps_scatter_atoms(session_->lammps(), x_name, 1, 3, buffer.data());
  session_->command("run 0 post no");  // setup remaps atoms into the box and rebuilds what is needed
  if (session_->atom_count() != atoms_)
    throw std::runtime_error("LammpsEnergySurface: an atom left the box (the band blew up)");
  lammps_gather_atoms(session_->lammps(), f_name, 1, 3, buffer.data());
  forces = Eigen::Map<const Eigen::VectorXd>(buffer.data(), x.size());
  ++evaluations_;
  const double energy_eV = session_->thermo("pe");
  if (!forces.allFinite() || !std::isfinite(energy_eV))
    throw std::runtime_error("LammpsEnergySurface: non-finite energy or forces (atoms too close)");
  return energy_eV;
}

EnergySurface LammpsEnergySurface::surface() {
  return [this](const Eigen::VectorXd &x, Eigen::VectorXd &f) { return evaluate(x, f); };
}

}  // namespace anodekmc::barriers
