// MOOSE PiecewiseBilinear CSV of ln D for one grid and one quantity (SCIENCE.md section 6):
// first line the x values (1/T in 1/K, ascending) with no corner cell, then one line per y
// value (log10 x, ascending): y followed by the N values. No header, comments or blank lines,
// so the units live in the JSON metadata and the file name. Needs at least two compositions.
#pragma once

#include "table/table_data.hpp"

#include <string>

namespace anodekmc::table {

/// Path of the file inside the table folder, e.g. "moose/LiIn_bcc100_tracer_lnD_bilinear.csv".
std::string moose_bilinear_file_name(const TableGrid &grid, const std::string &quantity);
/// True if the grid can be written as a bilinear table (two or more compositions).
bool has_bilinear_form(const TableGrid &grid);
std::string moose_bilinear_text(const TableGrid &grid, const std::string &quantity);

}  // namespace anodekmc::table
