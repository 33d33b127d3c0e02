#include "table/moose_gridded_writer.hpp"

#include "table/number_text.hpp"

namespace anodekmc::table {

std::string moose_gridded_file_name(const TableGrid &grid, const std::string &quantity) {
  return "moose/" + grid.file_stem() + "_" + quantity + "_lnD.txt";
}

namespace {

std::string joined(const std::vector<double> &values, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) out += (i == begin ? "" : " ") + number_text(values[i]);
  return out;
}

}  // namespace

std::string moose_gridded_text(const TableData &data, const TableGrid &grid, const std::string &quantity) {
  const bool two_axes = grid.log10_solute_fraction.size() >= 2;
  std::string out = "# anodekmc lookup table '" + data.name + "', " + quantity + " diffusivity: ln(D / (m^2/s))\n";
  out += "# system " + grid.system + ", facet " + grid.facet + ", complexion " + grid.complexion + ", solute " +
         grid.solute + "\n";
  out += "# AXIS X: 1/T in 1/K (ascending)";
  out += two_axes ? "; AXIS Y: log10 of the solute fraction (ascending)\n" : "\n";
  if (!two_axes && !grid.solute_fraction.empty())
    out += "# single composition: solute fraction " + number_text(grid.solute_fraction[0]) + "\n";
  out += "# potential " + data.provenance.at("potential_id").get<std::string>() + "; code " +
         data.provenance.at("code_version").get<std::string>() + " git " +
         data.provenance.at("git_sha").get<std::string>() + "\n";
  out += "AXIS X\n" + joined(grid.inverse_temperature_per_K, 0, grid.inverse_temperature_per_K.size()) + "\n";
  if (two_axes)
    out += "AXIS Y\n" + joined(grid.log10_solute_fraction, 0, grid.log10_solute_fraction.size()) + "\n";
  out += "DATA\n";
  const std::vector<double> &values = grid.ln_D.at(quantity);
  const std::size_t nx = grid.inverse_temperature_per_K.size();
  for (std::size_t start = 0; start < values.size(); start += nx) out += joined(values, start, start + nx) + "\n";
  return out;
}

}  // namespace anodekmc::table
