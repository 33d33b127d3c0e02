// The solid-on-solid surface: column heights, the deposited atoms and the substrate below.
//
// Column s holds height[s] deposited atoms on top of the substrate (0 = bare substrate). Only
// the top atom of a column moves. Atoms are identified for tracer statistics: top_atom[s] is
// the top atom of column s (-1 if bare) and below[a] the atom under atom a (-1 if a sits on the
// substrate), so a hop or a deposition updates the stacks in O(1).
#pragma once

#include "lattice/surface_net.hpp"

#include <cstdint>
#include <vector>

namespace anodekmc::kmc {

struct SurfaceState {
  std::vector<std::int32_t> height;        // per column
  std::vector<std::int32_t> top_atom;      // per column, -1 if bare
  std::vector<std::uint8_t> substrate;     // species index of the top substrate layer, per column
  // Per atom (index = atom id, in order of arrival):
  std::vector<std::int32_t> below;         // atom underneath, -1 on the substrate
  std::vector<std::uint32_t> atom_site;    // current column
  std::vector<double> dx_A, dy_A;          // unwrapped displacement since arrival (Angstrom)
  std::vector<double> arrival_time_s;      // time of deposition (0 for initial atoms)
  std::vector<std::uint8_t> alive;         // 0 once desorbed

  void reset(std::uint32_t site_count) {
    height.assign(site_count, 0);
    top_atom.assign(site_count, -1);
    below.clear();
    atom_site.clear();
    dx_A.clear();
    dy_A.clear();
    arrival_time_s.clear();
    alive.clear();
  }
  std::int32_t add_atom(std::uint32_t site, double time_s) {
    const auto id = static_cast<std::int32_t>(below.size());
    below.push_back(top_atom[site]);
    atom_site.push_back(site);
    dx_A.push_back(0.0);
    dy_A.push_back(0.0);
    arrival_time_s.push_back(time_s);
    alive.push_back(1);
    top_atom[site] = id;
    ++height[site];
    return id;
  }
  std::size_t atom_count() const { return below.size(); }
};

}  // namespace anodekmc::kmc
