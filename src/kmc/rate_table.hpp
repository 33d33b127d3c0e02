// Rates of every hop environment (and of desorption) at one temperature, precomputed so the
// event loop reads a rate with one array access.
//
// A hop's barrier comes from the barrier catalog when it has a row for the environment, and
// otherwise from the bond-counting model (SCIENCE.md section 3):
//     E_a = E_0(species under the initial site) + n_initial * E_bond
//           + E_ES (descending a step) + E_up (ascending a step),
// and rate = nu_0 exp(-E_a / k_B T). With neither, the environment is marked missing and the
// engine stops with an error naming it the first time such a hop becomes possible.
#pragma once

#include "kmc/barrier_catalog.hpp"
#include "kmc/hop_environment.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace anodekmc::kmc {

inline constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;  // CODATA 2018

struct BondCountingModel {
  bool enabled = false;
  std::vector<double> base_barrier_eV;  // E_0 per species under the initial site
  double bond_eV = 0.0;                 // per lateral bond at the initial site
  double ehrlich_schwoebel_eV = 0.0;    // extra barrier to descend a step
  double up_step_eV = 0.0;              // extra barrier to ascend a step
};

struct DesorptionModel {
  bool enabled = false;
  double barrier_eV = 0.0;  // E_des for an atom without lateral bonds
  double bond_eV = 0.0;     // each lateral bond adds this
};

enum class RateSource : std::uint8_t { kCatalog = 0, kBondCounting = 1, kMissing = 2 };

class RateTable {
 public:
  RateTable(const EnvironmentIndex &index, const BarrierCatalog *catalog, const BondCountingModel &model,
            const DesorptionModel &desorption, double temperature_K, double prefactor_per_s);

  /// Hop rate (1/s) of an environment slot; NaN when the environment is missing.
  double hop_rate(std::size_t slot) const { return hop_rate_[slot]; }
  RateSource source(std::size_t slot) const { return source_[slot]; }
  double barrier_eV(std::size_t slot) const { return barrier_eV_[slot]; }
  /// Desorption rate (1/s) of a top atom with `n_bonds` lateral bonds (0 when disabled).
  double desorption_rate(int n_bonds) const { return desorption_rate_[n_bonds]; }
  const EnvironmentIndex &index() const { return index_; }

 private:
  EnvironmentIndex index_;
  std::vector<double> hop_rate_;
  std::vector<double> barrier_eV_;
  std::vector<RateSource> source_;
  std::vector<double> desorption_rate_;
};

}  // namespace anodekmc::kmc
