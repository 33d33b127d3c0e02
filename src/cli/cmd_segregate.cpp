// `anodekmc segregate map SPEC.ini`: complexion maps from the lattice semi-grand-canonical Monte
// Carlo and the multilayer mean field (docs/cli_segregate.md). The temperatures are shared over
// MPI ranks by static round-robin (each temperature is one continuing dmu sweep, so it cannot
// be split); every rank sends its results to rank 0, which writes all files.
#include "cli/subcommands.hpp"

#include "segregation/complexion_map_output.hpp"
#include "segregation/segregation_spec.hpp"
#include "segregation/temperature_sweep.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

const char *const kSegregateHelp =
    "Usage: anodekmc segregate map SPEC.ini [--output DIR] [--quiet]\n"
    "       anodekmc segregate energies CONFIG.ini [--output DIR] [--quiet]\n"
    "       mpirun -np N anodekmc segregate map|energies FILE.ini\n\n"
    "energies: layer segregation energies dE_seg(l) = E(M in layer l) - E(M in the central layer) [eV]\n"
    "and nearest dopant-dopant pair energies w = E(pair) - E(a) - E(b) + E(none) [eV] (w < 0:\n"
    "attraction) in the surface layer and in bulk, from symmetric slabs relaxed by LAMMPS (pair_style\n"
    "eam/analytic, minimize cg). Writes DIR/energies.csv, map_energies.ini (an [energies] block with\n"
    "file = energies.csv for a map spec) and run.json.\n"
    "  [system] database, host (Li), dopant, facet (bcc100|bcc110), lattice_constant_A (database value)\n"
    "  [slab] surface_layers (4), slab_layers (2 surface_layers + 5, odd), nx, ny (0: from the cutoff),\n"
    "         vacuum_A (16), check_slab_size (yes)\n"
    "  [relax] force_tolerance_eV_A (1e-5), max_iterations (20000)\n"
    "  [output] folder (segregation_energies_out)\n\n"
    "map:\n"
    "Complexion map of a dopant M at a host (Li) surface: lattice semi-grand-canonical Metropolis MC\n"
    "(Li <-> M flips at fixed dmu = mu_M - mu_Li [eV] and T [K]) on a slab of the real lattice, swept\n"
    "up and down in dmu at each T (hysteresis), and the multilayer mean field (every solution, the\n"
    "lowest grand potential wins). Layer compositions X_l, Gibbsian excess Gamma (per site and per\n"
    "A^2), surface energy change by Gibbs adsorption (d gamma = -Gamma d dmu), first-order transitions\n"
    "at the crossing of the gamma branches, a complexion label per state, and a kMC substrate map.\n\n"
    "Writes DIR/states.csv, diagram.csv, transitions.csv, substrate.map ([handoff]), run.json.\n"
    "Plot: python3 analysis/plot_complexion_map.py DIR\n\n"
    "Options:\n"
    "  --output DIR   output folder (default: output_folder of [map] in the spec)\n"
    "  --quiet        no progress line\n"
    "  --help         this text\n\n"
    "Spec keys (units in names):\n"
    "  [slab] host, solute, facet (bcc100|bcc110|fcc111|sc100), lattice_constant_A, nx, ny, layers\n"
    "  [energies] segregation_eV (by depth from the surface), pair_surface_eV, pair_bulk_eV,\n"
    "             illustrative (yes|no), source; or file = energies.csv of 'segregate energies'\n"
    "             (relative to the spec; replaces the three energy keys, illustrative = no)\n"
    "  [map] name, output_folder, temperatures_K, delta_mu_min_eV, delta_mu_max_eV, delta_mu_points,\n"
    "        equilibration_sweeps, sampling_sweeps, batches, seed, mean_field_planes,\n"
    "        label_threshold (tau), wetting_planes, min_jump_per_site\n"
    "  [handoff] temperature_K, delta_mu_eV, branch (up|down)\n"
    "Exit status: 0 done, 1 error during the run, 2 bad command line or spec (nothing written).\n"
    "Documentation: docs/cli_segregate.md\n";

struct SegregateCommandLine {
  bool help = false, quiet = false;
  std::string action, spec_path, output;
};

