// Slabs for barrier calculations (issue 6): low-index surfaces of a cubic host, periodic in the
// surface plane, with vacuum above and fixed layers at the bottom, plus the adatom sites
// above the top layer. Pure geometry, no LAMMPS and no potential: the barrier engine loads the
// result into LAMMPS and relaxes it.
//
// Surface cells (a = cubic lattice constant; z is the surface normal, the top layer is the
// highest z; every cell is rectangular so LAMMPS needs no tilt):
//   bcc100  square a × a, 1 atom per layer, layer spacing a/2, layers shifted by (a/2, a/2);
//   bcc110  a ([001]) × a√2 ([1-10]), 2 atoms per layer, spacing a/√2, shift (0, a√2/2);
//   fcc111  d × d√3 (d = a/√2, [1-10] and [11-2]), 2 atoms per layer, spacing a/√3, ABC
//           stacking with shift (0, d/√3) per layer.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "potential/periodic_structure.hpp"

namespace anodekmc::barriers {

struct SlabSpec {
  std::string facet;          // bcc100, bcc110 or fcc111
  double lattice_constant_A = 0;
  int cells_x = 0, cells_y = 0;  // surface cells along x and y
  int layers = 0;             // atomic layers
  int fixed_layers = 2;       // bottom layers held fixed in relaxations
  double vacuum_A = 15.0;     // empty space above the top layer (and below the bottom one, periodically)
};

struct Slab {
  potential::PeriodicStructure structure;  // species 0 = host everywhere
  std::vector<int> layer;                  // per atom: 0 = top layer, 1 = the one below, ...
  std::vector<bool> fixed;                 // per atom: in one of the fixed bottom layers
  double layer_spacing_A = 0;
  double nearest_neighbour_A = 0;          // of the bulk lattice
  double top_z_A = 0;                      // height of the top layer
  /// Adatom sites: positions one layer spacing above the top layer where the next layer of
  /// the crystal would continue (bcc: 4-fold hollow on (100), 3-fold on (110); fcc(111): the
  /// fcc hollow). `hcp_sites_A` holds the fcc(111) hcp hollows (empty for bcc).
  std::vector<Eigen::Vector3d> adatom_sites_A;
  std::vector<Eigen::Vector3d> hcp_sites_A;
  int layer_count = 0;
};

/// Builds the slab; throws std::invalid_argument naming the field for an unknown facet, a
/// non-positive lattice constant or vacuum, fewer than 3 layers, fixed layers leaving fewer
/// than 2 free layers, or a surface cell smaller than `minimum_width_A` in x or y (periodic
/// images of a hopping atom must not meet: pass twice the potential's cutoff).
Slab build_slab(const SlabSpec &spec, double minimum_width_A = 0.0);

/// Sets spec.cells_x and cells_y (spec.facet and lattice_constant_A given) so that periodic
/// images of a hopping atom and its neighbours do not meet: each width at least 2 cutoffs plus
/// one cell, and at least the hop builders' minimum (4 x 4 on bcc(100), 4 x 3 on bcc(110),
/// 5 x 3 on fcc(111)).
void choose_cells_from_cutoff(SlabSpec &spec, double cutoff_A);

/// Index of the atom of layer `layer` nearest (in-plane, periodic) to point `xy_A`.
std::size_t nearest_atom_in_layer(const Slab &slab, int layer, const Eigen::Vector2d &xy_A);

/// Puts `species` on the given atoms (a surface alloy: dopant M in the top layer(s)).
void substitute(Slab &slab, const std::vector<std::size_t> &atoms, int species);

/// Adds an atom of `species` at adatom site `site` (index into adatom_sites_A) and returns its
/// index; the atom is free (not fixed), layer -1.
std::size_t add_adatom(Slab &slab, std::size_t site, int species);

}  // namespace anodekmc::barriers
