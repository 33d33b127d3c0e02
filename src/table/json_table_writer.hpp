// The JSON form of a table: provenance, units, and every grid with its axes, ln D values,
// their errors, the Arrhenius fits and the names of its MOOSE files. The reader library
// (anodekmc/lookup_table.hpp) and analysis/lookup_table.py load this file.
#pragma once

#include "table/table_data.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace anodekmc::table {

inline constexpr const char *kTableFormat = "anodekmc-lookup-table";
inline constexpr int kTableFormatVersion = 1;

nlohmann::json table_json(const TableData &data);

}  // namespace anodekmc::table
