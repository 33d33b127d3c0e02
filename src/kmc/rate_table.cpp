#include "kmc/rate_table.hpp"

#include <stdexcept>

namespace anodekmc::kmc {

RateTable::RateTable(const EnvironmentIndex &index, const BarrierCatalog *catalog, const BondCountingModel &model,
                     const DesorptionModel &desorption, double temperature_K, double prefactor_per_s,
                     const ExchangeModel &exchange)
    : index_(index),
      hop_rate_(index.size(), std::numeric_limits<double>::quiet_NaN()),
      barrier_eV_(index.size(), std::numeric_limits<double>::quiet_NaN()),
      source_(index.size(), RateSource::kMissing),
      desorption_rate_(index.max_neighbours() + 1, 0.0),
      exchange_rate_(static_cast<std::size_t>(index.species_count()) * index.species_count(), 0.0) {
  if (!(temperature_K > 0.0) || !std::isfinite(temperature_K))
    throw std::invalid_argument("temperature must be a positive number of kelvin");
  if (!(prefactor_per_s > 0.0) || !std::isfinite(prefactor_per_s))
    throw std::invalid_argument("prefactor must be a positive rate in 1/s");
  const std::size_t pairs = static_cast<std::size_t>(index.species_count()) * index.species_count();
  if (model.enabled && model.base_barrier_eV.size() != pairs)
    throw std::invalid_argument("bond-counting model needs a base barrier slot per (moving, below) species pair");
  if (!exchange.barrier_eV.empty() && exchange.barrier_eV.size() != pairs)
    throw std::invalid_argument("exchange model needs a barrier slot per (adatom, substrate) species pair");
  const double kT = kBoltzmann_eV_per_K * temperature_K;
  for (std::size_t slot = 0; slot < index.size(); ++slot) {
    const HopEnvironment e = index.environment(slot);
    double barrier = 0.0, nu = prefactor_per_s;
    if (catalog && catalog->entry(e).present) {
      const CatalogEntry &c = catalog->entry(e);
      barrier = c.barrier_eV;
      if (c.prefactor_per_s > 0.0) nu = c.prefactor_per_s;
      source_[slot] = RateSource::kCatalog;
    } else if (model.enabled &&
               !std::isnan(model.base_barrier_eV[static_cast<std::size_t>(e.moving) * index.species_count() + e.below_initial])) {
      barrier = model.base_barrier_eV[static_cast<std::size_t>(e.moving) * index.species_count() + e.below_initial] +
                e.n_initial * model.bond_eV;
      if (e.step == StepKind::kDown) barrier += model.ehrlich_schwoebel_eV;
      if (e.step == StepKind::kUp) barrier += model.up_step_eV;
      source_[slot] = RateSource::kBondCounting;
    } else {
      continue;  // missing: NaN rate
    }
    barrier_eV_[slot] = barrier;
    hop_rate_[slot] = nu * std::exp(-barrier / kT);
  }
  for (std::size_t p = 0; p < exchange.barrier_eV.size(); ++p)
    if (!std::isnan(exchange.barrier_eV[p]))
      exchange_rate_[p] = prefactor_per_s * std::exp(-exchange.barrier_eV[p] / kT);
  if (!exchange.self_barrier_eV.empty()) {
    if (exchange.self_barrier_eV.size() != static_cast<std::size_t>(index.species_count()))
      throw std::invalid_argument("self-exchange model needs a barrier slot per species");
    const int slots = index.max_neighbours() + 1;
    self_exchange_rate_.assign(static_cast<std::size_t>(index.species_count() * slots), 0.0);
    const double bond = model.enabled ? model.bond_eV : 0.0;
    for (int m = 0; m < index.species_count(); ++m)
      if (!std::isnan(exchange.self_barrier_eV[static_cast<std::size_t>(m)]))
        for (int n = 0; n < slots; ++n)
          self_exchange_rate_[static_cast<std::size_t>(m * slots + n)] =
              prefactor_per_s * std::exp(-(exchange.self_barrier_eV[static_cast<std::size_t>(m)] + n * bond) / kT);
  }
  if (desorption.enabled) {
    for (int n = 0; n <= index.max_neighbours(); ++n)
      desorption_rate_[n] = prefactor_per_s * std::exp(-(desorption.barrier_eV + n * desorption.bond_eV) / kT);
  }
}

}  // namespace anodekmc::kmc
