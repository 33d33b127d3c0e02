// `anodekmc segregate energies`: layer segregation energies and dopant-dopant pair energies of
// a dopant M in a bcc host from relaxed LAMMPS slabs (SCIENCE.md §5, docs/cli_segregate.md).
//
// The slab is symmetric (two free surfaces, every atom relaxed, odd layer count): its central
// layer c is the bulk reference. With E[...] the relaxed energy of the slab with M on the
// listed sites (host elsewhere), same slab and cell for every configuration:
//   dE_seg(l) = E[M at layer l] - E[M at layer c]                  l = 0 .. L-1
//   w_surface = E[a, b] - 2 E[M at layer 0] + E[]                   a, b nearest in layer 0
//   w_bulk    = E[a, b] - E[M at c] - E[M at c+1] + E[]            a in c, b its neighbour in c+1
// so w < 0 is an attraction, as in segregation/layer_energies.hpp. LAMMPS runs on all ranks of
// `comm` (one instance, the same relaxations in order); the numbers are the same on each rank.
#pragma once

#include <mpi.h>

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "barriers/segregation_energy_config.hpp"
#include "segregation/segregation_energies_table.hpp"

namespace anodekmc::barriers {

struct SegregationEnergyResult {
  segregation::SegregationEnergiesTable table;
  nlohmann::json record;  // run.json: provenance, every relaxation, the slab-size check
};

/// Element list of the LAMMPS types: {host, dopant} (the same element twice is allowed).
/// `progress` (may be null) gets one line per relaxation. Throws std::invalid_argument for a
/// slab narrower than twice the potential's cutoff or a vacuum thinner than the cutoff.
SegregationEnergyResult compute_segregation_energies(const SegregationEnergyConfig &config, MPI_Comm comm,
                                                     std::ostream *progress);

/// Rank 0: creates the folder and writes energies.csv, map_energies.ini and run.json, each
/// atomically (temporary file + rename), after everything was computed.
void write_segregation_energies(const SegregationEnergyResult &result, const std::string &config_text,
                                const std::string &output_folder, int ranks, double wall_s);

}  // namespace anodekmc::barriers
