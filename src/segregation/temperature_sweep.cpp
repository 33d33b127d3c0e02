#include "segregation/temperature_sweep.hpp"

#include "segregation/complexion_label.hpp"
#include "segregation/multilayer_mean_field.hpp"
#include "segregation/sgc_monte_carlo.hpp"
#include "segregation/slab_lattice.hpp"

#include <chrono>
#include <cmath>

namespace anodekmc::segregation {

namespace {

// Mean and standard error of batch means.
void mean_and_error(const std::vector<double> &values, double &mean, double &se) {
  mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double var = 0;
  for (double v : values) var += (v - mean) * (v - mean);
  const double n = static_cast<double>(values.size());
  se = n > 1 ? std::sqrt(var / (n - 1) / n) : 0.0;
}

// One MC point: equilibrate, then sample in batches; compositions averaged over every sweep.
// The ensemble (SGC or VC-SGC) must be set on `mc` before the call; `delta_mu_eV` is recorded.
StateRecord sample_point(SgcMonteCarlo &mc, const SegregationSpec &spec, double delta_mu_eV, Rng &rng,
                         double *mean_fraction = nullptr) {
  const SlabLattice &lat = mc.lattice();
  mc.run_sweeps(spec.equilibration_sweeps, rng);
  double fraction_sum = 0;
  const long long trials0 = mc.trials(), accepted0 = mc.accepted();
  const int depths = lat.depth_count();
  std::vector<double> layers_at_depth(static_cast<std::size_t>(depths), 0.0);
  for (int l = 0; l < lat.layers(); ++l) layers_at_depth[static_cast<std::size_t>(lat.depth_of_layer(l))] += 1.0;
  const long per_batch = spec.sampling_sweeps / spec.batches;
  std::vector<std::vector<double>> x_batches(static_cast<std::size_t>(depths));
  std::vector<double> xb_batches, gamma_batches;
  const double per_layer = lat.sites_per_layer();
  for (int b = 0; b < spec.batches; ++b) {
    std::vector<double> x(static_cast<std::size_t>(depths), 0.0);
    for (long s = 0; s < per_batch; ++s) {
      mc.run_sweeps(1, rng);
      fraction_sum += static_cast<double>(mc.dopant_count()) / lat.site_count();
      const std::vector<long> counts = mc.dopants_per_layer();
      for (int l = 0; l < lat.layers(); ++l)
        x[static_cast<std::size_t>(lat.depth_of_layer(l))] +=
            counts[static_cast<std::size_t>(l)] / per_layer / layers_at_depth[static_cast<std::size_t>(lat.depth_of_layer(l))];
    }
    for (auto &v : x) v /= static_cast<double>(per_batch);
    // x_b: the depths beyond the listed segregation energies (the slab's bulk), site-weighted.
    double xb = 0, weight = 0;
    for (int d = spec.first_bulk_depth(); d < depths; ++d) {
      xb += x[static_cast<std::size_t>(d)] * layers_at_depth[static_cast<std::size_t>(d)];
      weight += layers_at_depth[static_cast<std::size_t>(d)];
    }
    xb /= weight;
    // Gamma per face: the slab has two equivalent faces, so half the slab's total excess.
    double gamma = 0;
    for (int d = 0; d < depths; ++d) gamma += (x[static_cast<std::size_t>(d)] - xb) * layers_at_depth[static_cast<std::size_t>(d)];
    gamma *= 0.5;
    for (int d = 0; d < depths; ++d) x_batches[static_cast<std::size_t>(d)].push_back(x[static_cast<std::size_t>(d)]);
    xb_batches.push_back(xb);
    gamma_batches.push_back(gamma);
  }
  StateRecord r;
  r.method = "mc";
  r.delta_mu_eV = delta_mu_eV;
  r.composition_by_depth.resize(static_cast<std::size_t>(depths));
  r.composition_se.resize(static_cast<std::size_t>(depths));
  for (int d = 0; d < depths; ++d)
    mean_and_error(x_batches[static_cast<std::size_t>(d)], r.composition_by_depth[static_cast<std::size_t>(d)],
                   r.composition_se[static_cast<std::size_t>(d)]);
  mean_and_error(xb_batches, r.x_bulk, r.x_bulk_se);
  mean_and_error(gamma_batches, r.excess_per_site, r.excess_se);
  r.acceptance = static_cast<double>(mc.accepted() - accepted0) / static_cast<double>(mc.trials() - trials0);
  r.label = complexion_label(r.composition_by_depth, r.x_bulk, spec.labels);
  if (mean_fraction) *mean_fraction = fraction_sum / static_cast<double>(per_batch * spec.batches);
  return r;
}

StateRecord mean_field_record(const MeanFieldSolution &s, const std::string &direction, double delta_mu_eV,
                              const SegregationSpec &spec) {
  StateRecord r;
  r.method = "mf";
  r.direction = direction;
  r.delta_mu_eV = delta_mu_eV;
  r.composition_by_depth = s.composition;
  r.composition_se.assign(s.composition.size(), 0.0);
  r.x_bulk = s.x_bulk;
  r.excess_per_site = s.excess_per_site;
  r.grand_potential_eV_per_site = s.grand_potential_eV;
  r.label = complexion_label(r.composition_by_depth, r.x_bulk, spec.labels);
  return r;
}

// The dmu range of the hysteresis loop: grid indices where the branches' Gamma differ by more
// than min_jump (first > last if there is no loop). up and down are both on the increasing grid.
void loop_range(const std::vector<StateRecord> &up, const std::vector<StateRecord> &down_increasing, double min_jump,
                std::size_t &first, std::size_t &last) {
  first = up.size(), last = 0;
  for (std::size_t k = 0; k < up.size(); ++k)
    if (std::abs(down_increasing[k].excess_per_site - up[k].excess_per_site) > min_jump) {
      if (first == up.size()) first = k;
      last = k;
    }
}

// gamma along both branches (down given in sweep order, i.e. decreasing dmu), marks the stable
// branch and locates the transition at the crossing of the gamma branches.
//
// Gibbs integration is valid only along a reversible path, never across the irreversible jump
// at the end of a metastable branch. So: the up branch is integrated from dmu_min while it stays
// in the low-Gamma state (up to the loop's upper end); the down branch's high-Gamma stretch is
// integrated from dmu_max and anchored by `high_anchor` (gamma of the down branch at the loop's
// upper end, from a reversible path through the two-phase region: the VC-SGC bridge for MC, the
// exact grand potential for mean field); outside the loop both branches are the same state and
// share gamma. With gamma_exact (mean field) the given values are used as they are.
void close_branches(std::vector<StateRecord> &up, std::vector<StateRecord> &down, const std::string &method,
                    double min_jump, const std::vector<double> *high_anchor_gamma, bool gamma_exact,
                    std::vector<TransitionRecord> &transitions) {
  const std::size_t n = up.size();
  std::vector<StateRecord *> dn(n);
  for (std::size_t k = 0; k < n; ++k) dn[k] = &down[n - 1 - k];  // increasing dmu
  std::vector<StateRecord> down_inc;
  for (auto *d : dn) down_inc.push_back(*d);
  std::size_t first = 0, last = 0;
  loop_range(up, down_inc, min_jump, first, last);
  const bool loop = first <= last && first < n;
  std::vector<double> mu(n), x_up(n), x_dn(n), g_up(n), g_dn(n);
  for (std::size_t k = 0; k < n; ++k) mu[k] = up[k].delta_mu_eV, x_up[k] = up[k].excess_per_site, x_dn[k] = dn[k]->excess_per_site;
  if (gamma_exact) {
    for (std::size_t k = 0; k < n; ++k) g_up[k] = up[k].delta_gamma_eV_per_site, g_dn[k] = dn[k]->delta_gamma_eV_per_site;
  } else {
    // Reversible stretches: up on [0, last] (low state), down on [first, n) (high state).
    const std::size_t up_end = loop ? last : n - 1;
    const std::vector<double> gu = integrate_gibbs(std::vector<double>(mu.begin(), mu.begin() + static_cast<long>(up_end) + 1),
                                                   std::vector<double>(x_up.begin(), x_up.begin() + static_cast<long>(up_end) + 1));
    for (std::size_t k = 0; k <= up_end; ++k) g_up[k] = g_dn[k] = gu[k];
    if (loop) {
      std::vector<double> mu_hi(mu.begin() + static_cast<long>(first), mu.end()),
          x_hi(x_dn.begin() + static_cast<long>(first), x_dn.end());
      std::vector<double> gh = integrate_gibbs(mu_hi, x_hi);
      // Anchor: gamma at the loop's upper end (grid index `last`) from the reversible bridge.
      const double anchor = high_anchor_gamma && !high_anchor_gamma->empty() ? (*high_anchor_gamma)[0] : gu[last];
      const double shift = anchor - gh[last - first];
      for (std::size_t k = first; k < n; ++k) g_dn[k] = gh[k - first] + shift;
      for (std::size_t k = last + 1; k < n; ++k) g_up[k] = g_dn[k];  // same (high) state past the loop
      for (std::size_t k = 0; k < first; ++k) g_dn[k] = g_up[k];     // same (low) state below it
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    up[k].delta_gamma_eV_per_site = g_up[k];
    dn[k]->delta_gamma_eV_per_site = g_dn[k];
    const bool up_lower = g_up[k] <= g_dn[k] + 1e-12;
    const bool dn_lower = g_dn[k] <= g_up[k] + 1e-12;
    up[k].stable = up_lower;
    dn[k]->stable = dn_lower;
  }
  if (auto c = find_branch_crossing(mu, g_up, g_dn, x_up, x_dn, min_jump)) {
    TransitionRecord t;
    t.method = method;
    t.crossing = *c;
    std::size_t k = 0;
    while (k + 1 < n && mu[k + 1] < c->delta_mu_eV) ++k;
    t.x_bulk = up[k].x_bulk;
    t.label_below = up[k].label;
    t.label_above = dn[std::min(k + 1, n - 1)]->label;
    transitions.push_back(t);
  }
}

}  // namespace

TemperatureResult run_temperature(const SegregationSpec &spec, std::size_t index) {
  const auto start = std::chrono::steady_clock::now();
  TemperatureResult result;
  const double T = spec.temperatures_K.at(index);
  result.temperature_K = T;
  const std::vector<double> grid = spec.delta_mu_grid_eV();

  // --- lattice MC, up then down, one continuing chain ---
  const SlabLattice lattice(spec.facet, spec.lattice_constant_A, spec.nx, spec.ny, spec.layers);
  SgcMonteCarlo mc(lattice, spec.energies);
  Rng rng(spec.seed, index);  // stream = temperature index: independent per temperature
  mc.fill(false);
  std::size_t handoff_k = 0;
  if (spec.handoff && spec.handoff_temperature_K == T)
    for (std::size_t k = 1; k < grid.size(); ++k)
      if (std::abs(grid[k] - spec.handoff_delta_mu_eV) < std::abs(grid[handoff_k] - spec.handoff_delta_mu_eV)) handoff_k = k;
  auto capture = [&](const std::string &branch, std::size_t k) {
    if (spec.handoff && spec.handoff_temperature_K == T && branch == spec.handoff_branch && k == handoff_k)
      result.handoff_surface.assign(mc.occupation().begin(), mc.occupation().begin() + lattice.sites_per_layer());
  };
  std::vector<StateRecord> up, down;
  std::vector<std::vector<std::uint8_t>> up_states(grid.size()), down_states(grid.size());
  std::vector<double> up_fraction(grid.size()), down_fraction(grid.size());
  for (std::size_t k = 0; k < grid.size(); ++k) {
    mc.set_sgc(T, grid[k]);
    up.push_back(sample_point(mc, spec, grid[k], rng, &up_fraction[k]));
    up.back().direction = "up";
    up_states[k] = mc.occupation();
    capture("up", k);
  }
  for (std::size_t k = grid.size(); k-- > 0;) {
    mc.set_sgc(T, grid[k]);
    down.push_back(sample_point(mc, spec, grid[k], rng, &down_fraction[k]));
    down.back().direction = "down";
    down_states[k] = mc.occupation();
    capture("down", k);
  }
  // A hysteresis loop: bridge its low and high states by a reversible VC-SGC path through the
  // two-phase region (the slab's dopant fraction stepped from the up branch's value at the loop's
  // lower end to the down branch's at its upper end), integrate gamma along it, and so anchor the
  // high-Gamma branch: the crossing of the branches is then the equal-area (Maxwell) point.
  std::vector<double> anchor;
  {
    std::vector<StateRecord> down_inc(down.rbegin(), down.rend());
    std::size_t first = 0, last = 0;
    loop_range(up, down_inc, spec.min_jump_per_site, first, last);
    if (first <= last && first < grid.size()) {
      const double mu_ref = 0.5 * (grid[first] + grid[last]);
      const double c0 = up_fraction[first], c1 = down_fraction[last];
      // kappa well above the largest negative slope of dmu(c) inside the loop (a jump of
      // (grid[last] - grid[first]) eV over (c1 - c0)), so the constrained ensemble is stable.
      const double kappa = 10.0 * std::max(0.05, std::abs(grid[last] - grid[first])) / std::max(1e-3, std::abs(c1 - c0));
      mc.set_occupation(up_states[first]);
      std::vector<double> path_mu{grid[first]}, path_excess{up[first].excess_per_site};
      const int steps = spec.bridge_steps;
      for (int s = 1; s < steps; ++s) {
        const double target = c0 + (c1 - c0) * s / steps;
        const double phi = -mu_ref - kappa * target;
        mc.set_variance_constrained(T, phi, kappa);
        double c = 0;
        const StateRecord r = sample_point(mc, spec, mu_ref, rng, &c);
        path_mu.push_back(-(phi + kappa * c));  // dmu estimator of VC-SGC
        path_excess.push_back(r.excess_per_site);
      }
      path_mu.push_back(grid[last]);
      path_excess.push_back(down_inc[last].excess_per_site);
      // gamma at the loop's lower end on the up branch (integrated from dmu_min).
      const std::vector<double> gu = integrate_gibbs(
          std::vector<double>(grid.begin(), grid.begin() + static_cast<long>(first) + 1),
          [&] { std::vector<double> x; for (std::size_t k = 0; k <= first; ++k) x.push_back(up[k].excess_per_site); return x; }());
      anchor.push_back(gu.back() + integrate_gibbs(path_mu, path_excess).back());
      result.bridge_points = steps - 1;
    }
  }
  result.trials = mc.trials();
  close_branches(up, down, "mc", spec.min_jump_per_site, &anchor, false, result.transitions);

  // --- mean field: branches continued up and down, and the lowest-Omega equilibrium ---
  const MultilayerMeanField mf(spec.energies, spec.mean_field_planes, lattice.z_in_plane(), lattice.z_between_planes(), true);
  std::vector<StateRecord> mf_up, mf_down, mf_eq;
  std::vector<double> profile(static_cast<std::size_t>(spec.mean_field_planes), 1e-9);
  for (double mu : grid) {
    const MeanFieldSolution s = mf.solve_from(T, mu, profile);
    profile = s.composition;
    mf_up.push_back(mean_field_record(s, "up", mu, spec));
  }
  for (std::size_t k = grid.size(); k-- > 0;) {
    const MeanFieldSolution s = mf.solve_from(T, grid[k], profile);
    profile = s.composition;
    mf_down.push_back(mean_field_record(s, "down", grid[k], spec));
  }
  const double omega0 = mf.solve(T, grid.front()).equilibrium().grand_potential_eV;
  for (auto *branch : {&mf_up, &mf_down})
    for (auto &s : *branch) s.delta_gamma_eV_per_site = s.grand_potential_eV_per_site - omega0;
  close_branches(mf_up, mf_down, "mf", spec.min_jump_per_site, nullptr, true, result.transitions);
  for (double mu : grid) {
    const MeanFieldResult all = mf.solve(T, mu);
    StateRecord r = mean_field_record(all.equilibrium(), "equilibrium", mu, spec);
    r.mf_solutions = static_cast<int>(all.solutions.size());
    // The exact surface grand potential difference: what Gibbs integration must reproduce.
    r.delta_gamma_eV_per_site = r.grand_potential_eV_per_site - omega0;
    mf_eq.push_back(r);
  }
  for (auto *branch : {&up, &down, &mf_up, &mf_down, &mf_eq})
    for (auto &s : *branch) result.states.push_back(std::move(s));
  result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

nlohmann::json to_json(const TemperatureResult &r) {
  nlohmann::json j;
  j["temperature_K"] = r.temperature_K;
  j["wall_time_s"] = r.wall_time_s;
  j["trials"] = r.trials;
  j["bridge_points"] = r.bridge_points;
  j["handoff_surface"] = r.handoff_surface;
  for (const auto &s : r.states)
    j["states"].push_back({{"method", s.method}, {"direction", s.direction}, {"delta_mu_eV", s.delta_mu_eV},
                           {"x", s.composition_by_depth}, {"x_se", s.composition_se}, {"x_bulk", s.x_bulk},
                           {"x_bulk_se", s.x_bulk_se}, {"excess", s.excess_per_site}, {"excess_se", s.excess_se},
                           {"dgamma", s.delta_gamma_eV_per_site}, {"omega", s.grand_potential_eV_per_site},
                           {"solutions", s.mf_solutions}, {"acceptance", s.acceptance}, {"label", s.label},
                           {"stable", s.stable}});
  j["transitions"] = nlohmann::json::array();
  for (const auto &t : r.transitions)
    j["transitions"].push_back({{"method", t.method}, {"delta_mu_eV", t.crossing.delta_mu_eV},
                                {"jump", t.crossing.excess_jump}, {"hysteresis_eV", t.crossing.hysteresis_eV},
                                {"x_bulk", t.x_bulk}, {"below", t.label_below}, {"above", t.label_above}});
  return j;
}

TemperatureResult temperature_result_from_json(const nlohmann::json &j) {
  TemperatureResult r;
  r.temperature_K = j.at("temperature_K");
  r.wall_time_s = j.at("wall_time_s");
  r.trials = j.at("trials");
  r.bridge_points = j.at("bridge_points");
  r.handoff_surface = j.at("handoff_surface").get<std::vector<std::uint8_t>>();
  for (const auto &s : j.at("states")) {
    StateRecord x;
    x.method = s.at("method");
    x.direction = s.at("direction");
    x.delta_mu_eV = s.at("delta_mu_eV");
    x.composition_by_depth = s.at("x").get<std::vector<double>>();
    x.composition_se = s.at("x_se").get<std::vector<double>>();
    x.x_bulk = s.at("x_bulk");
    x.x_bulk_se = s.at("x_bulk_se");
    x.excess_per_site = s.at("excess");
    x.excess_se = s.at("excess_se");
    x.delta_gamma_eV_per_site = s.at("dgamma");
    x.grand_potential_eV_per_site = s.at("omega");
    x.mf_solutions = s.at("solutions");
    x.acceptance = s.at("acceptance");
    x.label = s.at("label");
    x.stable = s.at("stable");
    r.states.push_back(std::move(x));
  }
  for (const auto &t : j.at("transitions")) {
    TransitionRecord x;
    x.method = t.at("method");
    x.crossing.delta_mu_eV = t.at("delta_mu_eV");
    x.crossing.excess_jump = t.at("jump");
    x.crossing.hysteresis_eV = t.at("hysteresis_eV");
    x.x_bulk = t.at("x_bulk");
    x.label_below = t.at("below");
    x.label_above = t.at("above");
    r.transitions.push_back(std::move(x));
  }
  return r;
}

}  // namespace anodekmc::segregation
