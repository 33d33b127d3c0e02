// The long CSV table: a provenance block of "# key: value" lines, then one header line with
// units in every column name, then one row per condition (system, facet, T, x).
#pragma once

#include "table/table_data.hpp"

#include <string>

namespace anodekmc::table {

/// The column names, in order (without the nucleation columns when `nucleation` is false).
std::string long_csv_header(bool nucleation);
std::string long_csv_text(const TableData &data);
/// The "# key: value" provenance lines shared by the CSV files.
std::string provenance_comment_block(const TableData &data);

}  // namespace anodekmc::table
