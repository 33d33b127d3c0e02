// Complexion labels (SCIENCE.md section 5). With Delta_l = X_l - x_b by depth l (0 = surface)
// and a threshold tau, the enriched thickness n is the number of consecutive planes from the
// surface with Delta_l >= tau:
//   n = 0 clean, 1 monolayer, 2 bilayer, 3 trilayer,
//   4 <= n < wetting_planes nanolayer (finite, bounded thickness),
//   n >= wetting_planes wetting (the enriched film fills the available depth; on a finite slab
//   or a finite mean-field stack a diverging thickness shows as reaching that depth).
#pragma once

#include <string>
#include <vector>

namespace anodekmc::segregation {

struct LabelRule {
  double threshold = 0.1;  // tau (site fraction)
  int wetting_planes = 5;  // n at which the film counts as wetting
};

/// Enriched thickness n (planes).
int enriched_planes(const std::vector<double> &composition_by_depth, double x_bulk, const LabelRule &rule);
/// The label of a state.
std::string complexion_label(const std::vector<double> &composition_by_depth, double x_bulk, const LabelRule &rule);
/// Label of a thickness n.
std::string label_of_thickness(int planes, const LabelRule &rule);

}  // namespace anodekmc::segregation
