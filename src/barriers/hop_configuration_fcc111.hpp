// Flat hops on fcc(111) turned into atoms, keyed as the kMC engine keys them on its triangular
// fcc111 net (lattice/surface_net.hpp, kmc/kmc_engine.cpp).
//
// Sites: the adatom sites are the fcc hollows only (the continuation of the ABC stacking,
// slab.adatom_sites_A); the kMC's triangular net has one site per surface cell, so the hcp
// hollows are not sites of their own. Net (spacing d = a/sqrt 2, a the cubic fcc constant):
// columns at i e1 + j e2, e1 = (d, 0), e2 = (d/2, sqrt(3)/2 d), six lateral neighbours at d
// (±e1, ±e2, ±(e1 - e2)), hops along all six. Two neighbouring fcc hollows are d apart; the
// path between them crosses a bridge (between two top-layer atoms), the hcp hollow between
// them and a second bridge, so the NEB band has a shallow intermediate minimum and the row's
// barrier is its highest saddle (both bridges are equivalent, so the two maxima are equal).
//
// "Below": a fcc hollow sits on three top-layer atoms. As for bcc(110) (hop_configuration_
// bcc110.hpp) the column's own atom follows the segregation lattice, which writes the
// substrate maps the kMC reads (segregation/slab_lattice.cpp: the site of plane l + 1 sits at
// its own plane-l atom plus one stacking shift): the column's atom is the supporting atom at
// site - (stacking shift of the slab), slab_builder.cpp's (0, d/sqrt 3).
//
// The hop goes from A to B = A + e1. A and B share two lateral neighbours, (0, 1) (on the side
// of the top-layer atom the two hollows share) and (1, -1) (on the side of the hcp hollow the
// path crosses). The mirror plane perpendicular to the hop through its midpoint is a symmetry
// of the slab; it swaps A and B, their own atoms ((0, 0)'s and (1, 0)'s, which the other end
// does not touch), and maps offset (di, dj) to (1 - di - dj, dj). Lateral adatoms (deposited
// species) fill, in offsets (di, dj) from A:
//   A's own neighbours  (-1, 0), (0, -1), (-1, 1)
//   B's own neighbours  (2, 0), (2, -1), (1, 1)   (their mirror images, in the same order)
//   shared              c = max(0, n_i - 3, n_f - 3): c = 1 takes (0, 1), c = 2 both
// Each shared site is its own mirror image, so the reverse key's arrangement is the mirror
// image of the forward one and one NEB gives both rows. Pairs (n_i, n_f) a flat hop can have:
// c <= min(n_i, n_f, 2), 30 ordered pairs, 18 up to reversal (the same count as bcc(110): six
// neighbours, two of them shared).
#pragma once

#include <string>
#include <vector>

#include "barriers/hop_configuration.hpp"

namespace anodekmc::barriers {

/// Whether a flat hop on fcc(111) can have lateral coordination (n_initial, n_final).
bool flat_hop_fcc111_possible(int n_initial, int n_final);

/// `slab`: a clean fcc111 slab of species 0 (the host), at least 5 x 3 cells (d x d sqrt 3
/// each). Throws std::invalid_argument for another facet, a slab too small, an unknown
/// element, a step other than flat, or a coordination pair no flat hop has.
HopConfiguration build_flat_hop_fcc111(const Slab &slab, const HopKey &key, const std::vector<std::string> &elements);

/// Flat hops on fcc(111) for `moving` over the substrate species `substrate` (host first), up
/// to `limit` keys, lowest total coordination first; one key per reverse pair.
std::vector<HopKey> enumerate_flat_hops_fcc111(const std::string &moving, const std::vector<std::string> &substrate,
                                               std::size_t limit);

}  // namespace anodekmc::barriers
