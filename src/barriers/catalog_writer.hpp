// The kMC barrier catalog (CSV, docs/kmc_catalog.md) as the barrier engine writes it: one row
// per environment, provenance as '#' comment lines, and the bond-counting fallback fitted to
// the rows (SCIENCE.md §3: E_a = E_0(moving, below_initial) + n_initial · E_bond).
#pragma once

#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "barriers/hop_configuration.hpp"

namespace anodekmc::barriers {

struct CatalogRow {
  HopKey key;
  double barrier_eV = 0;
  double prefactor_per_s = 0;  // 0: empty field (the kMC run's default applies)
  std::string method;          // no commas
};

/// The catalog text: `provenance` lines (each written as "# line"), the header, the rows.
/// Throws std::invalid_argument for a negative or non-finite barrier, a duplicate key or a
/// comma in a method.
std::string catalog_text(const std::vector<std::string> &provenance, const std::vector<CatalogRow> &rows);

struct BondCountingFit {
  std::map<std::pair<std::string, std::string>, double> base_barrier_eV;  // (moving, below) -> E_0
  double bond_eV = 0;
  double rms_residual_eV = 0;
  std::size_t rows = 0;
  // The kMC's step terms (kmc/rate_table.hpp: E_ES added to a descent, E_up to an ascent):
  // the mean over the down (up) rows of barrier - E_0 - n_initial E_bond, NaN without such rows
  // or when a row's (moving, below_initial) has no fitted E_0.
  double ehrlich_schwoebel_eV = std::numeric_limits<double>::quiet_NaN();
  double up_step_eV = std::numeric_limits<double>::quiet_NaN();
};

/// Least-squares fit of E_0 per (moving, below_initial) and one E_bond to the flat rows, then
/// the step terms from the down and up rows given those.
/// Throws std::invalid_argument if the rows cannot determine the parameters (no flat rows, or
/// all with the same n_initial).
BondCountingFit fit_bond_counting(const std::vector<CatalogRow> &rows);

}  // namespace anodekmc::barriers
