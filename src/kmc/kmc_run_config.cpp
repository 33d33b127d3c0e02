#include "kmc/kmc_run_config.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "lattice/surface_net.hpp"

namespace anodekmc::kmc {

namespace {

constexpr double kElementaryCharge_C = 1.602176634e-19;  // exact (SI 2019)

void require(bool ok, const std::string &key, const std::string &expected) {
  if (!ok) throw std::invalid_argument(key + ": expected " + expected);
}
bool finite_nonneg(double v) { return std::isfinite(v) && v >= 0.0; }

}  // namespace

double flux_from_current_density(double j_mA_per_cm2, double area_per_site_A2) {
  const double j_A_per_m2 = j_mA_per_cm2 * 10.0;  // 1 mA/cm^2 = 10 A/m^2
  return j_A_per_m2 / kElementaryCharge_C * area_per_site_A2 * 1e-20;
}

double KmcRunConfig::deposition_flux_ml_per_s(double area_per_site_A2) const {
  if (current_density_mA_per_cm2 > 0.0) return flux_from_current_density(current_density_mA_per_cm2, area_per_site_A2);
  return flux_ml_per_s;
}

void KmcRunConfig::validate() const {
  require(std::isfinite(lattice_constant_A) && lattice_constant_A > 0.0, "lattice.lattice_constant_A",
          "a positive length in Angstrom");
  require(nx >= 4 && ny >= 4, "lattice.nx/lattice.ny", "at least 4 sites along each side (lattice too small)");
  require(static_cast<long long>(nx) * ny < (1LL << 31), "lattice.nx/lattice.ny",
          "fewer than 2^31 sites in all (lattice too large)");
  // The rate table grows with the cube of the species count.
  require(!species.empty() && species.size() <= 16, "model.species", "1 to 16 species names");
  require(std::isfinite(prefactor_per_s) && prefactor_per_s > 0.0, "model.prefactor_per_s", "a positive rate in 1/s");
  require(bond_counting.enabled || !catalog_path.empty(), "model.catalog / model.bond_counting",
          "a barrier catalog or the bond-counting model (or both)");
  const std::size_t nspecies = species.size();
  if (bond_counting.enabled) {
    require(bond_counting.base_barrier_eV.size() == nspecies * nspecies, "model.base_barrier_eV",
            "barriers as species:eV or mover@species:eV pairs");
    for (std::size_t below = 0; below < nspecies; ++below)
      require(!std::isnan(bond_counting.base_barrier_eV[below]), "model.base_barrier_eV",
              "a barrier for the deposited species over every species (missing: " + species[below] + ")");
    for (double e : bond_counting.base_barrier_eV)
      require(std::isnan(e) || finite_nonneg(e), "model.base_barrier_eV", "finite barriers >= 0 eV");
    require(std::isfinite(bond_counting.bond_eV), "model.bond_eV", "a finite energy in eV");
    // The step terms may be negative (a descent easier than a terrace hop: the Li(110) [001] step
    // of the shipped catalog), but no step hop the fallback can give may have a negative barrier:
    // E_0 + n E_bond + term >= 0 for every E_0 given and n = 0 .. the net's lateral neighbours.
    const int n_max = lattice::SurfaceNet::for_facet(facet, lattice_constant_A, 4, 4).lateral_count();
    const double lowest_bonds_eV = std::min(0.0, n_max * bond_counting.bond_eV);
    auto step_term = [&](double term_eV, const std::string &key) {
      require(std::isfinite(term_eV), key, "a finite energy in eV");
      for (double e : bond_counting.base_barrier_eV)
        require(std::isnan(e) || e + lowest_bonds_eV + term_eV >= 0.0, key,
                "an energy with model.base_barrier_eV + n model.bond_eV + " + key.substr(6) +
                    " >= 0 eV for every barrier given and n = 0.." + std::to_string(n_max) +
                    " (a step hop with a negative barrier)");
    };
    step_term(bond_counting.ehrlich_schwoebel_eV, "model.ehrlich_schwoebel_eV");
    step_term(bond_counting.up_step_eV, "model.up_step_eV");
  }
  if (!exchange.barrier_eV.empty()) {
    require(exchange.barrier_eV.size() == nspecies * nspecies, "model.exchange_barrier_eV",
            "barriers as adatom@substrate:eV pairs");
    for (std::size_t a = 0; a < nspecies; ++a)
      require(std::isnan(exchange.barrier_eV[a * nspecies + a]), "model.exchange_barrier_eV",
              "pairs of two different species (an atom cannot exchange with its own species)");
    for (double e : exchange.barrier_eV)
      require(std::isnan(e) || finite_nonneg(e), "model.exchange_barrier_eV", "finite barriers >= 0 eV");
  }  if (!exchange.self_barrier_eV.empty()) {
    require(exchange.self_barrier_eV.size() == nspecies, "model.self_exchange_barrier_eV", "one barrier slot per species");
    for (double e : exchange.self_barrier_eV)
      require(std::isnan(e) || finite_nonneg(e), "model.self_exchange_barrier_eV", "finite barriers >= 0 eV");
    require(!exchange.self_enabled() || facet == "bcc100" || facet == "fcc100", "model.self_exchange_barrier_eV",
            "off on facet " + facet + " (the self-exchange event is the diagonal move of the square net: bcc100 or fcc100)");
  }

  if (desorption.enabled) {
    require(std::isfinite(desorption.barrier_eV), "model.desorption_barrier_eV", "a finite energy in eV");
    require(std::isfinite(desorption.bond_eV), "model.desorption_bond_eV", "a finite energy in eV");
  }
  require(max_height >= 0, "model.max_height", "0 (unlimited) or a positive number of layers");
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "conditions.temperature_K", "a positive temperature in K");
  require(finite_nonneg(flux_ml_per_s), "conditions.flux_ml_per_s", "a finite flux >= 0 ML/s");
  require(finite_nonneg(current_density_mA_per_cm2), "conditions.current_density_mA_per_cm2",
          "a finite current density >= 0 mA/cm^2");
  require(!(flux_ml_per_s > 0.0 && current_density_mA_per_cm2 > 0.0),
          "conditions.flux_ml_per_s / conditions.current_density_mA_per_cm2", "only one of the two");
  require(initial_coverage_ml >= 0.0 && initial_coverage_ml <= 1.0, "conditions.initial_coverage_ml",
          "a coverage between 0 and 1 ML");
  require(selector == "sumtree" || selector == "cr", "run.selector", "sumtree or cr");
  require(first_passage.max_half_width >= 1 && first_passage.max_half_width <= 1024, "run.first_passage_max_half_width",
          "an integer from 1 to 1024 (sites)");
  require(finite_nonneg(limits.max_time_s), "run.max_time_s", "a finite time >= 0 s");
  require(finite_nonneg(limits.max_deposited_ml), "run.max_deposited_ml", "a finite coverage >= 0 ML");
  require(finite_nonneg(limits.sample_interval_s), "run.sample_interval_s", "a finite interval >= 0 s");
  require(limits.max_time_s > 0.0 || limits.max_events > 0 || limits.max_deposited_ml > 0.0,
          "run.max_time_s / run.max_events / run.max_deposited_ml", "at least one limit");
  if (limits.max_time_s == 0.0 && limits.max_events == 0) {
    // The deposited amount is the only limit: it must be reachable, or the run never ends.
    require(flux_ml_per_s > 0.0 || current_density_mA_per_cm2 > 0.0, "run.max_deposited_ml",
            "a deposition flux (conditions.flux_ml_per_s or current_density_mA_per_cm2) when it is the only limit");
    require(max_height == 0 || desorption.enabled || limits.max_deposited_ml <= max_height, "run.max_deposited_ml",
            "at most model.max_height layers when it is the only limit and nothing desorbs");
  }
  require(dump_every_samples >= 0, "output.dump_every_samples", "0 (no snapshots) or a positive number of samples");
  require(!output_folder.empty(), "output.folder", "a folder name");
}

}  // namespace anodekmc::kmc