SegregateCommandLine parse_command_line(int argc, char **argv) {
  po::options_description options;
  options.add_options()("help,h", "")("quiet", "")("output", po::value<std::string>(), "")(
      "action", po::value<std::string>(), "")("spec", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("action", 1).add("spec", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
  } catch (const po::error &e) {
    throw std::invalid_argument(std::string("command line: ") + e.what() + " (see 'anodekmc segregate --help')");
  }
  SegregateCommandLine cl;
  cl.help = vm.count("help") > 0;
  if (cl.help) return cl;
  if (!vm.count("action") || (vm["action"].as<std::string>() != "map" && vm["action"].as<std::string>() != "energies"))
    throw std::invalid_argument(
        "expected 'anodekmc segregate map SPEC.ini' or 'anodekmc segregate energies CONFIG.ini' (see 'anodekmc segregate --help')");
  cl.action = vm["action"].as<std::string>();
  if (!vm.count("spec"))
    throw std::invalid_argument(std::string(cl.action == "map" ? "a segregation spec file" : "a config file") +
                                " is required (see 'anodekmc segregate --help')");
  cl.spec_path = vm["spec"].as<std::string>();
  cl.quiet = vm.count("quiet") > 0;
  if (vm.count("output")) cl.output = vm["output"].as<std::string>();
  return cl;
}

// Sends this rank's results (JSON text) to rank 0; rank 0 returns every temperature in order.
std::vector<segregation::TemperatureResult> gather_results(const std::vector<segregation::TemperatureResult> &mine,
                                                           std::size_t temperatures, int rank, int ranks) {
  std::vector<segregation::TemperatureResult> all(temperatures);
  if (rank != 0) {
    for (const auto &r : mine) {
      const std::string text = segregation::to_json(r).dump();
      const long long size = static_cast<long long>(text.size());
      MPI_Send(&size, 1, MPI_LONG_LONG, 0, 0, MPI_COMM_WORLD);
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, 1, MPI_COMM_WORLD);
    }
    return {};
  }
  for (std::size_t t = 0; t < temperatures; ++t) {
    const int owner = static_cast<int>(t % static_cast<std::size_t>(ranks));
    if (owner == 0) {
      all[t] = mine[t / static_cast<std::size_t>(ranks)];
      continue;
    }
    long long size = 0;
    MPI_Recv(&size, 1, MPI_LONG_LONG, owner, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::string text(static_cast<std::size_t>(size), '\0');
    MPI_Recv(text.data(), static_cast<int>(size), MPI_CHAR, owner, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    all[t] = segregation::temperature_result_from_json(nlohmann::json::parse(text));
  }
  return all;
}

int run_map(const SegregateCommandLine &cl, int rank, int ranks) {
  const auto start = std::chrono::steady_clock::now();
  segregation::SegregationSpec spec;
  try {
    spec = segregation::read_segregation_spec(cl.spec_path);
    if (!cl.output.empty()) spec.output_folder = cl.output;
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc segregate: " << e.what() << "\n";
    return 2;  // every rank read the same spec and stops here alike
  }
  const bool progress = rank == 0 && !cl.quiet && isatty(fileno(stderr));
  std::vector<segregation::TemperatureResult> mine;
  try {
    for (std::size_t t = static_cast<std::size_t>(rank); t < spec.temperatures_K.size(); t += static_cast<std::size_t>(ranks)) {
      mine.push_back(segregation::run_temperature(spec, t));
      if (progress)
        std::fprintf(stderr, "\r[segregate] rank 0: T = %g K done (%zu of %zu on this rank)      ", spec.temperatures_K[t],
                     mine.size(), (spec.temperatures_K.size() + static_cast<std::size_t>(ranks) - 1) / static_cast<std::size_t>(ranks));
    }
    if (progress) std::fprintf(stderr, "\n");
  } catch (const std::exception &e) {
    std::cerr << "anodekmc segregate: rank " << rank << ": " << e.what() << "\n";
    if (ranks > 1) MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
  const auto all = gather_results(mine, spec.temperatures_K.size(), rank, ranks);
  int status = 0;
  if (rank == 0) {
    try {
      const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      segregation::write_complexion_map(spec, all, {ranks, wall_s});
      std::size_t transitions = 0;
      for (const auto &r : all) transitions += r.transitions.size();
      std::printf("[segregate] %s: %zu temperatures x %d dmu points, %zu first-order transitions (mc+mf), %.1f s on %d ranks\n"
                  "[segregate] results in %s\n",
                  spec.name.c_str(), spec.temperatures_K.size(), spec.delta_mu_points, transitions, wall_s, ranks,
                  spec.output_folder.c_str());
    } catch (const std::exception &e) {
      std::cerr << "anodekmc segregate: " << e.what() << "\n";
      status = 1;
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

}  // namespace

int run_segregate_subcommand(int argc, char **argv) {
  SegregateCommandLine cl;
  try {
    cl = parse_command_line(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << "anodekmc segregate: " << e.what() << "\n";
    return 2;
  }
  if (cl.help) {
    std::cout << kSegregateHelp;
    return 0;
  }
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const int status =
      cl.action == "energies" ? run_segregate_energies(cl.spec_path, cl.output, cl.quiet, rank, ranks) : run_map(cl, rank, ranks);
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
