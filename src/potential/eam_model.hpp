// The analytic EAM model for a chosen list of elements (the "types" of a calculation):
// switched densities f_a(r), cross pairs φ_ab(r) by Johnson's mixing rule plus the fitted
// correction, embedding functions F_a(ρ). Pure C++: the fitter, the setfl writer and the LAMMPS
// pair style all evaluate the potential through this one class.
//
//   φ_ab(r) = S_ab(r) { ½ [ (f̃_b/f̃_a) φ̃_aa + (f̃_a/f̃_b) φ̃_bb ] + D_ab exp[-γ_ab (r/r_ab - 1)]
//                       + D2_ab exp[-γ2_ab (r/r_ab - 1)] }      (second term optional)
//   f_a(r)  = S_a(r) f̃_a(r)
//
// where ~ marks the untruncated ZJW functions, S the smooth cutoff (from
// cutoff_start_factor × r_e to cutoff_end_factor × r_e; r_ab = (r_e,a + r_e,b)/2 for pairs).
// Johnson's ratio uses the untruncated densities so that it stays finite up to the cutoff.
#pragma once

#include <string>
#include <vector>

#include "potential/eam_database.hpp"
#include "potential/smooth_cutoff.hpp"
#include "potential/zjw_element.hpp"

namespace anodekmc::potential {

class EamModel {
 public:
  /// Elements by symbol, in the order the calculation numbers them (0, 1, ...). Throws
  /// std::invalid_argument naming a symbol the database does not hold.
  EamModel(const EamDatabase &database, const std::vector<std::string> &symbols);

  int element_count() const { return static_cast<int>(elements_.size()); }
  const std::string &symbol(int a) const { return records_[a].symbol; }
  const ElementRecord &record(int a) const { return records_[a]; }
  const ZjwElement &element(int a) const { return elements_[a]; }
  const std::string &potential_id() const { return potential_id_; }

  double density_cutoff_A(int a) const { return density_cutoff_[a].r_end_A; }
  double pair_cutoff_A(int a, int b) const { return pair_data_[index(a, b)].cutoff.r_end_A; }
  /// Largest distance at which any function is non-zero.
  double max_cutoff_A() const { return max_cutoff_A_; }

  /// Switched density of element a at distance r: f and df/dr.
  void density(int a, double r_A, double &f, double &df_dr) const {
    elements_[a].density(r_A, f, df_dr);
    density_cutoff_[a].apply(r_A, f, df_dr);
  }
  /// Switched, mixed and corrected pair energy φ_ab(r) and dφ/dr.
  void pair(int a, int b, double r_A, double &phi_eV, double &dphi_dr) const;
  /// Embedding energy F_a(ρ) and dF/dρ.
  void embedding(int a, double rho, double &F_eV, double &dF_drho) const {
    elements_[a].embedding(rho, F_eV, dF_drho);
  }

 private:
  struct PairData {
    SmoothCutoff cutoff;
    PairCorrection correction;  // cross pairs with a database correction; zero amplitudes otherwise
    double r_ab_A = 0;
  };
  int index(int a, int b) const { return a * static_cast<int>(elements_.size()) + b; }

  std::string potential_id_;
  std::vector<ElementRecord> records_;
  std::vector<ZjwElement> elements_;
  std::vector<SmoothCutoff> density_cutoff_;
  std::vector<PairData> pair_data_;
  double max_cutoff_A_ = 0;
};

}  // namespace anodekmc::potential
