// `anodekmc potential report`: every fit target recomputed through LAMMPS with
// pair_style eam/analytic (full relaxations with fix box/relax and minimize), compared with the
// target and with the acceptance figures of the potential issue, as Markdown
// (potentials/FIT_REPORT.md). Independent of the fitter's own C++ property code.
#pragma once

#include <string>

#include "potential/eam_database.hpp"
#include "potential/fit_targets.hpp"

namespace anodekmc {

struct PotentialReportOptions {
  std::string database_path;  // as written in the report and in pair_coeff
  bool progress = false;      // one line per calculation on stderr
  std::string lammps_log = "none";  // LAMMPS log file
};

struct PotentialReportResult {
  std::string markdown;
  int figures_checked = 0;
  int figures_failed = 0;
};

/// Runs every calculation (MPI: all ranks take part in each LAMMPS run; rank 0's text is the
/// result). Elements of the database without targets are skipped.
PotentialReportResult potential_report(const potential::EamDatabase &database, const potential::TargetSet &targets,
                                       const PotentialReportOptions &options);

}  // namespace anodekmc
