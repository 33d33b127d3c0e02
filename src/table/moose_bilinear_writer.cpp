#include "table/moose_bilinear_writer.hpp"

#include "table/number_text.hpp"

#include <stdexcept>

namespace anodekmc::table {

std::string moose_bilinear_file_name(const TableGrid &grid, const std::string &quantity) {
  return "moose/" + grid.file_stem() + "_" + quantity + "_lnD_bilinear.csv";
}

bool has_bilinear_form(const TableGrid &grid) { return grid.log10_solute_fraction.size() >= 2; }

std::string moose_bilinear_text(const TableGrid &grid, const std::string &quantity) {
  if (!has_bilinear_form(grid))
    throw std::logic_error("bilinear table of " + grid.file_stem() + ": needs at least two compositions");
  const std::size_t nx = grid.inverse_temperature_per_K.size();
  std::string out;
  for (std::size_t i = 0; i < nx; ++i) out += (i ? "," : "") + number_text(grid.inverse_temperature_per_K[i]);
  out += "\n";
  const std::vector<double> &values = grid.ln_D.at(quantity);
  for (std::size_t j = 0; j < grid.log10_solute_fraction.size(); ++j) {
    out += number_text(grid.log10_solute_fraction[j]);
    for (std::size_t i = 0; i < nx; ++i) out += "," + number_text(values[j * nx + i]);
    out += "\n";
  }
  return out;
}

}  // namespace anodekmc::table
