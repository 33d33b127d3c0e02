// `anodekmc barriers`: every hop environment of the config through the NEB on LAMMPS, shared
// over MPI ranks (static round-robin on the environment index; each rank runs its own LAMMPS
// instance on MPI_COMM_SELF, so the NEBs are independent), then rank 0 writes the catalog CSV,
// its JSON provenance and the bond-counting fit.
#pragma once

#include <mpi.h>

#include <iosfwd>
#include <string>

#include "barriers/barrier_config.hpp"

namespace anodekmc::barriers {

struct CatalogJobSummary {
  std::size_t environments = 0, converged = 0, rows = 0;
  double slab_size_change_eV = 0;  // bare hop barrier, slab one cell wider minus this slab
};

/// Runs the job; `progress` (rank 0 only, may be null) gets one line per environment.
/// Writes <output>/catalog.csv, catalog.json. Throws std::runtime_error on bad input.
CatalogJobSummary run_catalog_job(const BarrierConfig &config, const std::string &config_text, MPI_Comm comm,
                                  std::ostream *progress);

}  // namespace anodekmc::barriers
