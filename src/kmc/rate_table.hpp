// Rates of every hop environment (and of desorption) at one temperature, precomputed so the
// event loop reads a rate with one array access.
//
// A hop's barrier comes from the barrier catalog when it has a row for the environment, and
// otherwise from the bond-counting model (SCIENCE.md section 3):
//     E_a = E_0(moving species, species under the initial site) + n_initial * E_bond
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
  // E_0 per (moving species, species under the initial site), index moving * S + below;
  // NaN where not given: such hops are missing unless the catalog has them.
  std::vector<double> base_barrier_eV;
  double bond_eV = 0.0;                 // per lateral bond at the initial site
  double ehrlich_schwoebel_eV = 0.0;    // extra barrier to descend a step
  double up_step_eV = 0.0;              // extra barrier to ascend a step
};

// Exchange (alloying): the top atom of a column, sitting directly on a substrate atom of another
// species, swaps places with it: the adatom joins the substrate layer and the substrate atom
// becomes the adatom. Rate nu_0 exp(-E_ex(adatom species, substrate species) / k_B T).
//
// Self-exchange (square net only: bcc(100), fcc(100)): an adatom on a flat terrace pushes the
// substrate atom at a corner of its hollow, of its own species, out into the hollow diagonally
// beyond and takes its place (src/barriers/exchange_hop.hpp). In the solid-on-solid picture the
// adatom column moves to its diagonal neighbour, at rate nu_0 exp(-(E_self + n_initial E_bond) /
// k_B T) per diagonal (E_bond from the bond-counting model, 0 without it): the initial-state
// form keeps detailed balance for the lattice-gas Hamiltonian. The atom record follows the
// adatom (what moved is the excess atom: its displacement is the adatom's, so the tracer D is
// that of adatoms).
struct ExchangeModel {
  std::vector<double> barrier_eV;       // index adatom * S + substrate; NaN: no exchange for that pair
  std::vector<double> self_barrier_eV;  // per species: E_self; NaN (or empty): no self-exchange
  bool enabled() const {
    for (double e : barrier_eV)
      if (!std::isnan(e)) return true;
    return self_enabled();
  }
  bool self_enabled() const {
    for (double e : self_barrier_eV)
      if (!std::isnan(e)) return true;
    return false;
  }
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
            const DesorptionModel &desorption, double temperature_K, double prefactor_per_s,
            const ExchangeModel &exchange = ExchangeModel{});

  /// Hop rate (1/s) of an environment slot; NaN when the environment is missing.
  double hop_rate(std::size_t slot) const { return hop_rate_[slot]; }
  RateSource source(std::size_t slot) const { return source_[slot]; }
  double barrier_eV(std::size_t slot) const { return barrier_eV_[slot]; }
  /// Desorption rate (1/s) of a top atom with `n_bonds` lateral bonds (0 when disabled).
  double desorption_rate(int n_bonds) const { return desorption_rate_[n_bonds]; }
  /// Exchange rate (1/s) of an adatom of species `adatom` on a substrate atom of species
  /// `substrate` (0 when that exchange is not enabled).
  double exchange_rate(int adatom, int substrate) const {
    return exchange_rate_[static_cast<std::size_t>(adatom) * index_.species_count() + substrate];
  }
  /// Self-exchange rate (1/s) per diagonal of an adatom of species `moving` with `n_initial`
  /// lateral bonds (0 when self-exchange is off for that species).
  double self_exchange_rate(int moving, int n_initial) const {
    return self_exchange_rate_.empty()
               ? 0.0
               : self_exchange_rate_[static_cast<std::size_t>(moving) * (index_.max_neighbours() + 1) + n_initial];
  }
  const EnvironmentIndex &index() const { return index_; }

 private:
  EnvironmentIndex index_;
  std::vector<double> hop_rate_;
  std::vector<double> barrier_eV_;
  std::vector<RateSource> source_;
  std::vector<double> desorption_rate_;
  std::vector<double> exchange_rate_;
  std::vector<double> self_exchange_rate_;  // [moving * (max_neighbours + 1) + n_initial]; empty: off
};

}  // namespace anodekmc::kmc
