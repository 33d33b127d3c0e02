// The `anodekmc lammps` driver: runs a LAMMPS input deck like Debian's `lmp`, with every
// anodekmc style registered. Documentation: docs/cli_lammps.md.
#pragma once

namespace anodekmc {

/// Runs LAMMPS with the command-line switches in argv[1..argc-1] (argv[0] is the program name
/// LAMMPS reports), reading the input from -in or stdin, exactly as `lmp` does. MPI must be
/// initialised by the caller; the instance runs on MPI_COMM_WORLD. Returns the exit status.
/// LAMMPS errors end the process from inside LAMMPS (this Debian build has no exceptions).
int run_lammps(int argc, char **argv);

}  // namespace anodekmc
