// The lattice-gas Hamiltonian of a dopant M in a host (Li), in the grand (semi-grand) ensemble:
//
//   H = sum_i n_i [dE_seg(depth_i) - dmu] + sum_<ij> w_ij n_i n_j ,   n_i = 1 if site i holds M
//
// dE_seg(d) = E(M at depth d) - E(M in bulk) (eV; depths beyond the listed ones are bulk, 0);
// dmu = mu_M - mu_Li (eV); w_ij the nearest-neighbour dopant-dopant pair energy (eV): the
// surface value for a bond between two depth-0 sites, the bulk value for every other bond.
// w < 0 is an attraction between dopants (clustering, 2D condensation); in regular-solution
// language omega = eps_AB - (eps_AA + eps_BB)/2 = -w/2.
#pragma once

#include <vector>

namespace anodekmc::segregation {

struct LayerEnergies {
  std::vector<double> segregation_eV;  // by depth 0, 1, ...; missing depths are 0
  double pair_surface_eV = 0.0;        // both sites at depth 0
  double pair_bulk_eV = 0.0;           // every other nearest-neighbour bond

  double segregation_at_depth_eV(int depth) const {
    return depth < static_cast<int>(segregation_eV.size()) ? segregation_eV[static_cast<std::size_t>(depth)] : 0.0;
  }
  double pair_eV(int depth_a, int depth_b) const {
    return depth_a == 0 && depth_b == 0 ? pair_surface_eV : pair_bulk_eV;
  }
};

/// Boltzmann constant in eV/K (CODATA 2018, exact).
inline constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;

}  // namespace anodekmc::segregation
