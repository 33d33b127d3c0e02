// Flat hops on bcc(110) turned into atoms, keyed as the kMC engine keys them on its centred-
// rectangular bcc110 net (lattice/surface_net.hpp, kmc/kmc_engine.cpp).
//
// Net (x = [001], y = [1-10], conventional constant a): columns at i e1 + j e2 with
// e1 = (a, 0), e2 = (a/2, a/sqrt 2). The kMC's lateral neighbours of a column are all six
// first-shell columns, (+-1, 0) at distance a and (0, +-1), (1, -1), (-1, 1) at sqrt(3)/2 a;
// adatoms hop along the four short ones only. n_initial / n_final count occupied lateral
// neighbours of the initial / final column other than the partner column (in a flat hop the
// partner is one layer lower before and after, so the kMC never counts it).
//
// Column <-> atoms: column (i, j) is the top-layer atom P at i e1 + j e2, and its adsorption
// site (the bulk continuation site, a long bridge between two top-layer atoms a apart along
// [001]) is P + e1/2. The kMC has one substrate species per column and no atomic geometry, so
// which of the site's two nearest top-layer atoms is the column's is a convention: this is the
// one of the segregation lattice (segregation/slab_lattice.cpp indexes site (i, j) of the next
// bcc(110) plane at (i, j) + e1/2), which writes the substrate maps the kMC reads. So "below" a
// site is its nearest top-layer atom on the -[001] side (3-D distance sqrt(3)/2 a); the other
// nearest atom, on the +[001] side, is the next column's. The representative configuration of a key carries below_initial on that atom of
// the initial site and below_final on that atom of the final site; every other substrate atom
// is host.
//
// The hop goes from column A to B = A + e2 (the +e2 direction of the kMC). A and B share two
// lateral neighbours, (1, 0) (distance a from A, sqrt(3)/2 a from B) and (-1, 1) (sqrt(3)/2 a
// from A, a from B), so one adatom there counts for both n_initial and n_final. Lateral
// adatoms (host/deposited species) fill, in offsets (di, dj) from A:
//   A's own neighbours  (0, -1), (1, -1), (-1, 0)     (two short bonds, then the long one)
//   B's own neighbours  (0, 2), (-1, 2), (1, 1)       (their images under the 2-fold rotation
//                                                       about the hop's midpoint)
//   shared              c = max(0, n_i - 3, n_f - 3) of them, c = 2 when n_i = n_f would
//                       give 1; with c = 1 the one at sqrt(3)/2 a from the more coordinated
//                       end ((-1, 1) if n_i > n_f, else (1, 0)).
// The lateral arrangement of the reverse key is then the 2-fold image of the forward one, so one
// NEB gives both rows. The substrate arrangement of the reverse row is the kMC's for the -e2 hop
// (the solute sits beside the path under the new initial site, behind it under the new final
// one), so both rows are configurations the kMC engine does produce.
//
// Pairs (n_i, n_f) in 0..5 that a flat hop can have: c = max(0, n_i - 3, n_f - 3) must not
// exceed min(n_i, n_f, 2). That leaves 30 ordered pairs, 18 up to reversal.
#pragma once

#include <string>
#include <vector>

#include "barriers/hop_configuration.hpp"

namespace anodekmc::barriers {

/// Whether a flat hop on bcc(110) can have lateral coordination (n_initial, n_final).
bool flat_hop_bcc110_possible(int n_initial, int n_final);

/// `slab`: a clean bcc110 slab of species 0 (the host), at least 4 x 3 cells (a x a sqrt 2
/// each). `elements[s]` is the symbol of species s. Throws std::invalid_argument for another
/// facet, a slab too small, an unknown element, a step other than flat, or a coordination pair
/// no flat hop has (flat_hop_bcc110_possible).
HopConfiguration build_flat_hop_bcc110(const Slab &slab, const HopKey &key, const std::vector<std::string> &elements);

/// Flat hops on bcc(110) for `moving` over the substrate species `substrate` (host first), up
/// to `limit` keys, lowest total coordination first; one key per reverse pair.
std::vector<HopKey> enumerate_flat_hops_bcc110(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit);

}  // namespace anodekmc::barriers
