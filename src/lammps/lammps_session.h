// A LAMMPS instance used as a library by anodekmc's own jobs (potential report, later barriers
// and segregation energies): quiet, with every anodekmc style registered, and helpers to load
// a potential::PeriodicStructure and read thermo values.
//
// This Debian LAMMPS has no exceptions: a bad command ends the process. Callers validate their
// inputs before issuing commands.
#pragma once

#include <mpi.h>

#include <string>
#include <vector>

#include "potential/periodic_structure.hpp"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace anodekmc {

class LammpsSession {
 public:
  /// `log_path`: LAMMPS's log file ("none" for no log). Its screen output is off. This LAMMPS
  /// build ends the process on an error, after writing the message to the log: callers that
  /// need the message shown keep a log (see cmd_potential_report.cpp).
  explicit LammpsSession(MPI_Comm comm = MPI_COMM_WORLD, const std::string &log_path = "none");
  ~LammpsSession();
  LammpsSession(const LammpsSession &) = delete;
  LammpsSession &operator=(const LammpsSession &) = delete;

  void command(const std::string &line);
  void commands(const std::vector<std::string> &lines);
  /// `clear`, re-registration of the styles, and the metal/atomic/periodic preamble.
  void reset();
  /// A thermo keyword's value at the last run or minimisation step (pe, press, pxx..pyz, lx,
  /// ly, lz, vol: the thermo style create_structure sets); issue `run 0` after changing atoms.
  double thermo(const std::string &keyword);
  double atom_count();

  /// Creates the box (triclinic, from the cell rotated into LAMMPS's lower-triangular form)
  /// and one atom per site; LAMMPS type = species + 1. `type_count` types are declared.
  void create_structure(const potential::PeriodicStructure &structure, int type_count);

  LAMMPS_NS::LAMMPS *lammps() { return lmp_; }

 private:
  LAMMPS_NS::LAMMPS *lmp_ = nullptr;
};

}  // namespace anodekmc
