// Everything physical a kMC run needs, fixed for the run: the net, the species, the substrate
// map, the rates, the deposition flux and the site-exclusion limit.
#pragma once

#include "kmc/rate_table.hpp"
#include "lattice/surface_net.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::kmc {

struct KmcModel {
  lattice::SurfaceNet net;
  std::vector<std::string> species;        // index 0 is the deposited species (Li)
  std::vector<std::uint8_t> substrate;     // species index of the top substrate layer, per site
  RateTable rates;
  double deposition_rate_per_site_per_s = 0.0;  // flux F (ML/s = atoms per site per s)
  int max_height = 0;  // 0: unlimited (solid-on-solid); 1: a monolayer lattice gas with site exclusion
};

}  // namespace anodekmc::kmc
