// The Arrhenius parameters as their own table (one row per system, facet, complexion,
// composition and quantity), so a user can extrapolate beyond the fitted T range knowingly.
#pragma once

#include "table/table_data.hpp"

#include <string>

namespace anodekmc::table {

std::string arrhenius_csv_header();
std::string arrhenius_csv_text(const TableData &data);

}  // namespace anodekmc::table
