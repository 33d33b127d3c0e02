// Snapshots as LAMMPS text dump files (readable by OVITO and by analysis/plot_kmc.py): the top
// substrate layer at z = 0 and every deposited atom at its layer height; type = species index
// + 1 for substrate atoms and species count + species index + 1 for deposited atoms. Oblique nets are written
// as triclinic boxes. Each file is written to a temporary name and renamed (atomic).
#pragma once

#include "kmc/surface_state.hpp"
#include "lattice/surface_net.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::kmc {

/// Spacing between atomic layers along the normal for a facet (Angstrom), for drawing.
double layer_spacing_A(const std::string &facet, double lattice_constant_A);

void write_dump(const std::string &path, std::uint64_t step, double time_s, const lattice::SurfaceNet &net,
                const SurfaceState &state, double layer_spacing, int species_count);

}  // namespace anodekmc::kmc
