// Small builders of kMC models for the validation tests.
#pragma once

#include "kmc/kmc_engine.hpp"
#include "kmc/kmc_model.hpp"
#include "kmc/rate_table.hpp"
#include "lattice/surface_net.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <limits>
#include <string>
#include <vector>

namespace anodekmc::kmc::test {

struct ModelSpec {
  std::string facet = "bcc100";
  double a_A = 3.51;
  int nx = 32, ny = 32;
  double temperature_K = 300.0;
  double prefactor_per_s = 1e13;
  double base_barrier_eV = 0.1;
  double bond_eV = 0.0;
  double es_eV = 0.0;
  double flux_ml_per_s = 0.0;
  int max_height = 0;
  bool desorption = false;
  double desorption_barrier_eV = 0.0;
  double self_exchange_barrier_eV = std::numeric_limits<double>::quiet_NaN();  // NaN: off
};

inline KmcModel make_model(const ModelSpec &m) {
  const auto net = lattice::SurfaceNet::for_facet(m.facet, m.a_A, m.nx, m.ny);
  const EnvironmentIndex index(net.lateral_count(), 1);
  BondCountingModel bc;
  bc.enabled = true;
  bc.base_barrier_eV = {m.base_barrier_eV};
  bc.bond_eV = m.bond_eV;
  bc.ehrlich_schwoebel_eV = m.es_eV;
  DesorptionModel des;
  des.enabled = m.desorption;
  des.barrier_eV = m.desorption_barrier_eV;
  ExchangeModel exchange;
  if (!std::isnan(m.self_exchange_barrier_eV)) exchange.self_barrier_eV = {m.self_exchange_barrier_eV};
  RateTable rates(index, nullptr, bc, des, m.temperature_K, m.prefactor_per_s, exchange);
  return KmcModel{net, {"Li"}, std::vector<std::uint8_t>(net.site_count(), 0), rates, m.flux_ml_per_s, m.max_height};
}

/// Hop rate per direction of a free adatom: nu_0 exp(-E_0 / k_B T), computed independently.
inline double free_hop_rate(const ModelSpec &m) {
  return m.prefactor_per_s * std::exp(-m.base_barrier_eV / (kBoltzmann_eV_per_K * m.temperature_K));
}

/// Mean and standard error of a sample.
struct MeanError {
  double mean = 0, error = 0;
};
inline MeanError mean_error(const std::vector<double> &x) {
  double s = 0, s2 = 0;
  for (double v : x) s += v;
  const double mean = s / x.size();
  for (double v : x) s2 += (v - mean) * (v - mean);
  return {mean, std::sqrt(s2 / (x.size() - 1) / x.size())};
}

/// Two-sample chi-square of two histograms with totals A and B (island sizes in log2 bins):
/// sum (K1 a - K2 b)^2 / (a + b), K1 = sqrt(B/A), K2 = sqrt(A/B) (Press et al., Numerical
/// Recipes, 14.3). Bins are merged from the largest key down until each holds at least
/// `min_count` counts of both together; a remainder joins the last merged bin. `dof` = merged
/// bins - 1.
inline double merged_two_sample_chi2(const std::map<int, double> &a, const std::map<int, double> &b, double min_count,
                                     int &dof) {
  std::map<int, std::pair<double, double>> bins;
  for (const auto &[k, v] : a) bins[k].first += v;
  for (const auto &[k, v] : b) bins[k].second += v;
  std::vector<std::pair<double, double>> merged;
  std::pair<double, double> carry{0, 0};
  for (auto it = bins.rbegin(); it != bins.rend(); ++it) {
    carry.first += it->second.first;
    carry.second += it->second.second;
    if (carry.first + carry.second >= min_count) {
      merged.push_back(carry);
      carry = {0, 0};
    }
  }
  if (carry.first + carry.second > 0 && !merged.empty()) {
    merged.back().first += carry.first;
    merged.back().second += carry.second;
  }
  double A = 0, B = 0;
  for (const auto &v : merged) {
    A += v.first;
    B += v.second;
  }
  const double k1 = std::sqrt(B / A), k2 = std::sqrt(A / B);
  double chi2 = 0;
  for (const auto &v : merged) chi2 += std::pow(k1 * v.first - k2 * v.second, 2) / (v.first + v.second);
  dof = static_cast<int>(merged.size()) - 1;
  return chi2;
}

/// Two engines of the same model and seed: one ran 2n events straight; the other ran n events,
/// wrote a checkpoint, and a third engine (another seed: the RNG state must come from the
/// file) read it and ran to 2n events. An exact restart leaves the two identical.
template <class Selector>
struct RestartPair {
  std::unique_ptr<KmcEngine<Selector>> straight, resumed;
};
template <class Selector>
RestartPair<Selector> run_straight_and_resumed(const KmcModel &model, std::uint64_t seed, std::uint64_t n) {
  RestartPair<Selector> pair;
  pair.straight = std::make_unique<KmcEngine<Selector>>(model, seed);
  RunLimits all;
  all.max_events = 2 * n;
  pair.straight->run(all, nullptr);
  KmcEngine<Selector> first(model, seed);
  RunLimits half;
  half.max_events = n;
  first.run(half, nullptr);
  std::stringstream checkpoint(std::ios::in | std::ios::out | std::ios::binary);
  first.write_checkpoint(checkpoint);
  pair.resumed = std::make_unique<KmcEngine<Selector>>(model, seed + 999);
  pair.resumed->read_checkpoint(checkpoint);
  pair.resumed->run(all, nullptr);
  return pair;
}

/// Bit-for-bit equality of two surfaces (doubles compared exactly).
inline void expect_same_state(const SurfaceState &a, const SurfaceState &b) {
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.top_atom, b.top_atom);
  EXPECT_EQ(a.substrate, b.substrate);
  EXPECT_EQ(a.species, b.species);
  EXPECT_TRUE(a.atoms == b.atoms);
  EXPECT_EQ(a.arrival_time_s, b.arrival_time_s);
  EXPECT_EQ(a.alive, b.alive);
}

/// Weighted least-squares line y = intercept + slope x, with the standard error of the slope.
struct LineFit {
  double slope = 0, slope_error = 0, intercept = 0;
};
inline LineFit weighted_line_fit(const std::vector<double> &x, const std::vector<double> &y,
                                 const std::vector<double> &weight) {
  double S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    S += weight[i];
    Sx += weight[i] * x[i];
    Sy += weight[i] * y[i];
    Sxx += weight[i] * x[i] * x[i];
    Sxy += weight[i] * x[i] * y[i];
  }
  const double det = S * Sxx - Sx * Sx;
  LineFit fit;
  fit.slope = (S * Sxy - Sx * Sy) / det;
  fit.intercept = (Sxx * Sy - Sx * Sxy) / det;
  fit.slope_error = std::sqrt(S / det);
  return fit;
}

}  // namespace anodekmc::kmc::test
