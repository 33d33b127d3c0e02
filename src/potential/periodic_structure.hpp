// A periodic atomic structure: cell (rows are the lattice vectors, Å), Cartesian positions (Å)
// and a species index per atom (index into an EamModel's element list).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace anodekmc::potential {

struct PeriodicStructure {
  Eigen::Matrix3d cell_A = Eigen::Matrix3d::Identity();  // row k is lattice vector k
  std::vector<Eigen::Vector3d> positions_A;
  std::vector<int> species;

  std::size_t size() const { return positions_A.size(); }
  double volume_A3() const { return std::abs(cell_A.determinant()); }
  void add(const Eigen::Vector3d &position_A, int species_index) {
    positions_A.push_back(position_A);
    species.push_back(species_index);
  }
  /// Applies the deformation gradient `deformation` (x -> deformation · x) to cell and atoms.
  void deform(const Eigen::Matrix3d &deformation);
  /// Scales cell and atoms by `factor` (isotropic).
  void scale(double factor) { deform(factor * Eigen::Matrix3d::Identity()); }
  /// An nx × ny × nz supercell.
  PeriodicStructure replicated(int nx, int ny, int nz) const;
  /// Number of atoms of each species (size = species_count).
  std::vector<int> species_counts(int species_count) const;
};

}  // namespace anodekmc::potential
