// The flat exchange path, turned into atoms on any facet of the slab builder: an adatom on an
// adsorption site A pushes one of its nearest top-layer atoms P out of the layer onto the
// adsorption site B beyond P and takes P's lattice site.
//
//   A  the adsorption site nearest the middle of the cell (so no moving atom crosses the
//      periodic boundary);
//   P  of A's nearest neighbours in the top layer (3-D distance = the bulk nearest-neighbour
//      distance) the one furthest along +x + y (a fixed choice; they are symmetry-equivalent
//      on bcc(100) and bcc(110));
//   B  of P's nearest-neighbour adsorption sites the one furthest from A.
//
//   bcc(100): A a 4-fold hollow, P one of its four corners, B the hollow diagonally beyond P:
//             the adatom column moves by (a, a), its second neighbour on the square net;
//   bcc(110): A a long-bridge (bulk continuation) site, P one of its two nearest atoms (along
//             [001]), B the next site along [001]: the column moves by a along [001].
//
// End state: the adatom on P's lattice site, P on B. On a pure surface this is a diffusion
// mechanism (the square-net kMC has no event for it yet); with P a solute M it is the alloying
// exchange of the kMC's ExchangeModel: forward = the adatom's species on M (the adatom enters
// the surface, M comes up), reverse = M on the adatom's species (docs/kmc_catalog.md,
// "Exchange"). Li(100) molecular dynamics with the shipped potential sees labelled adatoms
// exchange with top-layer atoms at 300 K (inputs/md_Li100_adatom); on Li(110) it does not.
#pragma once

#include <vector>

#include "barriers/hop_configuration.hpp"

namespace anodekmc::barriers {

struct ExchangeHop {
  HopConfiguration configuration;         // moving_atom: the adatom
  std::size_t pushed_atom = 0;            // P, the top-layer atom that comes up
  std::vector<Eigen::Vector3d> sites_A;   // adsorption sites and top-layer lattice sites (end-state check)
};

/// `clean`: a clean slab of species 0, at least 4 nearest-neighbour distances wide in x and y.
/// The adatom has species `adatom_species`, P `pushed_species` (indices into the caller's
/// element list; every other atom stays host). Throws std::invalid_argument for a slab too
/// small or negative species.
ExchangeHop build_flat_exchange(const Slab &clean, int adatom_species, int pushed_species);

}  // namespace anodekmc::barriers
