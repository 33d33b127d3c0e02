#include "table/grid_point.hpp"

#include <sstream>

namespace anodekmc::table {

namespace {

std::string short_number(double v) {
  std::ostringstream s;
  s.precision(12);  // enough to tell grid values apart, short enough for a file name
  s << v;
  return s.str();
}

// Settings shared by both kinds of run: the grid's facet, temperature and substrate, and
// nothing written to disk by the engine (the table keeps its own records).
kmc::KmcRunConfig point_config(const TableSpec &spec, const GridPoint &point, std::uint64_t seed) {
  kmc::KmcRunConfig c = spec.systems[point.system].base;
  c.facet = point.facet;
  c.temperature_K = point.temperature_K;
  c.seed = seed;
  const SystemSpec &system = spec.systems[point.system];
  if (system.solute.empty()) {
    c.substrate = kmc::SubstrateSpec{};  // pure host
  } else {
    c.substrate.mode = "random";
    c.substrate.solute = system.solute;
    c.substrate.solute_fraction = point.solute_fraction;
    c.substrate.pattern.clear();
    c.substrate.file.clear();
  }
  c.flux_ml_per_s = 0.0;
  c.current_density_mA_per_cm2 = 0.0;
  c.initial_coverage_ml = 0.0;
  c.limits = kmc::RunLimits{};
  c.checkpoint_every_events = 0;
  c.dump_every_samples = 0;
  return c;
}

}  // namespace

std::string GridPoint::id(const TableSpec &spec) const {
  std::string out = spec.systems[system].name + "_" + facet;
  if (composition >= 0) out += "_x" + short_number(solute_fraction);
  return out + "_T" + short_number(temperature_K);
}

std::vector<GridPoint> enumerate_points(const TableSpec &spec) {
  std::vector<GridPoint> points;
  for (std::size_t s = 0; s < spec.systems.size(); ++s) {
    const SystemSpec &system = spec.systems[s];
    const int compositions = system.solute.empty() ? 1 : static_cast<int>(system.solute_fractions.size());
    for (const auto &facet : system.facets)
      for (int c = 0; c < compositions; ++c)
        for (double t : spec.temperatures_K) {
          GridPoint p;
          p.index = points.size();
          p.system = s;
          p.facet = facet;
          p.temperature_K = t;
          if (!system.solute.empty()) {
            p.composition = c;
            p.solute_fraction = system.solute_fractions[c];
            p.complexion = system.complexion_labels[c];
          }
          points.push_back(p);
        }
  }
  return points;
}

kmc::KmcRunConfig diffusion_config(const TableSpec &spec, const GridPoint &point, std::uint64_t seed) {
  kmc::KmcRunConfig c = point_config(spec, point, seed);
  c.initial_coverage_ml = spec.measurement.coverage_ml;
  // The run length is set in simulated time once the initial total rate is known
  // (diffusion_measurement.cpp); this cap only guards against a rate that grows without bound.
  c.limits.max_events = 50 * spec.measurement.events_per_run;
  return c;
}

kmc::KmcRunConfig nucleation_config(const TableSpec &spec, const GridPoint &point, std::uint64_t seed) {
  kmc::KmcRunConfig c = point_config(spec, point, seed);
  c.flux_ml_per_s = spec.nucleation.flux_ml_per_s;
  c.limits.max_deposited_ml = spec.nucleation.deposited_ml;
  return c;
}

}  // namespace anodekmc::table
