#include "segregation/complexion_label.hpp"

namespace anodekmc::segregation {

int enriched_planes(const std::vector<double> &composition_by_depth, double x_bulk, const LabelRule &rule) {
  int n = 0;
  while (n < static_cast<int>(composition_by_depth.size()) &&
         composition_by_depth[static_cast<std::size_t>(n)] - x_bulk >= rule.threshold)
    ++n;
  return n;
}

std::string label_of_thickness(int planes, const LabelRule &rule) {
  if (planes >= rule.wetting_planes) return "wetting";
  switch (planes) {
    case 0: return "clean";
    case 1: return "monolayer";
    case 2: return "bilayer";
    case 3: return "trilayer";
    default: return "nanolayer";
  }
}

std::string complexion_label(const std::vector<double> &composition_by_depth, double x_bulk, const LabelRule &rule) {
  return label_of_thickness(enriched_planes(composition_by_depth, x_bulk, rule), rule);
}

}  // namespace anodekmc::segregation
