// Synthetic tables for the format and reader tests: a spec parsed from text (base configs
// supplied in-process) and per-point results from a known function ln D(T, x), so that every
// value in every file has an independent expected value. No kMC runs here.
#pragma once

#include "table/grid_point.hpp"
#include "table/point_result.hpp"
#include "table/table_assembly.hpp"
#include "table/table_spec.hpp"

#include <cmath>
#include <functional>
#include <string>

namespace anodekmc::table::test {

inline constexpr double kKb = 8.617333262e-5;

/// Exactly Arrhenius in T, with ln D0 and E_a linear in log10 x: bilinear interpolation in
/// (1/T, log10 x) reproduces it exactly (the only cross term is u/T).
inline double exact_ln_D(double temperature_K, double solute_fraction, bool pure, double offset = 0.0) {
  const double u = pure ? 0.0 : std::log10(solute_fraction);
  const double ln_D0 = -18.0 + 0.7 * u + offset;
  const double Ea_eV = 0.30 + 0.05 * u;
  return ln_D0 - Ea_eV / (kKb * temperature_K);
}

inline kmc::KmcRunConfig base_config(const std::string &path) {
  kmc::KmcRunConfig c;
  c.nx = c.ny = 8;
  c.species = path.find("LiIn") != std::string::npos ? std::vector<std::string>{"Li", "In"}
                                                     : std::vector<std::string>{"Li"};
  c.bond_counting.enabled = true;
  c.bond_counting.base_barrier_eV.assign(c.species.size() * c.species.size(), 0.3);
  c.limits.max_events = 1000;
  return c;
}

inline const char *kSyntheticSpec =
    "# synthetic table\n"
    "[table]\n"
    "name = synth\n"
    "temperatures_K = 250 300 350 400\n"
    "seeds = 2\n"
    "base_seed = 7\n"
    "potential_id = synthetic\n"
    "[system Li]\n"
    "kmc_config = Li.ini\n"
    "facets = bcc100\n"
    "[system LiIn]\n"
    "kmc_config = LiIn.ini\n"
    "facets = bcc100 bcc110\n"
    "solute = In\n"
    "solute_fractions = 0.01 0.03 0.1 0.2 0.3\n"
    "complexion_transitions = 0.05\n"
    "complexion_names = dilute dense\n";

inline TableSpec synthetic_spec(const std::string &text = kSyntheticSpec) {
  return parse_table_spec(text, "synthetic.ini", ".", base_config);
}

/// Results from exact_ln_D: every seed gets the same D (so the mean is exactly D); the
/// collective D is the tracer D times e^-0.1.
inline std::vector<PointResult> synthetic_results(const TableSpec &spec) {
  std::vector<PointResult> results;
  for (const GridPoint &p : enumerate_points(spec)) {
    PointResult r;
    r.id = p.id(spec);
    r.seeds = spec.seed_list();
    const bool pure = p.composition < 0;
    for (std::size_t s = 0; s < r.seeds.size(); ++s) {
      DiffusionSample d;
      d.tracer_D_m2_per_s = std::exp(exact_ln_D(p.temperature_K, p.solute_fraction, pure));
      d.collective_D_m2_per_s = std::exp(exact_ln_D(p.temperature_K, p.solute_fraction, pure, -0.1));
      r.diffusion.push_back(d);
    }
    results.push_back(r);
  }
  return results;
}

inline TableData synthetic_table() { return assemble_table(synthetic_spec(), synthetic_results(synthetic_spec())); }

}  // namespace anodekmc::table::test
