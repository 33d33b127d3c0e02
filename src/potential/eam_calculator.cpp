#include "potential/eam_calculator.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::potential {

namespace {

struct Neighbor {
  int j;
  Eigen::Vector3d r_vec;  // x_j + image shift - x_i
  double r;
};

/// Full neighbour lists (every ordered pair i->j, all images) within `cutoff`.
std::vector<std::vector<Neighbor>> build_neighbors(const PeriodicStructure &s, double cutoff) {
  const Eigen::Matrix3d &h = s.cell_A;
  const double volume = s.volume_A3();
  if (!(volume > 1e-9)) throw std::invalid_argument("structure has a degenerate cell");
  int reach[3];
  for (int k = 0; k < 3; ++k) {
    const Eigen::Vector3d cross = h.row((k + 1) % 3).cross(h.row((k + 2) % 3));
    const double spacing = volume / cross.norm();  // distance between lattice planes k
    reach[k] = static_cast<int>(std::ceil(cutoff / spacing)) + 1;
    if (reach[k] > 40) throw std::invalid_argument("cell far smaller than the cutoff (collapsed cell?)");
  }
  const double cutoff2 = cutoff * cutoff;
  const std::size_t n = s.size();
  for (const auto &x : s.positions_A)
    if (!x.allFinite()) throw std::invalid_argument("an atom position is not finite");
  std::vector<std::vector<Neighbor>> neighbors(n);
  for (int a = -reach[0]; a <= reach[0]; ++a)
    for (int b = -reach[1]; b <= reach[1]; ++b)
      for (int c = -reach[2]; c <= reach[2]; ++c) {
        const Eigen::Vector3d shift = (a * h.row(0) + b * h.row(1) + c * h.row(2)).transpose();
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t j = 0; j < n; ++j) {
            if (i == j && a == 0 && b == 0 && c == 0) continue;
            const Eigen::Vector3d r_vec = s.positions_A[j] + shift - s.positions_A[i];
            const double r2 = r_vec.squaredNorm();
            if (r2 < cutoff2) {
              if (r2 < 0.25) throw std::invalid_argument("two atoms closer than 0.5 Å: the structure has collapsed");
              neighbors[i].push_back(Neighbor{static_cast<int>(j), r_vec, std::sqrt(r2)});
            }
          }
      }
  return neighbors;
}

}  // namespace

Eigen::Matrix3d EamResult::stress_GPa(double volume_A3) const {
  return -virial_eV / volume_A3 * kEvPerA3InGPa;
}

double EamResult::pressure_GPa(double volume_A3) const {
  return virial_eV.trace() / (3.0 * volume_A3) * kEvPerA3InGPa;
}

EamResult evaluate_eam(const EamModel &model, const PeriodicStructure &structure) {
  const std::size_t n = structure.size();
  for (int sp : structure.species)
    if (sp < 0 || sp >= model.element_count()) throw std::invalid_argument("species index outside the model");
  const auto neighbors = build_neighbors(structure, model.max_cutoff_A());
  EamResult result;
  result.atom_energy_eV.assign(n, 0.0);
  result.forces_eV_A.assign(n, Eigen::Vector3d::Zero());
  result.density.assign(n, 0.0);
  std::vector<double> dF(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double rho = 0;
    for (const Neighbor &nb : neighbors[i]) {
      double f, df;
      model.density(structure.species[nb.j], nb.r, f, df);
      rho += f;
    }
    double F;
    model.embedding(structure.species[i], rho, F, dF[i]);
    result.density[i] = rho;
    result.atom_energy_eV[i] += F;
  }
  // Each ordered pair (i, j): energy ½φ_ij on i, and i's embedding term through f_j(r).
  for (std::size_t i = 0; i < n; ++i) {
    const int si = structure.species[i];
    for (const Neighbor &nb : neighbors[i]) {
      const int sj = structure.species[nb.j];
      double phi, dphi, fj, dfj;
      model.pair(si, sj, nb.r, phi, dphi);
      model.density(sj, nb.r, fj, dfj);
      result.atom_energy_eV[i] += 0.5 * phi;
      const double dE_dr = 0.5 * dphi + dF[i] * dfj;
      const Eigen::Vector3d force_on_j = -dE_dr / nb.r * nb.r_vec;
      result.forces_eV_A[nb.j] += force_on_j;
      result.forces_eV_A[i] -= force_on_j;
      result.virial_eV += nb.r_vec * force_on_j.transpose();
    }
  }
  for (double e : result.atom_energy_eV) result.energy_eV += e;
  return result;
}

double eam_energy_eV(const EamModel &model, const PeriodicStructure &structure) {
  const auto neighbors = build_neighbors(structure, model.max_cutoff_A());
  double energy = 0;
  for (std::size_t i = 0; i < structure.size(); ++i) {
    const int si = structure.species[i];
    double rho = 0;
    for (const Neighbor &nb : neighbors[i]) {
      const int sj = structure.species[nb.j];
      double f, df, phi, dphi;
      model.density(sj, nb.r, f, df);
      model.pair(si, sj, nb.r, phi, dphi);
      rho += f;
      energy += 0.5 * phi;
    }
    double F, dF;
    model.embedding(si, rho, F, dF);
    energy += F;
  }
  return energy;
}

}  // namespace anodekmc::potential
