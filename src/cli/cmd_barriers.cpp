// `anodekmc barriers CONFIG.ini`: hop barriers by climbing-image NEB through LAMMPS, written
// as a kMC barrier catalog (docs/cli_barriers.md). Environments are shared over MPI ranks.
#include "cli/subcommands.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "barriers/barrier_config.hpp"
#include "barriers/catalog_job.hpp"

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

const char *const kBarriersHelp =
    "Usage: anodekmc barriers CONFIG.ini [--output DIR] [--quiet]\n"
    "       mpirun -np N anodekmc barriers CONFIG.ini\n\n"
    "Computes Li hop barriers on a surface (and a surface alloy) by climbing-image NEB with\n"
    "LAMMPS and pair_style eam/analytic, over the hop environments the kMC engine keys its\n"
    "catalog by (lateral coordination before and after the hop, substrate species under the\n"
    "initial and final site, step up/down; flat hops on bcc(100), bcc(110) and fcc(111), and\n"
    "with steps = yes the step-down/up hops of a bcc(100) or bcc(110) strip). Each NEB gives the\n"
    "forward and the reverse barrier. Writes DIR/catalog.csv (the kMC catalog,\n"
    "docs/kmc_catalog.md, provenance in '#' lines) and DIR/catalog.json (potential id, slab,\n"
    "NEB settings, per-environment convergence, slab-size check, bond-counting fallback fitted\n"
    "to the rows).\n"
    "Environments whose NEB does not converge are reported and left out of the CSV.\n\n"
    "Options:\n"
    "  --output DIR   output folder (default: [output] folder of the config, else barriers_out)\n"
    "  --quiet        no progress lines\n"
    "  --help         this text\n\n"
    "Config keys: docs/cli_barriers.md. Exit status: 0 done, 2 bad input, 1 other failure.\n";

}  // namespace

int run_barriers_subcommand(int argc, char **argv) {
  po::options_description options("anodekmc barriers options");
  options.add_options()("help,h", "")("quiet,q", "")("output", po::value<std::string>(), "")(
      "config", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    std::cerr << "anodekmc barriers: " << e.what() << " (see 'anodekmc barriers --help')\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << kBarriersHelp;
    return 0;
  }
  if (!vm.count("config")) {
    std::cerr << "anodekmc barriers: missing CONFIG.ini (see 'anodekmc barriers --help')\n";
    return 2;
  }
  const std::string path = vm["config"].as<std::string>();
  barriers::BarrierConfig config;
  std::string text;
  try {
    config = barriers::read_barrier_config(path);
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } catch (const std::exception &e) {
    std::cerr << "anodekmc barriers: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("output")) config.output_folder = vm["output"].as<std::string>();

  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int status = 0;
  try {
    const bool talk = rank == 0 && !vm.count("quiet");
    if (talk) std::cout << "anodekmc barriers: " << path << std::endl;
    const barriers::CatalogJobSummary s =
        barriers::run_catalog_job(config, text, MPI_COMM_WORLD, talk ? &std::cout : nullptr);
    if (rank == 0)
      std::cout << "wrote " << config.output_folder << "/catalog.csv: " << s.rows << " rows from " << s.converged
                << " of " << s.environments << " environments\n";
  } catch (const std::invalid_argument &e) {
    if (rank == 0) std::cerr << "anodekmc barriers: " << e.what() << "\n";
    status = 2;
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc barriers: " << e.what() << "\n";
    status = 1;
  }
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
