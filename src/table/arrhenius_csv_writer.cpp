#include "table/arrhenius_csv_writer.hpp"

#include "table/long_csv_writer.hpp"
#include "table/number_text.hpp"

namespace anodekmc::table {

std::string arrhenius_csv_header() {
  return "system,facet,complexion,solute,solute_fraction,log10_solute_fraction,quantity,D0_m2_per_s,ln_D0_m2_per_s,"
         "ln_D0_stderr,Ea_eV,Ea_stderr_eV,T_min_K,T_max_K,points,reduced_chi2,weighted";
}

std::string arrhenius_csv_text(const TableData &data) {
  std::string out = provenance_comment_block(data) +
                    "# ln D = ln D0 - Ea / (k_B T), k_B = 8.617333262e-5 eV/K; weighted least squares in (1/T, ln D)\n" +
                    arrhenius_csv_header() + "\n";
  for (const auto &grid : data.grids)
    for (const auto &quantity : quantity_names())
      for (std::size_t c = 0; c < grid.composition_count(); ++c) {
        const ArrheniusFit &f = grid.arrhenius.at(quantity)[c];
        const bool pure = grid.solute_fraction.empty();
        out += grid.system + "," + grid.facet + "," + grid.complexion + "," + grid.solute + "," +
               (pure ? std::string("0") : number_text(grid.solute_fraction[c])) + "," +
               (pure ? std::string() : number_text(grid.log10_solute_fraction[c])) + "," + quantity + "," +
               number_text(f.D0_m2_per_s) + "," + number_text(f.ln_D0) + "," + number_text(f.ln_D0_stderr) + "," +
               number_text(f.Ea_eV) + "," + number_text(f.Ea_stderr_eV) + "," + number_text(f.T_min_K) + "," +
               number_text(f.T_max_K) + "," + std::to_string(f.points) + "," + number_text(f.reduced_chi2) + "," +
               (f.weighted ? "true" : "false") + "\n";
      }
  return out;
}

}  // namespace anodekmc::table
