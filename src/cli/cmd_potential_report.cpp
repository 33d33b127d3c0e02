// `anodekmc potential report`: recomputes every fit target through LAMMPS with
// pair_style eam/analytic and writes potentials/FIT_REPORT.md. docs/cli_potential.md.
#include "cli/subcommands.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/atomic_file.hpp"
#include "lammps/potential_report.h"
#include "potential/eam_database.hpp"
#include "potential/fit_targets.hpp"

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

// LAMMPS (this Debian build) ends the process on an error after writing the message to its log.
// The report keeps a log in a temporary file; if the process exits before the report is
// written, an atexit hook shows the log's last lines so the error is not lost.
std::string g_lammps_log;
bool g_report_done = false;

void show_lammps_log_tail() {
  if (g_report_done || g_lammps_log.empty()) return;
  std::ifstream in(g_lammps_log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::cerr << "anodekmc potential report: LAMMPS stopped; last lines of its log (" << g_lammps_log << "):\n";
  for (std::size_t k = lines.size() > 15 ? lines.size() - 15 : 0; k < lines.size(); ++k) std::cerr << "  " << lines[k] << "\n";
}

}  // namespace

int run_potential_report(int argc, char **argv) {
  po::options_description options("anodekmc potential report options");
  options.add_options()("help,h", "print this help")(
      "database", po::value<std::string>()->default_value("potentials/anodekmc_LiM.eamdb"), "EAM database to report on")(
      "targets", po::value<std::string>()->default_value("potentials/targets"), "folder of fit targets")(
      "output,o", po::value<std::string>()->default_value("potentials/FIT_REPORT.md"), "Markdown report to write")(
      "quiet,q", "no progress lines");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    std::cerr << "anodekmc potential report: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  // Inputs are read and checked before LAMMPS starts: LAMMPS errors end the process.
  potential::EamDatabase db;
  potential::TargetSet targets;
  try {
    db = potential::EamDatabase::read(vm["database"].as<std::string>());
    targets = potential::read_target_folder(vm["targets"].as<std::string>());
  } catch (const std::exception &e) {
    std::cerr << "anodekmc potential report: " << e.what() << "\n";
    return 2;
  }
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  PotentialReportOptions report_options;
  report_options.database_path = vm["database"].as<std::string>();
  if (rank == 0) {
    char path[] = "/tmp/anodekmc-report-lammps-XXXXXX";
    const int fd = mkstemp(path);
    if (fd >= 0) {
      close(fd);
      g_lammps_log = path;
      report_options.lammps_log = path;
      std::atexit(show_lammps_log_tail);
    }
  }
  report_options.progress = rank == 0 && !vm.count("quiet");
  int status = 0;
  try {
    const PotentialReportResult result = potential_report(db, targets, report_options);
    if (rank == 0) {
      write_file_atomic(vm["output"].as<std::string>(), result.markdown);
      std::cout << "wrote " << vm["output"].as<std::string>() << ": " << result.figures_checked - result.figures_failed
                << " of " << result.figures_checked << " acceptance figures pass\n";
    }
    g_report_done = true;
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc potential report: " << e.what() << "\n";
    status = 1;
  }
  MPI_Finalize();
  if (rank == 0 && !g_lammps_log.empty() && status == 0) std::remove(g_lammps_log.c_str());
  return status;
}

}  // namespace anodekmc::cli
