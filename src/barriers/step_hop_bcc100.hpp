// Ehrlich-Schwoebel hops on bcc(100): an adatom descending (and, read backwards, ascending) a
// monatomic step, turned into atoms and keyed as the kMC engine keys the same SOS configuration.
//
// Why a strip: a vicinal slab needs a sheared (tilted) cell and fixed layers that follow the
// terraces; an extra partial top layer is periodic in the ordinary rectangular slab cell. The
// strip is `strip_rows` rows of atoms on the continuation (4-fold hollow) sites of the top
// layer, running along y over the whole cell, so it has two straight steps along y ([010], the
// square net's axis: the only straight step the kMC's square net has along a hop direction).
// Both edges are mirror images of each other (x -> -x through the strip's middle).
//
// SOS picture (kMC net of the slab's top layer: column (i, j) <-> top-layer atom (i, j) a;
// docs/cli_barriers.md "Steps"): strip columns i0 .. i0 + W - 1 have height 1, the adatom's
// column i_e = i0 + W - 1 (the +x edge) height 2, every other column 0. The hop is the +x hop of
// column (i_e, j): down, onto column i_e + 1. Its key comes from sos_hop_key() on that map
// (n_initial = 0, n_final = 1: the edge column beside the landing site).
//
// Atoms: a column's layer-1 atom is at (i + 1/2, j + 1/2) a (the flat builder's adatom site);
// its layer-2 atom at (i, j) a, two layer spacings above the top layer, i.e. the 4-fold hollow
// on top of the strip whose supporting strip atoms are those of columns i - 1, i (and j - 1, j):
// for the edge column that is the last 4-fold site before the +x edge (a strip of W rows has
// W - 1 rows of them; the SOS model does not know this and gives the strip W columns).
// Paths from that site to the layer-1 site of column i_e + 1 (the 4-fold hollow at the step's
// foot, ((i_e + 3/2) a, (j + 1/2) a)):
//   hop       the adatom alone, over the bridge between the two edge atoms, down to the foot
//             (in-plane displacement (3/2, 1/2) a);
//   exchange  the adatom pushes the edge atom at ((i_e + 1/2) a, (j + 1/2) a) out to the foot
//             site and takes its place: the same end state with two atoms exchanged.
// One NEB gives the down key forward and the up key (the reverse hop) backwards.
#pragma once

#include <string>
#include <vector>

#include "barriers/step_hop.hpp"

namespace anodekmc::barriers {

/// `clean`: a clean bcc100 slab of species 0 (`elements[0]`, the host). The strip has
/// `strip_rows` (>= 2) rows and leaves at least 3 rows of lower terrace. Throws
/// std::invalid_argument for another facet or a strip that does not fit.
/// `edge_species`: the species of the edge atom (0, the host, for the catalog's step rows; a
/// solute for the screening's step crossing next to a dopant, which no catalog key names: the
/// key stays that of the host step). `start` kInner (step_hop.hpp): the adatom starts on the
/// 4-fold site one row further in, ((i_e - 1) a, j a), which needs a strip of at least 3 rows.
StepHop build_step_down_bcc100(const Slab &clean, int strip_rows, StepPath path, const std::vector<std::string> &elements,
                               int edge_species = 0, StepStart start = StepStart::kEdge);

}  // namespace anodekmc::barriers
