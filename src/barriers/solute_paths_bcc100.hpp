// Li paths next to one solute atom M on bcc(100) that the flat-hop catalog does not hold, for
// the dopant screening (SCIENCE.md §7: "hop, exchange and step-crossing barriers near the
// dopant"):
//   exchange     the adatom in a hollow with M at one corner pushes M out of the top layer
//                into the hollow beyond and takes its site (exchange_hop_bcc100.hpp);
//                forward = E_ex(adatom on M), reverse = E_ex(M adatom on the host);
//   step down    the adatom descends a [010] step whose edge atom under its path is M, by the
//                hop over the edge and by the exchange with the edge atom (step_hop_bcc100.hpp);
//                reverse = the ascent.
// With M = the host, the same paths on the pure surface (the baseline). Every NEB goes through
// checked_neb_fields on one LAMMPS instance per path (MPI_COMM_SELF): the caller is one rank.
#pragma once

#include <string>

#include "barriers/barrier_config.hpp"

namespace anodekmc::barriers {

struct PathBarrier {
  std::string path;              // "exchange", "step hop", "step exchange"
  double forward_eV = 0, reverse_eV = 0, max_force_eV_A = 0;
  bool converged = false;
  std::string failure;           // why not converged (or the end state left its sites)
};

struct SolutePaths {
  PathBarrier exchange;
  PathBarrier step_hop, step_exchange;  // the two step-descent paths
  int cells_x = 0, cells_y = 0, step_rows = 0;
  /// The lower converged step descent (nullptr when neither converged).
  const PathBarrier *step_down() const;
};

/// `config`: database, host, moving species (the adatom), bcc100 slab spec (cells 0: from the
/// cutoff, as the catalog job chooses them), NEB settings and step_rows. `solute`: M (the
/// host for the pure-surface reference). Throws std::invalid_argument for another facet or an
/// element the database lacks.
SolutePaths compute_solute_paths_bcc100(const BarrierConfig &config, const std::string &solute);

}  // namespace anodekmc::barriers
