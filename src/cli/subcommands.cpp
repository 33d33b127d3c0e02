#include "cli/subcommands.hpp"

namespace anodekmc::cli {

const std::vector<Subcommand> &subcommands() {
  static const std::vector<Subcommand> table = {
      {"lammps", "run a LAMMPS input deck with every anodekmc style registered (like lmp; MPI)",
       &run_lammps_subcommand},
      {"potential", "analytic EAM potential: fit the database, export setfl, report against targets",
       &run_potential_subcommand},
      {"barriers", "hop barriers by climbing-image NEB through LAMMPS, written as a kMC barrier catalog",
       &run_barriers_subcommand},
      {"kmc", "surface kinetic Monte Carlo: deposition, hops, nucleation on Li and Li-alloy nets",
       &run_kmc_subcommand},
      {"table", "continuum lookup tables: D(T, composition, facet) from kMC to CSV, MOOSE and JSON",
       &run_table_subcommand},
      {"segregate", "segregation and complexions: layer and pair energies from LAMMPS slabs, lattice SGC MC + "
                    "multilayer mean field maps, kMC substrate hand-off",
       &run_segregate_subcommand},
      {"screen", "dopant screening: segregation, adsorption, barriers, kMC diffusivity and nucleation per "
                 "dopant, ranked, with a report (MPI)",
       &run_screen_subcommand},
  };
  return table;
}

}  // namespace anodekmc::cli
