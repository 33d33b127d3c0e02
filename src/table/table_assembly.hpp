// Turns the per-point results of a spec into a TableData: rows with seed means and errors,
// grids split per complexion (never one grid across a transition), Arrhenius fits per
// composition and facet, and the provenance block.
#pragma once

#include "table/point_result.hpp"
#include "table/table_data.hpp"
#include "table/table_spec.hpp"

#include <vector>

namespace anodekmc::table {

/// `results[i]` belongs to enumerate_points(spec)[i]. Throws std::runtime_error naming the
/// point if a diffusivity is not positive (ln D undefined).
TableData assemble_table(const TableSpec &spec, const std::vector<PointResult> &results);

}  // namespace anodekmc::table
