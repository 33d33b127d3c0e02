// Relaxed energies of slabs through LAMMPS (pair_style eam/analytic, `minimize` with conjugate
// gradients): the workhorse of `anodekmc segregate energies`. One LAMMPS instance on `comm`
// (all ranks make the same calls and get the same numbers); each relax() starts from a clean
// box, so one relaxation never leaks into the next. Every atom is free: the slabs used are
// symmetric (two free surfaces), so nothing needs to be held fixed.
#pragma once

#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

#include "potential/periodic_structure.hpp"

namespace anodekmc {
class LammpsSession;
}

namespace anodekmc::barriers {

struct RelaxSettings {
  double force_tolerance_eV_A = 1e-5;  // LAMMPS ftol: stop when the 2-norm of all forces is below it
  int max_iterations = 20000;          // CG iterations (force evaluations: 10x)
};

struct RelaxedEnergy {
  double energy_eV = 0;
  double force_norm_eV_A = 0;  // 2-norm of the whole force vector at the end
  double max_force_eV_A = 0;   // largest force component at the end
  long iterations = 0;
  bool converged = false;      // force_norm_eV_A <= force_tolerance_eV_A
};

class SlabRelaxer {
 public:
  /// `elements[s]` is the element of species s (LAMMPS type s + 1). Several species may map
  /// to the same element (the tests use this: a "dopant" that is a host atom).
  SlabRelaxer(std::vector<std::string> elements, std::string database_path, RelaxSettings settings,
              MPI_Comm comm = MPI_COMM_WORLD);
  ~SlabRelaxer();
  SlabRelaxer(const SlabRelaxer &) = delete;
  SlabRelaxer &operator=(const SlabRelaxer &) = delete;

  /// Relaxes the positions (cell fixed) and returns the energy; `structure` is not changed.
  RelaxedEnergy relax(const potential::PeriodicStructure &structure);
  /// LAMMPS's version date as a number (e.g. 20210929).
  int lammps_version();

 private:
  std::unique_ptr<LammpsSession> session_;
  std::vector<std::string> elements_;
  std::string database_path_;
  RelaxSettings settings_;
};

}  // namespace anodekmc::barriers
