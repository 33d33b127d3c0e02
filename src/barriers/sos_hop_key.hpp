// The catalog key the kMC engine gives a hop on a solid-on-solid surface, computed from a
// height map the way kmc/kmc_engine.cpp (hop_slot, collect_events) computes it, so that the
// barrier engine can build a configuration (a step, a strip) in the kMC's own terms and file its
// NEB barrier under the key the kMC will look up. The test test_step_hops.cpp checks this
// function against the engine itself on kMC-grown surfaces.
//
// Rules (docs/kmc_catalog.md, kmc/hop_environment.hpp): the top atom of column s (height h >= 1)
// hops to the column t along a hop direction of the net; it lands at level h_t + 1.
//   step       flat if h_t + 1 == h, down if lower, up if higher; |h_t + 1 - h| > 1 is no hop;
//   n_initial  lateral neighbours u of s with height(u) >= h;
//   n_final    lateral neighbours u of t with height(u) >= h_t + 1, s counted at h - 1;
//   below_initial  substrate species of s if h == 1, else the deposited species;
//   below_final    substrate species of t if h_t == 0, else the deposited species.
// Every deposited atom is of the deposited species here (no solute came up by exchange).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "barriers/hop_configuration.hpp"
#include "lattice/surface_net.hpp"

namespace anodekmc::barriers {

struct SosSurface {
  lattice::SurfaceNet net;
  std::vector<int> height;              // per column, deposited atoms above the substrate
  std::vector<std::string> substrate;   // per column, element symbol of the top substrate atom
  std::string deposited;                // element symbol of every deposited atom
};

/// Key of the hop of column `from`'s top atom along hop direction `k` of the net; returns
/// false (key untouched) if the column is bare or the engine does not allow the hop. Throws
/// std::invalid_argument if the map sizes differ from the net.
bool sos_hop_key(const SosSurface &surface, std::uint32_t from, int k, HopKey &key);

/// Index of the hop direction (di, dj) of `net`; throws std::invalid_argument if there is none.
int hop_direction(const lattice::SurfaceNet &net, int di, int dj);

}  // namespace anodekmc::barriers
