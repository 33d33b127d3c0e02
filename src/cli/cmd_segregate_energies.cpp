// `anodekmc segregate energies CONFIG.ini`: layer segregation energies and dopant-dopant pair
// energies from relaxed LAMMPS slabs (docs/cli_segregate.md, "energies"). LAMMPS runs on every
// rank (one instance on MPI_COMM_WORLD); rank 0 writes energies.csv, map_energies.ini and
// run.json once everything is computed.
#include "cli/subcommands.hpp"

#include <mpi.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "barriers/segregation_energy_config.hpp"
#include "barriers/segregation_energy_job.hpp"

namespace anodekmc::cli {

int run_segregate_energies(const std::string &config_path, const std::string &output, bool quiet, int rank, int ranks) {
  const auto start = std::chrono::steady_clock::now();
  barriers::SegregationEnergyConfig config;
  std::string text;
  try {
    config = barriers::read_segregation_energy_config(config_path);
    std::ifstream in(config_path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } catch (const std::exception &e) {
    if (rank == 0) std::cerr << "anodekmc segregate energies: " << e.what() << "\n";
    return 2;  // every rank read the same file and stops here alike
  }
  if (!output.empty()) config.output_folder = output;
  const bool talk = rank == 0 && !quiet;
  if (talk)
    std::cout << "anodekmc segregate energies: " << config_path << ": " << config.dopant << " in " << config.host
              << ", " << config.facet << ", " << ranks << " rank(s)" << std::endl;
  try {
    const barriers::SegregationEnergyResult result =
        barriers::compute_segregation_energies(config, MPI_COMM_WORLD, talk ? &std::cout : nullptr);
    int status = 0;
    if (rank == 0) {
      try {
        const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        barriers::write_segregation_energies(result, text, config.output_folder, ranks, wall_s);
        std::cout << "[segregate energies] " << config.dopant << " in " << config.host << " " << config.facet << ":";
        for (const auto &r : result.table.rows)
          std::cout << " " << r.kind << (r.kind == "segregation" ? std::to_string(r.layer) : std::string()) << " "
                    << r.value_eV << (r.converged ? "" : "(NOT converged)");
        std::cout << " eV; " << wall_s << " s on " << ranks << " rank(s)\n[segregate energies] results in "
                  << config.output_folder << "\n";
      } catch (const std::exception &e) {
        std::cerr << "anodekmc segregate energies: " << e.what() << "\n";
        status = 1;
      }
    }
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return status;
  } catch (const std::invalid_argument &e) {
    // Raised before LAMMPS starts (slab too narrow, vacuum too thin): the same on every rank.
    if (rank == 0) std::cerr << "anodekmc segregate energies: " << config_path << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "anodekmc segregate energies: rank " << rank << ": " << e.what() << "\n";
    if (ranks > 1) MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
}

}  // namespace anodekmc::cli
