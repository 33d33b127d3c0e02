// `anodekmc table build`: computes the grid points of a spec (resumable, distributable over
// MPI ranks by static round-robin on the point index) and writes the table files.
//
// The per-point records in <output>/points/ are the resumable store: a point whose record
// exists and was computed from the same inputs is read instead of recomputed. Every rank
// writes the records of its own points; after all ranks are done, rank 0 alone assembles the
// table and writes table.csv, arrhenius.csv, table.json, moose/*, run.json.
#pragma once

#include "table/table_data.hpp"
#include "table/table_spec.hpp"

#include <cstddef>

namespace anodekmc::table {

/// Thrown for bad input found before anything is computed or written.
class TableInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BuildCounts {
  std::size_t computed = 0;  // points run now (by this rank)
  std::size_t reused = 0;    // points read from their records (by this rank)
};

/// Checks every point's kMC configuration (catalog, substrate, rates) without running it.
/// Throws TableInputError naming the point.
void check_points(const TableSpec &spec);

/// Computes or reuses the points with index % ranks == rank.
BuildCounts compute_points(const TableSpec &spec, int rank, int ranks, bool show_progress);

/// Reads every point record, assembles the table and writes its files (call on one rank,
/// after every rank's compute_points returned). `counts` and `wall_time_s` go to run.json.
TableData write_table(const TableSpec &spec, const BuildCounts &counts, int ranks, double wall_time_s);

}  // namespace anodekmc::table
