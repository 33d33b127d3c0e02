#include "barriers/step_hop.hpp"

#include <stdexcept>

#include "barriers/step_hop_bcc100.hpp"
#include "barriers/step_hop_bcc110.hpp"

namespace anodekmc::barriers {

const char *step_path_name(StepPath path) { return path == StepPath::kHop ? "hop" : "exchange"; }

bool has_step_hops(const std::string &facet) { return facet == "bcc100" || facet == "bcc110"; }

SlabSpec step_slab_spec(const SlabSpec &flat, int strip_rows) {
  SlabSpec s = flat;
  if (flat.facet == "bcc110")
    s.cells_y = flat.cells_y + (strip_rows + 1) / 2;  // a x a sqrt 2 cells: two rows along y each
  else
    s.cells_x = flat.cells_x + strip_rows;
  return s;
}

StepHop build_step_down(const std::string &facet, const Slab &clean, int strip_rows, StepPath path,
                        const std::vector<std::string> &elements, int edge_species) {
  if (facet == "bcc100") return build_step_down_bcc100(clean, strip_rows, path, elements, edge_species);
  if (facet == "bcc110") return build_step_down_bcc110(clean, strip_rows, path, elements, edge_species);
  throw std::invalid_argument("step hops: facet " + facet + " has no step builder (bcc100 or bcc110)");
}

}  // namespace anodekmc::barriers
