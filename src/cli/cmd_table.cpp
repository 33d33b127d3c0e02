// `anodekmc table build SPEC.ini`: continuum lookup tables of surface diffusivity from kMC
// (docs/cli_table.md). The points of the grid are shared over MPI ranks by static round-robin
// on the point index; rank 0 writes the table once every rank is done.
#include "cli/kmc_options.hpp"
#include "cli/subcommands.hpp"

#include "table/table_builder.hpp"
#include "table/table_spec.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

const char *const kTableHelp =
    "Usage: anodekmc table build SPEC.ini [--output DIR] [--quiet]\n"
    "       mpirun -np N anodekmc table build SPEC.ini\n\n"
    "Builds a continuum lookup table of surface diffusivity D(T, solute fraction, facet): runs the\n"
    "kMC engine in-process over the spec's grid of temperatures x compositions x facets with\n"
    "several seeds per point; tracer and collective D with standard errors over seeds; Arrhenius\n"
    "fits (weighted least squares) per composition and facet; optional island density at a flux.\n"
    "Resumable: points already in DIR/points/ (same inputs) are not recomputed.\n\n"
    "Writes DIR/table.csv (long table, units in column names, provenance block), arrhenius.csv,\n"
    "table.json (metadata and grids for the reader library), moose/*_lnD.txt (PiecewiseMultilinear\n"
    "GriddedData), moose/*_lnD_bilinear.csv (PiecewiseBilinear), run.json, points/*.json.\n\n"
    "Options:\n"
    "  --output DIR   output folder (default: output_folder of [table] in the spec)\n"
    "  --quiet        no progress line\n"
    "  --help         this text\n\n"
    "Spec keys (units in names): [table] name, output_folder, temperatures_K, seeds, base_seed,\n"
    "potential_id, catalog_id; [measurement] coverage_ml, events_per_run, windows;\n"
    "[nucleation] flux_ml_per_s, deposited_ml; [system NAME] kmc_config, facets, solute,\n"
    "solute_fractions, complexion_labels | complexion_transitions + complexion_names.\n"
    "Exit status: 0 done, 1 error during the build, 2 bad command line or spec (nothing written).\n"
    "Documentation: docs/cli_table.md, docs/lookup_table.md\n";

// The base configurations are ordinary `anodekmc kmc` config files, read by the same parser.
kmc::KmcRunConfig load_kmc_config(const std::string &path) {
  std::string arg0 = "kmc", arg1 = path;
  std::vector<char *> argv = {arg0.data(), arg1.data(), nullptr};
  return parse_kmc_command_line(2, argv.data()).config;
}

struct TableCommandLine {
  bool help = false, quiet = false;
  std::string spec_path, output;
};

TableCommandLine parse_command_line(int argc, char **argv) {
  po::options_description options;
  options.add_options()("help,h", "")("quiet", "")("output", po::value<std::string>(), "")(
      "action", po::value<std::string>(), "")("spec", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("action", 1).add("spec", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
  } catch (const po::error &e) {
    throw std::invalid_argument(std::string("command line: ") + e.what() + " (see 'anodekmc table --help')");
  }
  TableCommandLine cl;
  cl.help = vm.count("help") > 0;
  if (cl.help) return cl;
  if (!vm.count("action") || vm["action"].as<std::string>() != "build")
    throw std::invalid_argument("expected 'anodekmc table build SPEC.ini' (see 'anodekmc table --help')");
  if (!vm.count("spec")) throw std::invalid_argument("a table spec file is required (see 'anodekmc table --help')");
  cl.spec_path = vm["spec"].as<std::string>();
  cl.quiet = vm.count("quiet") > 0;
  if (vm.count("output")) cl.output = vm["output"].as<std::string>();
  return cl;
}

int build(const TableCommandLine &cl, int rank, int ranks) {
  const auto start = std::chrono::steady_clock::now();
  table::TableSpec spec;
  try {
    spec = table::read_table_spec(cl.spec_path, load_kmc_config);
    if (!cl.output.empty()) spec.output_folder = cl.output;
    table::check_points(spec);
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc table: " << e.what() << "\n";
    return 2;  // every rank read the same spec and stops here alike
  }
  table::BuildCounts counts;
  try {
    counts = table::compute_points(spec, rank, ranks, rank == 0 && !cl.quiet && isatty(fileno(stderr)));
  } catch (const std::exception &e) {
    std::cerr << "anodekmc table: rank " << rank << ": " << e.what() << "\n";
    if (ranks > 1) MPI_Abort(MPI_COMM_WORLD, 1);  // the other ranks would wait at the barrier
    return 1;
  }
  MPI_Barrier(MPI_COMM_WORLD);
  int status = 0;
  if (rank == 0) {
    try {
      const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const table::TableData data = table::write_table(spec, counts, ranks, wall_s);
      std::printf("[table] %s: %zu conditions, %zu grids (%zu points computed, %zu reused on rank 0, %d ranks)\n"
                  "[table] results in %s\n",
                  spec.name.c_str(), data.rows.size(), data.grids.size(), counts.computed, counts.reused, ranks,
                  spec.output_folder.c_str());
    } catch (const std::exception &e) {
      std::cerr << "anodekmc table: " << e.what() << "\n";
      status = 1;
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

}  // namespace

int run_table_subcommand(int argc, char **argv) {
  TableCommandLine cl;
  try {
    cl = parse_command_line(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << "anodekmc table: " << e.what() << "\n";
    return 2;
  }
  if (cl.help) {
    std::cout << kTableHelp;
    return 0;
  }
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const int status = build(cl, rank, ranks);
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
