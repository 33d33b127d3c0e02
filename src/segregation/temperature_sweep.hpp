// One temperature of a complexion map: the lattice MC sweep of dmu upwards from a clean (all
// host) slab and then downwards, each point continuing from the previous state so hysteresis
// shows; the mean-field branches (continued up and down) and the mean-field equilibrium (lowest
// grand potential of every solution); gamma along each branch by Gibbs integration, the stable
// branch, labels, and the first-order transition from the crossing of the gamma branches.
#pragma once

#include "segregation/gibbs_adsorption.hpp"
#include "segregation/segregation_spec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace anodekmc::segregation {

struct StateRecord {
  std::string method;     // mc | mf
  std::string direction;  // up | down | equilibrium (mf only)
  double delta_mu_eV = 0;
  std::vector<double> composition_by_depth, composition_se;  // X_d, d = 0 surface
  double x_bulk = 0, x_bulk_se = 0;
  double excess_per_site = 0, excess_se = 0;  // Gamma per surface site (one face)
  double delta_gamma_eV_per_site = 0;         // gamma(dmu) - gamma(dmu_min, up branch)
  double grand_potential_eV_per_site = 0;     // mf only: Omega_s
  int mf_solutions = 0;                       // mf equilibrium: number of solutions found
  double acceptance = 0;                      // mc: accepted / trial flips at this point
  std::string label;
  bool stable = true;  // the lower-gamma branch at this dmu
};

struct TransitionRecord {
  std::string method;
  BranchCrossing crossing;
  double x_bulk = 0;
  std::string label_below, label_above;
};

struct TemperatureResult {
  double temperature_K = 0;
  std::vector<StateRecord> states;
  std::vector<TransitionRecord> transitions;
  std::vector<std::uint8_t> handoff_surface;  // layer-0 species map (1 = solute), if requested here
  double wall_time_s = 0;
  long long trials = 0;
  int bridge_points = 0;  // VC-SGC points of the bridge through the hysteresis loop (0: no loop)
};

/// Runs temperature number `index` of the spec (its own random stream: seed, stream index).
TemperatureResult run_temperature(const SegregationSpec &spec, std::size_t index);

nlohmann::json to_json(const TemperatureResult &result);
TemperatureResult temperature_result_from_json(const nlohmann::json &j);

}  // namespace anodekmc::segregation
