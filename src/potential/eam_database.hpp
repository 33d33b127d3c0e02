// The parameter database of the analytic EAM potential: a human-readable INI file under
// potentials/ (format: docs/potential_database.md). One [element X] block per element with the
// Zhou–Johnson–Wadley parameters, one [pair X Y] block per fitted cross-pair correction; every
// block carries a `source` line saying where its numbers came from.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "potential/zjw_element.hpp"

namespace anodekmc::potential {

struct ElementRecord {
  std::string symbol;
  int atomic_number = 0;
  double mass_amu = 0;
  std::string reference_structure;  // bcc, fcc or hcp (the structure the fit used)
  double lattice_constant_A = 0;    // of the reference structure (setfl header, reports)
  double c_over_a = 0;              // hcp only
  ZjwParameters zjw;
  std::string source;
};

/// Fitted correction to the Johnson cross pair, switched off by the same smooth cutoff as φ_ab:
///   δφ_ab(r) = D exp[-γ (r/r_ab - 1)] + D2 exp[-γ2 (r/r_ab - 1)],  r_ab = (r_e,a + r_e,b)/2.
/// The second term is optional (D2 = 0: absent). The attractive exponential (D < 0) a compound's
/// enthalpy usually asks for has negative curvature at every distance, so it can only soften the
/// compound; a repulsive short-range term with an attractive longer-range one makes a well whose
/// curvature can stabilise it (LiAl, Li3Bi).
struct PairCorrection {
  std::string element_a, element_b;
  double D_eV = 0;
  double gamma = 0;
  std::string source;
  double D2_eV = 0;  // second term (format 2); after `source` so {a, b, D, γ, source} still reads
  double gamma2 = 0;
  bool has_second_term() const { return D2_eV != 0.0; }
  /// Adds δφ at y = r/r_ab to `phi_eV` and dδφ/dr to `dphi_dr` (a term with zero amplitude is
  /// skipped). The model's cross pairs and the fit's short-range bound both evaluate it here.
  void add_to(double y, double r_ab_A, double &phi_eV, double &dphi_dr) const {
    if (D_eV != 0.0) {
      const double e = D_eV * std::exp(-gamma * (y - 1.0));
      phi_eV += e;
      dphi_dr += -gamma / r_ab_A * e;
    }
    if (D2_eV != 0.0) {
      const double e = D2_eV * std::exp(-gamma2 * (y - 1.0));
      phi_eV += e;
      dphi_dr += -gamma2 / r_ab_A * e;
    }
  }
};

struct EamDatabase {
  static constexpr const char *format_tag = "anodekmc-eam-database 2";
  /// Format 1 (no second correction term) is still read.
  static constexpr const char *format_tag_v1 = "anodekmc-eam-database 1";

  std::string potential_id;
  std::string description;
  double cutoff_start_factor = 1.80;  // smooth cutoff starts at this × r_e (pair: × r_ab)
  double cutoff_end_factor = 2.05;    // and reaches zero here
  std::vector<ElementRecord> elements;
  std::vector<PairCorrection> corrections;

  /// Reads and validates (each element's functions are constructed, so a database that gives
  /// no continuous embedding function is rejected with file, block and reason).
  static EamDatabase read(const std::string &path);
  static EamDatabase parse(const std::string &text, const std::string &source_name);
  /// The file text (written with full double precision, so read(to_text()) is exact).
  std::string to_text() const;

  const ElementRecord *find_element(const std::string &symbol) const;
  ElementRecord *find_element(const std::string &symbol);
  /// The correction of an unordered pair, if the database has one.
  const PairCorrection *find_correction(const std::string &a, const std::string &b) const;
  PairCorrection &correction_for(const std::string &a, const std::string &b);  // adds if missing
};

}  // namespace anodekmc::potential
