// Ehrlich-Schwoebel hops on bcc(110): an adatom descending (and, read backwards, ascending) a
// monatomic step along [001], turned into atoms and keyed as the kMC engine keys the same SOS
// configuration. The bcc(100) builder (step_hop_bcc100.hpp) explains why a strip.
//
// Net (hop_configuration_bcc110.hpp): x = [001], y = [1-10], columns P(i, j) = i e1 + j e2 with
// e1 = (a, 0), e2 = (a/2, a/sqrt 2); net row j lies at y = j a/sqrt 2, so an a x a sqrt 2 cell
// holds two rows. Column (i, j)'s layer-1 site is P + e1/2 (the continuation site the flat
// builder uses). bcc(110) stacks AB, so the layer-2 sites lie straight above top-layer atoms.
//
// The strip is `strip_rows` net rows of atoms on the layer-1 sites, running along x ([001]) over
// the whole cell: its two edges are straight [001] steps, the only straight step of the kMC's
// bcc110 net that is periodic in the slab's rectangular cell. (The close-packed <111> steps run
// along hop directions, which are oblique to the cell.)
//
// SOS picture: strip rows 1 .. W at height 1, the adatom's column (i_e, W) on the +y edge row at
// height 2, every other column 0. The hop is the kMC's (-1, +1) hop of that column, down onto
// column (i_e - 1, W + 1); its key comes from sos_hop_key() (n_initial 0, n_final 2: the edge
// column the atom leaves, counted at its new height, and the edge column (i_e - 1, W); by the
// mirror symmetry of the straight step the (0, +1) hop has the same key).
//
// Atoms. The edge column's layer-2 atom sits at its top-layer atom's position P(i_e, W), two
// layer spacings up: on the two edge atoms P +- e1/2 (its nearest neighbours, at sqrt(3)/2 a) with
// one of the two second neighbours (at a) a strip atom and the other missing: the site at the
// edge. The foot of the step is the layer-1 site of column (i_e - 1, W + 1), P + (0, a/sqrt 2):
//   hop       the adatom alone, between the two edge atoms, down to the foot (in-plane
//             displacement (0, a/sqrt 2): straight across the step);
//   exchange  the adatom pushes the edge atom at P + e1/2 out to the foot (a nearest-neighbour
//             move) and takes its place: the same end state with two atoms exchanged.
#pragma once

#include <string>
#include <vector>

#include "barriers/step_hop.hpp"

namespace anodekmc::barriers {

/// `clean`: a clean bcc110 slab of species 0 (`elements[0]`, the host), at least 4 cells along
/// x. The strip has `strip_rows` (>= 2) net rows and leaves at least 3 rows of lower terrace
/// (the slab has 2 rows per cell along y). `edge_species`: the species of the edge atom the
/// exchange pushes out (the hop passes beside it); the key stays that of the host step. Throws
/// std::invalid_argument for another facet or a strip that does not fit. `start` kInner
/// (step_hop.hpp): the adatom starts one row further in, above the top-layer atom P(i_e, W - 1)
/// (on the strip atoms of columns (i_e, W - 1) and (i_e - 1, W - 1), every neighbour present),
/// which needs a strip of at least 3 rows.
StepHop build_step_down_bcc110(const Slab &clean, int strip_rows, StepPath path, const std::vector<std::string> &elements,
                               int edge_species = 0, StepStart start = StepStart::kEdge);

}  // namespace anodekmc::barriers
