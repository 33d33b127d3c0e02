// `anodekmc lammps`: LAMMPS with the anodekmc styles. Its switches are LAMMPS's own and are
// parsed by LAMMPS, so this file only documents them for --help and starts MPI.
#include "cli/subcommands.hpp"

#include "lammps/lammps_driver.h"
#include "lammps/register_styles.h"

#include <mpi.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <iostream>

namespace anodekmc::cli {

namespace {

void print_lammps_help() {
  // LAMMPS parses these switches itself (they are single-dash words, which Program_options
  // does not model), so they are documented here as a table rather than declared.
  struct Switch {
    const char *name, *args, *text;
  };
  const Switch switches[] = {
      {"-in, -i", "file", "input deck to read (default: standard input)"},
      {"-var, -v", "name value ...", "define an index-style variable"},
      {"-log, -l", "file | none", "log file (default: log.lammps)"},
      {"-screen, -sc", "file | none", "where screen output goes"},
      {"-echo, -e", "none|screen|log|both", "echo input lines"},
      {"-partition, -p", "NxM ...", "multi-partition runs (NEB, temper)"},
      {"-plog, -pl", "basename", "per-partition log files"},
      {"-pscreen, -ps", "basename", "per-partition screen files"},
      {"-nocite, -nc", "", "no citation reminder file"},
      {"-skiprun, -sr", "", "read the deck but skip run and minimize"},
      {"-restart2data, -r2data", "rfile dfile", "convert a restart file to a data file and exit"},
      {"-suffix, -sf", "style", "style suffix (omp, opt)"},
      {"-help, -h", "", "LAMMPS's own help (its stock style list)"},
  };
  std::cout << "Usage: [mpirun -np N] anodekmc lammps [LAMMPS switches]\n\n"
               "Runs a LAMMPS input deck with Debian's liblammps (LAMMPS 29 Sep 2021) and every\n"
               "anodekmc style registered, exactly like Debian's lmp otherwise. The styles stay\n"
               "registered after 'clear'. Under mpirun the ranks share the simulation as with lmp.\n\n"
               "LAMMPS switches (passed to LAMMPS unchanged):\n";
  for (const auto &sw : switches) {
    std::string head = std::string("  ") + sw.name + (sw.args[0] ? std::string(" ") + sw.args : "");
    head.resize(std::max<std::size_t>(head.size() + 1, 40), ' ');
    std::cout << head << sw.text << "\n";
  }
  std::cout << "  --help                                this text\n\nanodekmc styles available in decks:\n";
  for (const auto &s : style_list()) std::cout << "  " << s.kind << " " << s.name << ": " << s.info << "\n";
  std::cout << "\nExample: mpirun -np 2 anodekmc lammps -in inputs/layer_excess_demo/in.layer_excess\n"
               "Documentation: docs/cli_lammps.md, and one page per style in docs/.\n";
}

}  // namespace

int run_lammps_subcommand(int argc, char **argv) {
  // Only as the first argument: later words belong to LAMMPS switches (e.g. a -var value).
  if (argc > 1 && std::strcmp(argv[1], "--help") == 0) {
    print_lammps_help();
    return 0;
  }
  MPI_Init(&argc, &argv);
  const int status = run_lammps(argc, argv);
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
