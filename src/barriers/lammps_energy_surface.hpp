// Energies and forces from LAMMPS through its library interface, as an EnergySurface for the
// NEB: one LAMMPS instance holds the structure with pair_style eam/analytic; each call
// scatters the coordinates by atom ID, runs `run 0` and gathers forces and energy. Works on
// any number of MPI ranks (all ranks must make the same calls).
#pragma once

#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

#include "barriers/energy_surface.hpp"
#include "potential/periodic_structure.hpp"

namespace anodekmc {
class LammpsSession;
}

namespace anodekmc::barriers {

class LammpsEnergySurface {
 public:
  /// `elements[s]` is the element of species s (LAMMPS type s + 1); `database_path` the
  /// analytic EAM database. The cell and atom count are fixed from then on.
  LammpsEnergySurface(const potential::PeriodicStructure &structure, const std::vector<std::string> &elements,
                      const std::string &database_path, MPI_Comm comm = MPI_COMM_WORLD);
  ~LammpsEnergySurface();
  LammpsEnergySurface(const LammpsEnergySurface &) = delete;
  LammpsEnergySurface &operator=(const LammpsEnergySurface &) = delete;

  double evaluate(const Eigen::VectorXd &coordinates_A, Eigen::VectorXd &forces_eV_A);
  /// A callable that forwards to this object (which must outlive it).
  EnergySurface surface();
  long evaluations() const { return evaluations_; }

 private:
  std::unique_ptr<LammpsSession> session_;
  int atoms_ = 0;
  long evaluations_ = 0;
};

}  // namespace anodekmc::barriers
