// Barrier catalog: hop barriers keyed by the local environment, read from a CSV file.
// Format: docs/kmc_catalog.md. The barriers issue's NEB engine writes this format.
#pragma once

#include "kmc/hop_environment.hpp"

#include <string>
#include <vector>

namespace anodekmc::kmc {

struct CatalogEntry {
  bool present = false;
  double barrier_eV = 0.0;
  double prefactor_per_s = 0.0;  // 0: use the run's default prefactor
  std::string method;            // how the row was obtained (free text)
};

class BarrierCatalog {
 public:
  /// Header line every catalog file must have (after any '#' comment lines).
  static constexpr const char *kHeader =
      "n_initial,n_final,step,moving,below_initial,below_final,barrier_eV,prefactor_per_s,method";

  BarrierCatalog(const EnvironmentIndex &index, std::vector<std::string> species)
      : index_(index), species_(std::move(species)), entries_(index.size()) {}

  /// Reads `path` (format 2). Throws std::runtime_error "path:line: what was expected" on any error:
  /// missing file, wrong header, wrong field count, unknown species or step, coordination
  /// outside 0..z, non-numeric, negative or non-finite barrier or prefactor, duplicate row.
  void read(const std::string &path);

  const CatalogEntry &entry(const HopEnvironment &e) const { return entries_[index_(e)]; }
  std::size_t row_count() const { return rows_; }
  const std::string &path() const { return path_; }

 private:
  EnvironmentIndex index_;
  std::vector<std::string> species_;
  std::vector<CatalogEntry> entries_;
  std::size_t rows_ = 0;
  std::string path_;
};

}  // namespace anodekmc::kmc
