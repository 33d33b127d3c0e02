// The solid-on-solid surface: column heights, the deposited atoms and the substrate below.
//
// Column s holds height[s] deposited atoms on top of the substrate (0 = bare substrate). Only
// the top atom of a column moves. Atoms are identified for tracer statistics: top_atom[s] is
// the top atom of column s (-1 if bare) and below[a] the atom under atom a (-1 if a sits on the
// substrate), so a hop or a deposition updates the stacks in O(1).
#pragma once

#include "kmc/huge_page_allocator.hpp"
#include "lattice/surface_net.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace anodekmc::kmc {

/// Column height in layers. 16 bits keep the height array small (it is read around every
/// event, so its cache footprint sets the engine's speed on large nets).
using Height = std::int16_t;
inline constexpr int kMaxHeight = std::numeric_limits<Height>::max();

/// What a hop touches of an atom, in one record (one cache line fetch instead of four).
struct AtomRecord {
  std::int32_t below;   // atom underneath, -1 on the substrate
  std::uint32_t site;   // current column
  double dx_A, dy_A;    // unwrapped displacement since arrival (Angstrom)
};
static_assert(sizeof(AtomRecord) == 24, "AtomRecord must have no padding: checkpoints write it raw");
inline bool operator==(const AtomRecord &a, const AtomRecord &b) {
  return a.below == b.below && a.site == b.site && a.dx_A == b.dx_A && a.dy_A == b.dy_A;
}

struct SurfaceState {
  SiteVector<Height> height;              // per column
  SiteVector<std::int32_t> top_atom;      // per column, -1 if bare
  SiteVector<std::uint8_t> substrate;     // species index of the top substrate layer, per column
                                           // (changes through exchange events)
  // Per atom (index = atom id, in order of arrival):
  SiteVector<AtomRecord> atoms;
  SiteVector<std::uint8_t> species;       // species index (deposited species, or a solute after exchange)
  SiteVector<double> arrival_time_s;      // time of deposition (0 for initial atoms)
  SiteVector<std::uint8_t> alive;         // 0 once desorbed

  void reset(std::uint32_t site_count) {
    height.assign(site_count, 0);
    top_atom.assign(site_count, -1);
    atoms.clear();
    species.clear();
    arrival_time_s.clear();
    alive.clear();
  }
  std::int32_t add_atom(std::uint32_t site, double time_s) {
    // Hops raise a column by at most one layer above its neighbour, so keeping deposition one
    // below the limit keeps every column within it.
    if (height[site] >= kMaxHeight - 1)
      throw std::runtime_error("a column reached the height limit of " + std::to_string(kMaxHeight - 1) + " layers");
    if (atoms.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
      throw std::runtime_error("too many atoms for 32-bit atom ids");
    const auto id = static_cast<std::int32_t>(atoms.size());
    atoms.push_back({top_atom[site], site, 0.0, 0.0});
    species.push_back(0);  // the deposited species
    arrival_time_s.push_back(time_s);
    alive.push_back(1);
    top_atom[site] = id;
    ++height[site];
    return id;
  }
  std::size_t atom_count() const { return atoms.size(); }
};

}  // namespace anodekmc::kmc
