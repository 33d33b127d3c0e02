#include "table/long_csv_writer.hpp"

#include "table/number_text.hpp"

#include <cmath>

namespace anodekmc::table {

std::string provenance_comment_block(const TableData &data) {
  const auto &p = data.provenance;
  std::string out = "# anodekmc lookup table '" + data.name + "'\n";
  for (const char *key : {"potential_id", "catalog_id", "code", "code_version", "git_sha", "spec"})
    out += std::string("# ") + key + ": " + p.at(key).get<std::string>() + "\n";
  out += "# seeds: " + p.at("seeds").dump() + "\n";
  out += "# measurement: " + p.at("measurement").dump() + "\n";
  if (p.contains("nucleation")) out += "# nucleation: " + p.at("nucleation").dump() + "\n";
  for (const auto &[name, system] : p.at("systems").items())
    out += "# system " + name + ": lattice " + std::to_string(system.at("lattice_nx").get<int>()) + " x " +
           std::to_string(system.at("lattice_ny").get<int>()) + " sites, " + system.dump() + "\n";
  return out;
}

std::string long_csv_header(bool nucleation) {
  std::string h =
      "system,facet,complexion,solute,temperature_K,inverse_temperature_per_K,solute_fraction,log10_solute_fraction,"
      "seeds,tracer_D_m2_per_s,tracer_D_stderr_m2_per_s,ln_tracer_D_m2_per_s,collective_D_m2_per_s,"
      "collective_D_stderr_m2_per_s,ln_collective_D_m2_per_s";
  if (nucleation) h += ",nucleation_flux_ml_per_s,island_density_per_nm2,island_density_stderr_per_nm2";
  return h;
}

std::string long_csv_text(const TableData &data) {
  const bool nucleation = data.provenance.contains("nucleation");
  std::string out = provenance_comment_block(data) + long_csv_header(nucleation) + "\n";
  for (const auto &row : data.rows) {
    const bool pure = row.solute == "none";
    out += row.system + "," + row.facet + "," + row.complexion + "," + row.solute + "," + number_text(row.temperature_K) +
           "," + number_text(1.0 / row.temperature_K) + "," + number_text(row.solute_fraction) + "," +
           (pure ? std::string() : number_text(std::log10(row.solute_fraction))) + "," + std::to_string(row.seeds);
    for (const auto &quantity : quantity_names()) {
      const MeanStderr &d = row.D_m2_per_s.at(quantity);
      out += "," + number_text(d.mean) + "," + number_text(d.stderr_of_mean) + "," + number_text(std::log(d.mean));
    }
    if (nucleation)
      out += "," + number_text(data.provenance.at("nucleation").at("flux_ml_per_s").get<double>()) + "," +
             number_text(row.island_density_per_nm2.mean) + "," + number_text(row.island_density_per_nm2.stderr_of_mean);
    out += "\n";
  }
  return out;
}

}  // namespace anodekmc::table
