// Fitting a whole database: every element of the target set (independently), then every cross
// pair with its two elements fixed. Deterministic: targets are visited in file-name order and
// the Levenberg–Marquardt steps involve no randomness.
#pragma once

#include <string>
#include <vector>

#include "potential/element_fit.hpp"
#include "potential/pair_fit.hpp"

namespace anodekmc::potential {

struct DatabaseFitRequest {
  const TargetSet *targets = nullptr;
  const EamDatabase *start = nullptr;      // elements found here start from their own values
  const EamDatabase *templates = nullptr;  // shapes for elements missing from `start`
  std::string bcc_template = "Ta", fcc_template = "Pb", hcp_template = "Mg";
  std::vector<std::string> only_elements;  // empty: all; else fit these (and pairs among fitted ones)
  bool pairs_only = false;                 // keep every element of `start`, fit all pairs
  std::vector<std::string> only_pairs;     // "A-B" (either order): keep every element and every other
                                           // pair of `start`, fit these pairs only
  FitSettings settings;
};

struct DatabaseFitSummary {
  std::vector<ElementFitResult> elements;
  std::vector<PairFitResult> pairs;
};

/// Returns the fitted database (potential_id left empty: the caller names it).
EamDatabase fit_database(const DatabaseFitRequest &request, DatabaseFitSummary &summary);

/// A content-derived id, "<prefix>-<8 hex digits>" (FNV-1a of the parameter text), so that
/// any change of the numbers changes the id recorded in every result.
std::string content_potential_id(const EamDatabase &database, const std::string &prefix);

}  // namespace anodekmc::potential
