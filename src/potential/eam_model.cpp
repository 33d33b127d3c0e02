#include "potential/eam_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace anodekmc::potential {

EamModel::EamModel(const EamDatabase &database, const std::vector<std::string> &symbols)
    : potential_id_(database.potential_id) {
  if (symbols.empty()) throw std::invalid_argument("an EAM model needs at least one element");
  for (const auto &symbol : symbols) {
    const ElementRecord *record = database.find_element(symbol);
    if (!record)
      throw std::invalid_argument("element '" + symbol + "' is not in the potential database " +
                                  database.potential_id);
    records_.push_back(*record);
    elements_.emplace_back(record->zjw, symbol);
    const double r_e = record->zjw.r_e_A;
    density_cutoff_.push_back(
        SmoothCutoff{database.cutoff_start_factor * r_e, database.cutoff_end_factor * r_e});
    max_cutoff_A_ = std::max(max_cutoff_A_, density_cutoff_.back().r_end_A);
  }
  const int n = element_count();
  pair_data_.resize(static_cast<std::size_t>(n * n));
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      PairData &data = pair_data_[index(a, b)];
      data.r_ab_A = 0.5 * (records_[a].zjw.r_e_A + records_[b].zjw.r_e_A);
      data.cutoff = SmoothCutoff{database.cutoff_start_factor * data.r_ab_A,
                                 database.cutoff_end_factor * data.r_ab_A};
      if (a != b) {
        if (const PairCorrection *c = database.find_correction(symbols[a], symbols[b])) data.correction = *c;
      }
      max_cutoff_A_ = std::max(max_cutoff_A_, data.cutoff.r_end_A);
    }
}

void EamModel::pair(int a, int b, double r_A, double &phi_eV, double &dphi_dr) const {
  const PairData &data = pair_data_[index(a, b)];
  if (r_A >= data.cutoff.r_end_A) {
    phi_eV = 0;
    dphi_dr = 0;
    return;
  }
  if (a == b) {
    elements_[a].pair(r_A, phi_eV, dphi_dr);
  } else {
    double fa, dfa, fb, dfb, phi_aa, dphi_aa, phi_bb, dphi_bb;
    elements_[a].density(r_A, fa, dfa);
    elements_[b].density(r_A, fb, dfb);
    elements_[a].pair(r_A, phi_aa, dphi_aa);
    elements_[b].pair(r_A, phi_bb, dphi_bb);
    const double ratio_ba = fb / fa, ratio_ab = fa / fb;
    // d(fb/fa)/dr = (dfb - ratio_ba dfa)/fa, and symmetrically.
    const double dratio_ba = (dfb - ratio_ba * dfa) / fa;
    const double dratio_ab = (dfa - ratio_ab * dfb) / fb;
    phi_eV = 0.5 * (ratio_ba * phi_aa + ratio_ab * phi_bb);
    dphi_dr = 0.5 * (dratio_ba * phi_aa + ratio_ba * dphi_aa + dratio_ab * phi_bb + ratio_ab * dphi_bb);
    data.correction.add_to(r_A / data.r_ab_A, data.r_ab_A, phi_eV, dphi_dr);
  }
  data.cutoff.apply(r_A, phi_eV, dphi_dr);
}

}  // namespace anodekmc::potential
