// `anodekmc potential report`: recomputes every fit target through LAMMPS with
// pair_style eam/analytic and writes potentials/FIT_REPORT.md. docs/cli_potential.md.
#include "cli/subcommands.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>

#include <iostream>
#include <string>

#include "core/atomic_file.hpp"
#include "lammps/potential_report.h"
#include "potential/eam_database.hpp"
#include "potential/fit_targets.hpp"

namespace po = boost::program_options;

namespace anodekmc::cli {

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
  report_options.progress = rank == 0 && !vm.count("quiet");
  int status = 0;
  try {
    const PotentialReportResult result = potential_report(db, targets, report_options);
    if (rank == 0) {
      write_file_atomic(vm["output"].as<std::string>(), result.markdown);
      std::cout << "wrote " << vm["output"].as<std::string>() << ": " << result.figures_checked - result.figures_failed
                << " of " << result.figures_checked << " acceptance figures pass\n";
    }
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc potential report: " << e.what() << "\n";
    status = 1;
  }
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
