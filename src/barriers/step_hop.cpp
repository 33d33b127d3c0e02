#include "barriers/step_hop.hpp"

#include <stdexcept>
#include <utility>

#include "barriers/step_hop_bcc100.hpp"
#include "barriers/step_hop_bcc110.hpp"

namespace anodekmc::barriers {

const char *step_path_name(StepPath path) { return path == StepPath::kHop ? "hop" : "exchange"; }

const char *step_start_name(StepStart start) { return start == StepStart::kEdge ? "edge" : "inner"; }

void finish_step_hop(StepHop &out, Slab slab, const Slab &clean, StepPath path, const Eigen::Vector3d &on_strip_A,
                     const Eigen::Vector3d &foot_A) {
  const Eigen::Vector3d edge_A = slab.structure.positions_A[out.edge_atom];
  const double z2 = on_strip_A.z();
  out.configuration = finish_flat_hop(std::move(slab), clean, 0, on_strip_A, foot_A);
  if (path == StepPath::kExchange) {
    // The adatom ends in the edge atom's place, the edge atom at the foot of the step.
    HopConfiguration &c = out.configuration;
    c.final_A.segment<3>(3 * static_cast<Eigen::Index>(c.moving_atom)) = edge_A;
    c.final_A.segment<3>(3 * static_cast<Eigen::Index>(out.edge_atom)) = foot_A;
  }
  out.sites_A = clean.adatom_sites_A;
  for (std::size_t k = 0; k < clean.structure.size(); ++k)
    if (clean.layer[k] == 0) {
      Eigen::Vector3d p = clean.structure.positions_A[k];
      p.z() = z2;
      out.sites_A.push_back(p);
    }
}

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
                        const std::vector<std::string> &elements, int edge_species, StepStart start) {
  if (facet == "bcc100") return build_step_down_bcc100(clean, strip_rows, path, elements, edge_species, start);
  if (facet == "bcc110") return build_step_down_bcc110(clean, strip_rows, path, elements, edge_species, start);
  throw std::invalid_argument("step hops: facet " + facet + " has no step builder (bcc100 or bcc110)");
}

}  // namespace anodekmc::barriers
