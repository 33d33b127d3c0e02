// A step (Ehrlich-Schwoebel) hop turned into atoms: the types the per-facet step builders
// share (step_hop_bcc100.hpp, step_hop_bcc110.hpp), the choice between them by facet, and the
// slab a step needs (the flat slab widened across the step, so the lower terrace is as wide as
// the flat slab).
//
// Each builder lays a strip of extra top-layer atoms, periodic along the step, on a clean slab,
// puts the adatom on the strip at its +edge and builds the descent to the foot of the step by
// one of two paths (StepPath): the adatom alone over the edge, or the exchange in which it
// pushes an edge atom out to the foot and takes its place (same end state, two atoms swapped).
// One NEB gives the down key forward and the up key (the reverse hop) backwards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "barriers/hop_configuration.hpp"
#include "barriers/sos_hop_key.hpp"

namespace anodekmc::barriers {

enum class StepPath { kHop, kExchange };
const char *step_path_name(StepPath path);

/// Where the adatom starts on the strip: on the edge column's own site (the SOS picture of the
/// catalog's step row), or one row further in, the nearest fully supported site behind it. The
/// inner start is for edges whose edge site is not a minimum (on Li(110) an edge atom of Mg,
/// Hg, Na, K, Ag or Au pushes the adatom back onto the terrace): its descent crosses the edge site,
/// and it is not the catalog key's configuration (the screening's step paths use it).
enum class StepStart { kEdge, kInner };
const char *step_start_name(StepStart start);

struct StepHop {
  HopConfiguration configuration;
  HopKey key;                            // of the descent (sos_hop_key on `sos`)
  SosSurface sos;                        // the configuration in the kMC's terms
  std::uint32_t from_column = 0;         // the hopping column of `sos`
  int direction = 0;                     // its hop direction
  std::size_t first_added_atom = 0;      // strip atoms, then the adatom(s), follow the slab
  std::size_t edge_atom = 0;             // the strip atom the exchange pushes out
  std::vector<Eigen::Vector3d> sites_A;  // layer-1 and layer-2 sites, for the end-state check
};

/// The common end of the step builders. `slab`: `clean` with the strip added (out.edge_atom
/// set). Adds the host adatom at `on_strip_A` (its final position `foot_A` on the hop path; on the
/// exchange path it ends at the edge atom's position and the edge atom at `foot_A`) and lists the
/// end-state sites: `clean`'s adatom (layer-1) sites and the layer-2 sites straight above its
/// top-layer atoms (bcc(100) and bcc(110) both stack AB).
void finish_step_hop(StepHop &out, Slab slab, const Slab &clean, StepPath path, const Eigen::Vector3d &on_strip_A,
                     const Eigen::Vector3d &foot_A);

/// Whether `facet` has a step builder (bcc100, bcc110).
bool has_step_hops(const std::string &facet);

/// The step slab's spec: `flat` widened across the step by enough cells for a strip of
/// `strip_rows` rows (x on bcc(100), whose cells hold one row; y on bcc(110), two rows a cell).
SlabSpec step_slab_spec(const SlabSpec &flat, int strip_rows);

/// The step descent of `facet` (bcc100 or bcc110) on `clean` (a clean slab of that facet built
/// from step_slab_spec); arguments as build_step_down_bcc100. Throws std::invalid_argument for
/// a facet without step hops.
StepHop build_step_down(const std::string &facet, const Slab &clean, int strip_rows, StepPath path,
                        const std::vector<std::string> &elements, int edge_species = 0,
                        StepStart start = StepStart::kEdge);

}  // namespace anodekmc::barriers
