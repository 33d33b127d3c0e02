// The table `anodekmc segregate energies` writes and `anodekmc segregate map` reads
// ([energies] file = ...): layer segregation energies and dopant-dopant pair energies of one
// dopant, host and facet, computed from relaxed slabs (docs/cli_segregate.md, "energies").
//
// CSV layout: '#' provenance lines, of which the "# key = value" ones are metadata (host,
// dopant, facet, potential_id, ...), then the header and one row per energy:
//
//   kind,layer,partner_layer,pair_distance_A,value_eV,energy_eV,reference_eV,atoms,nx,ny,slab_layers,converged
//
//   segregation  value = E(M at layer) - E(M at the central layer)      reference = E(M at centre)
//   pair_surface value = E(pair) - E(M at a) - E(M at b) + E(no M)       both in layer 0
//   pair_bulk    the same with a in the central layer, b its nearest neighbour one layer down
//   bulk_check   E(M one layer below the centre) - E(M at the centre): should be ~0
//   size_check   dE_seg(0) on an (nx+1) x (ny+1) slab minus dE_seg(0) on this slab
//
// Layers count from the top surface (0). w < 0 is an attraction (layer_energies.hpp).
// No LAMMPS here: pure text in and out, so the map reads it without LAMMPS.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "segregation/layer_energies.hpp"

namespace anodekmc::segregation {

struct SegregationEnergyRow {
  std::string kind;            // segregation, pair_surface, pair_bulk, bulk_check, size_check
  int layer = 0;               // layer of the dopant (of the first dopant of a pair), 0 = top
  int partner_layer = -1;      // pairs: layer of the second dopant; -1 otherwise
  double pair_distance_A = 0;  // pairs: distance of the two dopants in the ideal slab; 0 otherwise
  double value_eV = 0;
  double energy_eV = 0;        // relaxed energy of the configuration (pair, or M at `layer`)
  double reference_eV = 0;     // what value_eV is measured from (see the file comment)
  long atoms = 0;
  int nx = 0, ny = 0, slab_layers = 0;
  bool converged = false;      // every relaxation entering value_eV met the force tolerance
};

struct SegregationEnergiesTable {
  std::vector<std::string> provenance;               // free '#' lines (without "# ")
  std::map<std::string, std::string> metadata;       // "# key = value" lines
  std::vector<SegregationEnergyRow> rows;

  /// The row of `kind` (and `layer` for segregation), or null.
  const SegregationEnergyRow *find(const std::string &kind, int layer = -1) const;
  /// dE_seg by layer 0..L-1 and the two pair energies. Throws std::runtime_error naming
  /// `source` if a layer is missing, or a pair row is absent.
  LayerEnergies layer_energies(const std::string &source) const;
};

/// The CSV text (metadata first, then provenance, header, rows; numbers with 10 decimals).
std::string energies_csv_text(const SegregationEnergiesTable &table);

/// Reads a table; throws std::runtime_error "path:line: ..." on a missing file, a bad header,
/// an unknown kind, a non-number or a wrong field count.
SegregationEnergiesTable read_energies_csv(const std::string &path);

/// The map-spec fragment: an [energies] block pointing at `csv_file_name` (relative to the
/// fragment's folder), illustrative = no, the source, and the values as comments.
std::string energies_fragment_text(const SegregationEnergiesTable &table, const std::string &csv_file_name);

}  // namespace anodekmc::segregation
