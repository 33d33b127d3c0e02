// Crystal structures for fitting and reports, built from their prototype definitions
// (Strukturbericht names; site conventions below). Each returns the conventional cell.
//
//   bcc, fcc, sc, hcp, diamond   one species
//   B2   (CsCl)   A at 0, B at (½,½,½)                         AB
//   B1   (NaCl)   A on fcc, B on fcc + (½,0,0)                  AB
//   B32  (NaTl)   A on diamond 8a, B on diamond 8b              AB (LiAl, LiIn, LiGa, LiZn)
//   L1_0 (CuAu)   A at 0, (½,½,0); B at (½,0,½), (0,½,½)        AB, tetragonal c/a
//   L1_2 (Cu3Au)  B at 0, A at the face centres                 A3B
//   D0_3 (BiF3)   B at 4a (0,0,0), A at 4b (½,½,½) and 8c (¼,¼,¼),(¾,¾,¾)   A3B (Li3Bi)
#pragma once

#include <string>
#include <vector>

#include "potential/periodic_structure.hpp"

namespace anodekmc::potential {

/// Names accepted by build_crystal.
const std::vector<std::string> &known_prototypes();

/// Builds prototype `name` with lattice constant a (Å), c/a for hcp and L1_0 (ignored
/// otherwise; hcp's a is the basal constant), species index `a_species` on A sites and
/// `b_species` on B sites. Throws std::invalid_argument for an unknown name or a bad size.
PeriodicStructure build_crystal(const std::string &name, double a_A, double c_over_a, int a_species,
                                int b_species = -1);

/// A cell given by three lattice vectors (rows, Å) and fractional positions.
PeriodicStructure build_cell(const Eigen::Matrix3d &cell_A, const std::vector<Eigen::Vector3d> &fractional,
                             const std::vector<int> &species);

/// Number of atoms per conventional cell of prototype `name` (for scaling by atomic volume).
int prototype_atom_count(const std::string &name);

}  // namespace anodekmc::potential
