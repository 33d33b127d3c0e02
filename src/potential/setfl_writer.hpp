// Export of the analytic model to a DYNAMO setfl file for stock LAMMPS `pair_style eam/alloy`
// (format: LAMMPS doc of pair_style eam, "setfl"). The functions are tabulated on uniform
// grids fine enough that eam/alloy's interpolation reproduces the analytic model to better
// than 1e-6 eV/atom and 1e-5 eV/Å (tests/potential and tests/lammps check this).
#pragma once

#include <string>

#include "potential/eam_model.hpp"

namespace anodekmc::potential {

struct SetflGrid {
  int nr = 10000;     // points of the r grid, 0 .. cutoff
  int nrho = 10000;   // points of the ρ grid, 0 .. rho_max
  double rho_max_factor = 4.0;  // rho_max = factor × the largest ρ_e of the exported elements
};

/// The setfl text for the model's elements (in the model's order).
std::string setfl_text(const EamModel &model, const SetflGrid &grid, const std::string &provenance_line);

}  // namespace anodekmc::potential
