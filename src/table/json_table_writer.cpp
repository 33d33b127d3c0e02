#include "table/json_table_writer.hpp"

#include "table/moose_bilinear_writer.hpp"
#include "table/moose_gridded_writer.hpp"

namespace anodekmc::table {

nlohmann::json table_json(const TableData &data) {
  nlohmann::json j;
  j["format"] = kTableFormat;
  j["format_version"] = kTableFormatVersion;
  j["name"] = data.name;
  j["provenance"] = data.provenance;
  j["units"] = {{"ln_D_m2_per_s", "natural log of D in m^2/s"},
                {"inverse_temperature_per_K", "1/K"},
                {"log10_solute_fraction", "log10 of the solute fraction of the top substrate layer (atoms/site)"},
                {"Ea_eV", "eV"},
                {"interpolation", "bilinear in (1/T, log10 x) on ln D; 1/T varies fastest in the value arrays"}};
  j["quantities"] = quantity_names();
  j["files"] = {{"long_csv", "table.csv"}, {"arrhenius_csv", "arrhenius.csv"}};
  j["grids"] = nlohmann::json::array();
  for (const auto &grid : data.grids) {
    nlohmann::json g;
    g["system"] = grid.system;
    g["facet"] = grid.facet;
    g["complexion"] = grid.complexion;
    g["solute"] = grid.solute;
    g["temperature_K"] = grid.temperature_K;
    g["inverse_temperature_per_K"] = grid.inverse_temperature_per_K;
    g["solute_fraction"] = grid.solute_fraction;
    g["log10_solute_fraction"] = grid.log10_solute_fraction;
    for (const auto &quantity : quantity_names()) {
      g["ln_D_m2_per_s"][quantity] = grid.ln_D.at(quantity);
      g["ln_D_stderr"][quantity] = grid.ln_D_stderr.at(quantity);
      nlohmann::json fits = nlohmann::json::array();
      for (std::size_t c = 0; c < grid.composition_count(); ++c) {
        const ArrheniusFit &f = grid.arrhenius.at(quantity)[c];
        fits.push_back({{"solute_fraction", grid.solute_fraction.empty() ? 0.0 : grid.solute_fraction[c]},
                        {"ln_D0_m2_per_s", f.ln_D0},
                        {"ln_D0_stderr", f.ln_D0_stderr},
                        {"D0_m2_per_s", f.D0_m2_per_s},
                        {"Ea_eV", f.Ea_eV},
                        {"Ea_stderr_eV", f.Ea_stderr_eV},
                        {"T_min_K", f.T_min_K},
                        {"T_max_K", f.T_max_K},
                        {"points", f.points},
                        {"reduced_chi2", f.reduced_chi2},
                        {"weighted", f.weighted}});
      }
      g["arrhenius"][quantity] = fits;
      g["files"]["moose_gridded"][quantity] = moose_gridded_file_name(grid, quantity);
      g["files"]["moose_bilinear"][quantity] =
          has_bilinear_form(grid) ? nlohmann::json(moose_bilinear_file_name(grid, quantity)) : nlohmann::json(nullptr);
    }
    j["grids"].push_back(g);
  }
  return j;
}

}  // namespace anodekmc::table
