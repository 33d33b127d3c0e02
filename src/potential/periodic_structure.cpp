#include "potential/periodic_structure.hpp"

#include <stdexcept>

namespace anodekmc::potential {

void PeriodicStructure::deform(const Eigen::Matrix3d &deformation) {
  cell_A = cell_A * deformation.transpose();
  for (auto &x : positions_A) x = deformation * x;
}

PeriodicStructure PeriodicStructure::replicated(int nx, int ny, int nz) const {
  if (nx < 1 || ny < 1 || nz < 1) throw std::invalid_argument("replication counts must be >= 1");
  PeriodicStructure out;
  out.cell_A.row(0) = nx * cell_A.row(0);
  out.cell_A.row(1) = ny * cell_A.row(1);
  out.cell_A.row(2) = nz * cell_A.row(2);
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j)
      for (int k = 0; k < nz; ++k) {
        const Eigen::Vector3d shift = (i * cell_A.row(0) + j * cell_A.row(1) + k * cell_A.row(2)).transpose();
        for (std::size_t a = 0; a < size(); ++a) out.add(positions_A[a] + shift, species[a]);
      }
  return out;
}

std::vector<int> PeriodicStructure::species_counts(int species_count) const {
  std::vector<int> counts(static_cast<std::size_t>(species_count), 0);
  for (int s : species) {
    if (s < 0 || s >= species_count) throw std::out_of_range("species index out of range");
    ++counts[static_cast<std::size_t>(s)];
  }
  return counts;
}

}  // namespace anodekmc::potential
