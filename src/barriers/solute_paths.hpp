// Li paths next to one solute atom M that the flat-hop catalog does not hold, for the dopant
// screening (SCIENCE.md §7: "hop, exchange and step-crossing barriers near the dopant"):
//   exchange     checked_exchange_neb_fields: the adatom next to a top-layer atom pushes it out
//                onto the adsorption site beyond and takes its site (exchange_hop.hpp); the
//                catalog job runs it per substrate species with `exchange = yes`;
//   step down    compute_solute_paths (bcc(100) and bcc(110), the step builders' facets): the
//                adatom descends a straight step ([010] on (100), [001] on (110)) whose edge
//                atom beside its path is M, by the hop over the edge and by the exchange with
//                that edge atom (step_hop_bcc100.hpp, step_hop_bcc110.hpp); reverse = the
//                ascent. With M = the host, the same paths on the pure surface.
// Every NEB goes through checked_neb_fields on one LAMMPS instance per path (MPI_COMM_SELF).
#pragma once

#include <string>
#include <vector>

#include "barriers/barrier_config.hpp"
#include "potential/eam_model.hpp"

namespace anodekmc::barriers {

struct PathBarrier {
  std::string path;              // "exchange", "step hop", "step exchange"
  double forward_eV = 0, reverse_eV = 0, max_force_eV_A = 0;
  bool converged = false;
  std::string failure;           // why not converged (or the end state left its sites)
};

struct SolutePaths {
  PathBarrier step_hop, step_exchange;  // the two step-descent paths
  // Where they start (step_hop.hpp StepStart): "edge", or "inner" when neither path from the
  // edge site converged (e.g. an M edge atom pushes the adatom off the edge site on Li(110)) and
  // the strip has the 3 rows an inner start needs; then `edge_failure` says why the edge failed.
  std::string start = "edge";
  std::string edge_failure;
  int cells_x = 0, cells_y = 0, step_rows = 0;  // flat slab cells; rows of the strip
  int step_cells_x = 0, step_cells_y = 0;        // the step slab's cells (step_slab_spec)
  /// The lower converged step descent (nullptr when neither converged).
  const PathBarrier *step_down() const;
};

/// The exchange NEB of an adatom of species `moving` with a top-layer atom of species `pushed`
/// on `slab` (exchange_hop.hpp), end states checked for both moving atoms (checked_neb.hpp).
/// Fields and `failure` as checked_neb_fields.
std::vector<double> checked_exchange_neb_fields(const Slab &slab, int moving, int pushed,
                                                const std::vector<std::string> &elements,
                                                const std::vector<double> &element_masses_amu,
                                                const potential::EamModel &model, const BarrierConfig &config,
                                                std::string &failure);

/// The step-descent paths over an M edge atom. `config`: database, host, moving species (the
/// adatom), bcc100 or bcc110 slab spec (cells 0: from the cutoff, as the catalog job chooses
/// them; the step slab is widened across the step: step_slab_spec), NEB settings and
/// step_rows. `solute`: M (the host for the pure-surface reference). If neither path converges
/// from the edge site, both are run again from the site one row in (SolutePaths::start). Throws
/// std::invalid_argument for another facet or an element the database lacks.
SolutePaths compute_solute_paths(const BarrierConfig &config, const std::string &solute);

}  // namespace anodekmc::barriers
