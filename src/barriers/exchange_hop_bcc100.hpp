// The flat exchange path on bcc(100), turned into atoms: an adatom in a 4-fold hollow pushes
// one of the hollow's four corner atoms out of the top layer into the hollow diagonally beyond
// it and takes its lattice site.
//
//      . P'.          hollow A at column_a + (a/2, a/2), one layer spacing above the top layer;
//      P .            P: the corner atom at column_a + (a, a) (top layer);
//    A .              P': the hollow beyond P, column_a + (3a/2, 3a/2).
//
// End state: the adatom on P's lattice site, P in hollow P'. On a pure surface this moves the
// adatom "column" to its diagonal (second) neighbour in one event (it is a diffusion mechanism
// that the square-net kMC has no event for yet); with P a solute M it is the alloying exchange
// of the kMC's ExchangeModel: forward = adatom species on M (the adatom enters the surface, M
// comes up), reverse = M on the adatom species (docs/kmc_catalog.md, "Exchange").
// Li(100) molecular dynamics with the shipped potential sees labelled adatoms exchange with
// top-layer atoms at 300 K (inputs/md_Li100_adatom), which is why the screening reports it.
#pragma once

#include <vector>

#include "barriers/hop_configuration.hpp"

namespace anodekmc::barriers {

struct ExchangeHop {
  HopConfiguration configuration;         // moving_atom: the adatom
  std::size_t pushed_atom = 0;            // P, the top-layer atom that comes up
  std::vector<Eigen::Vector3d> sites_A;   // adsorption sites and top-layer lattice sites (end-state check)
};

/// `clean`: a clean bcc100 slab of species 0, at least 4 x 4 cells. The adatom has species
/// `adatom_species`, P `pushed_species` (indices into the caller's element list; the other
/// corners stay host). Throws std::invalid_argument for another facet or a slab too small.
ExchangeHop build_flat_exchange_bcc100(const Slab &clean, int adatom_species, int pushed_species);

}  // namespace anodekmc::barriers
