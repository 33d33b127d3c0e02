// Relaxed energies of periodic crystals through LAMMPS with pair_style eam/analytic: cell and
// atoms (fix box/relax + minimize), atoms only, or a single-point energy. Shared by
// `anodekmc potential report` (every fit target) and `anodekmc screen` (solution energies), so
// both measure a dilute heat of solution the same way.
#pragma once

#include <mpi.h>

#include <string>
#include <vector>

#include "lammps/lammps_session.h"
#include "potential/periodic_structure.hpp"

namespace anodekmc {

/// One-element cells as the report builds them: cubic conventional cells (fcc, bcc, ...), and hcp
/// as the orthohexagonal 4-atom cell (a, sqrt(3) a, c) so that fix box/relax can keep it hexagonal.
potential::PeriodicStructure unit_cell(const std::string &structure, double a_A, double c_over_a, int species);

/// Replicates `cell` so that every cell height is at least `min_length_A`.
potential::PeriodicStructure big_enough(const potential::PeriodicStructure &cell, double min_length_A);

class CrystalRelaxer {
 public:
  struct Relaxed {
    double energy_per_atom_eV = 0;
    double lx = 0, ly = 0, lz = 0;  // cell lengths after relaxation, Å
    double atoms = 0;
  };

  /// LAMMPS runs on every rank of `comm`; `database_path` goes into pair_coeff as given.
  CrystalRelaxer(std::string database_path, MPI_Comm comm, const std::string &log_path = "none");

  /// Loads `s` with elements `symbols` (species index order), then relaxes: mode "aniso",
  /// "iso", "tri" (cell and atoms, zero pressure), other fix box/relax arguments as given
  /// (e.g. "x 0.0 y 0.0 z 0.0 couple xy"), or "atoms" (fixed cell).
  Relaxed relax(const potential::PeriodicStructure &s, const std::vector<std::string> &symbols, const std::string &mode);
  /// Single-point total energy (eV).
  double energy(const potential::PeriodicStructure &s, const std::vector<std::string> &symbols);
  /// Loads `s` without running anything (for callers that issue their own commands).
  void load(const potential::PeriodicStructure &s, const std::vector<std::string> &symbols);

  LammpsSession &session() { return session_; }

 private:
  std::string database_path_;
  LammpsSession session_;
};

}  // namespace anodekmc
