// One row of the dopant screening (SCIENCE.md §7): every descriptor of one dopant M in the host
// (or of the pure host, the baseline row), computed stage by stage:
//   bulk         dilute heat of solution of M in the host (relaxed LAMMPS supercell)
//   segregation  layer segregation and pair energies (relaxed slabs), then the multilayer mean
//                field at the stated bulk fraction and temperature: surface fraction, excess,
//                complexion label; per facet
//   adsorption   Li adatom adsorption energy next to M on (100), relative to bulk Li
//   barriers     CI-NEB catalog of Li hops on the host(100)/(110) surface with M in the top layer
//   kmc          tracer surface diffusivity (Arrhenius over the stated temperatures) and island
//                density after plating at the stated current density, on a (100) surface whose
//                top layer holds M at the segregation stage's surface fraction, rates from the
//                row's own catalog
// Each stage writes its files under the row's folder. LAMMPS runs on MPI_COMM_SELF: a row is
// computed by one rank, and its numbers do not depend on which rank or how many ranks there are.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "screen/screen_config.hpp"

namespace anodekmc::screen {

/// Called with the stage name when a stage starts (progress display).
using StageCallback = std::function<void(const std::string &stage)>;

/// Runs every stage for `element` (the host itself: the baseline row) and returns the row:
/// {"element", "descriptors": {name: number or text}, "details": {...}, "notes": [...],
///  "stage_wall_s": {...}, "inputs": fingerprint}. Files go under `row_folder`.
nlohmann::json compute_row(const ScreenConfig &config, const std::string &element, const std::string &row_folder,
                           const StageCallback &on_stage);

/// Seed of one row's kMC runs: the config's seed mixed with the element symbol, so a row's
/// numbers do not depend on the order or distribution of the rows.
std::uint64_t row_seed(std::uint64_t seed, const std::string &element);

}  // namespace anodekmc::screen
