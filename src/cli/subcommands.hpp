// The table of anodekmc subcommands. Only subcommands that work are listed.
#pragma once

#include <string>
#include <vector>

namespace anodekmc::cli {

struct Subcommand {
  std::string name;
  std::string summary;
  /// argv[0] is the subcommand name; returns the process exit status.
  int (*run)(int argc, char **argv);
};

const std::vector<Subcommand> &subcommands();

/// `anodekmc lammps`: runs a LAMMPS input deck with every anodekmc style (cmd_lammps.cpp).
int run_lammps_subcommand(int argc, char **argv);

/// `anodekmc kmc`: the surface kinetic Monte Carlo engine (cmd_kmc.cpp).
int run_kmc_subcommand(int argc, char **argv);

/// `anodekmc table build`: continuum lookup tables from kMC (cmd_table.cpp).
int run_table_subcommand(int argc, char **argv);

/// `anodekmc segregate map`: complexion maps, lattice SGC MC and mean field (cmd_segregate.cpp).
int run_segregate_subcommand(int argc, char **argv);
/// `anodekmc segregate energies CONFIG.ini` after MPI_Init (cmd_segregate_energies.cpp; runs
/// LAMMPS on every rank); returns the exit status.
int run_segregate_energies(const std::string &config_path, const std::string &output, bool quiet, int rank, int ranks);

/// `anodekmc barriers CONFIG.ini`: NEB barrier catalogs (cmd_barriers.cpp).
int run_barriers_subcommand(int argc, char **argv);

/// `anodekmc screen CONFIG.ini`: dopant screening and its report (cmd_screen.cpp).
int run_screen_subcommand(int argc, char **argv);

/// `anodekmc potential fit | export | report`: the analytic EAM database (cmd_potential.cpp).
int run_potential_subcommand(int argc, char **argv);
/// `anodekmc potential report` (cmd_potential_report.cpp; runs LAMMPS).
int run_potential_report(int argc, char **argv);

}  // namespace anodekmc::cli
