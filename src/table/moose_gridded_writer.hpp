// MOOSE PiecewiseMultilinear (GriddedData) file of ln D for one grid and one quantity
// (SCIENCE.md section 6): '#' comment lines, then "AXIS X" and one line of strictly increasing
// 1/T values (1/K); for grids with more than one composition "AXIS Y" and one line of strictly
// increasing log10 x values; then "DATA" and the values, the first axis (1/T) varying fastest,
// one line per log10 x value. MOOSE reads the axes as coordinates the user maps to (1/T, log10 x).
#pragma once

#include "table/table_data.hpp"

#include <string>

namespace anodekmc::table {

/// Path of the file inside the table folder, e.g. "moose/LiIn_bcc100_tracer_lnD.txt".
std::string moose_gridded_file_name(const TableGrid &grid, const std::string &quantity);
std::string moose_gridded_text(const TableData &data, const TableGrid &grid, const std::string &quantity);

}  // namespace anodekmc::table
