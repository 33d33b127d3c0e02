#include "segregation/sgc_monte_carlo.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::segregation {

SgcMonteCarlo::SgcMonteCarlo(const SlabLattice &lattice, const LayerEnergies &energies)
    : lattice_(lattice), occupation_(lattice.site_count(), 0) {
  site_energy_eV_.resize(lattice.site_count());
  bond_eV_.resize(lattice.neighbours().size());
  for (std::uint32_t s = 0; s < lattice.site_count(); ++s) {
    const int depth = lattice.depth_of_layer(lattice.layer_of(s));
    site_energy_eV_[s] = energies.segregation_at_depth_eV(depth);
    for (std::uint32_t b = lattice.neighbour_begin(s); b < lattice.neighbour_end(s); ++b)
      bond_eV_[b] = energies.pair_eV(depth, lattice.depth_of_layer(lattice.layer_of(lattice.neighbours()[b])));
  }
}

void SgcMonteCarlo::fill(bool dopant) {
  occupation_.assign(occupation_.size(), dopant ? 1 : 0);
  dopants_ = dopant ? static_cast<long>(occupation_.size()) : 0;
}

void SgcMonteCarlo::set_occupation(const std::vector<std::uint8_t> &occupation) {
  if (occupation.size() != occupation_.size()) throw std::invalid_argument("occupation of the wrong size");
  occupation_ = occupation;
  dopants_ = 0;
  for (auto n : occupation_) dopants_ += n;
}

void SgcMonteCarlo::set_sgc(double temperature_K, double delta_mu_eV) {
  set_variance_constrained(temperature_K, -delta_mu_eV, 0.0);
}

void SgcMonteCarlo::set_variance_constrained(double temperature_K, double phi_eV, double kappa_eV) {
  if (!(temperature_K > 0)) throw std::invalid_argument("temperature must be > 0 K");
  if (!(kappa_eV >= 0)) throw std::invalid_argument("kappa must be >= 0 eV");
  beta_per_eV_ = 1.0 / (kBoltzmann_eV_per_K * temperature_K);
  phi_eV_ = phi_eV;
  kappa_eV_ = kappa_eV;
}

void SgcMonteCarlo::run_sweeps(long sweeps, Rng &rng) {
  const std::uint32_t n = lattice_.site_count();
  const auto &nb = lattice_.neighbours();
  const double kappa_per_2n = kappa_eV_ / (2.0 * n);
  long long accepted = 0;
  const long long trials = static_cast<long long>(sweeps) * n;
  for (long long t = 0; t < trials; ++t) {
    const std::uint32_t s = rng(n);
    double field = site_energy_eV_[s] + phi_eV_;
    for (std::uint32_t b = lattice_.neighbour_begin(s), e = lattice_.neighbour_end(s); b < e; ++b)
      field += bond_eV_[b] * occupation_[nb[b]];
    // Inserting M (0 -> 1) costs field + kappa/2N ((N_M+1)^2 - N_M^2); removing, minus the
    // field plus kappa/2N ((N_M-1)^2 - N_M^2).
    const double dn = occupation_[s] ? -1.0 : 1.0;
    const double dh = dn * field + kappa_per_2n * (2.0 * dopants_ * dn + 1.0);
    // Accept with probability min(1, exp(-beta dH)); the uniform is drawn only when needed.
    if (dh <= 0.0 || static_cast<double>(rng() >> 11) * 0x1.0p-53 < std::exp(-beta_per_eV_ * dh)) {
      occupation_[s] ^= 1u;
      dopants_ += static_cast<long>(dn);
      ++accepted;
    }
  }
  trials_ += trials;
  accepted_ += accepted;
}

std::vector<long> SgcMonteCarlo::dopants_per_layer() const {
  std::vector<long> counts(static_cast<std::size_t>(lattice_.layers()), 0);
  const std::uint32_t per_layer = lattice_.sites_per_layer();
  for (std::uint32_t s = 0; s < occupation_.size(); ++s) counts[s / per_layer] += occupation_[s];
  return counts;
}

double SgcMonteCarlo::configuration_energy_eV() const {
  double energy = 0.0;
  const auto &nb = lattice_.neighbours();
  for (std::uint32_t s = 0; s < occupation_.size(); ++s) {
    if (!occupation_[s]) continue;
    energy += site_energy_eV_[s];
    for (std::uint32_t b = lattice_.neighbour_begin(s); b < lattice_.neighbour_end(s); ++b)
      energy += 0.5 * bond_eV_[b] * occupation_[nb[b]];  // each bond seen from both ends
  }
  return energy;
}

}  // namespace anodekmc::segregation
