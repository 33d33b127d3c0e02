#include "barriers/step_hop_bcc110.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace anodekmc::barriers {

StepHop build_step_down_bcc110(const Slab &clean, int strip_rows, StepPath path, const std::vector<std::string> &elements,
                               int edge_species, StepStart start) {
  const double a = std::sqrt(2.0) * clean.layer_spacing_A;  // bcc(110): spacing a/sqrt 2
  if (std::abs(clean.nearest_neighbour_A - 0.5 * std::sqrt(3.0) * a) > 1e-9 || !clean.hcp_sites_A.empty())
    throw std::invalid_argument("step hop: the slab is not bcc(110)");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  const int nx = static_cast<int>(std::lround(wx / a));
  const int rows = 2 * static_cast<int>(std::lround(wy / (std::sqrt(2.0) * a)));  // net rows along y
  if (strip_rows < 2) throw std::invalid_argument("step_rows: expected at least 2 (a strip atom behind the edge site)");
  if (start == StepStart::kInner && strip_rows < 3)
    throw std::invalid_argument("step_rows: expected at least 3 for a start one row in from the edge");
  if (rows - strip_rows < 3)
    throw std::invalid_argument("step_rows: a strip of " + std::to_string(strip_rows) + " rows on " +
                                std::to_string(rows) + " rows (" + std::to_string(rows / 2) +
                                " cells) leaves fewer than 3 rows of lower terrace");
  if (nx < 4) throw std::invalid_argument("step hop: the slab needs at least 4 cells along the step (x)");
  if (edge_species < 0 || edge_species >= static_cast<int>(elements.size()))
    throw std::invalid_argument("step hop: edge species out of range");

  StepHop out;
  // The SOS map: strip rows 1 .. W, the adatom on the edge column (nx / 2, W).
  const int i_edge = nx / 2, j_edge = strip_rows;
  out.sos = SosSurface{lattice::SurfaceNet::for_facet("bcc110", a, nx, rows),
                       std::vector<int>(static_cast<std::size_t>(nx * rows), 0),
                       std::vector<std::string>(static_cast<std::size_t>(nx * rows), elements.at(0)), elements.at(0)};
  for (int j = 1; j <= strip_rows; ++j)
    for (int i = 0; i < nx; ++i) out.sos.height[out.sos.net.site_at(i, j)] = 1;
  out.from_column = out.sos.net.site_at(i_edge, j_edge);
  out.sos.height[out.from_column] = 2;
  out.direction = hop_direction(out.sos.net, -1, 1);
  if (!sos_hop_key(out.sos, out.from_column, out.direction, out.key) || out.key.step != "down")
    throw std::logic_error("step hop: the SOS configuration has no step-down hop");

  // Atoms. Column (i, j) <-> top-layer atom origin + (i - i_edge) e1 + (j - j_edge) e2; the
  // origin is the top-layer atom nearest the cell's middle, so the moving atoms never cross
  // the cell.
  Slab slab = clean;
  const Eigen::Vector2d e1(a, 0.0), e2(0.5 * a, a / std::sqrt(2.0));
  const Eigen::Vector2d origin =
      slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  const double z1 = slab.top_z_A + slab.layer_spacing_A, z2 = slab.top_z_A + 2.0 * slab.layer_spacing_A;
  auto layer1 = [&](int di, int dj) {
    const Eigen::Vector2d xy = origin + di * e1 + dj * e2 + 0.5 * e1;
    return Eigen::Vector3d(xy.x(), xy.y(), z1);
  };
  const int host = 0;
  std::size_t edge_atom = 0;
  out.first_added_atom = slab.structure.size();
  for (int dj = -(strip_rows - 1); dj <= 0; ++dj)
    for (int di = -i_edge; di < nx - i_edge; ++di) {
      const bool edge = di == 0 && dj == 0;
      if (edge) edge_atom = slab.structure.size();
      // The edge atom the exchange pushes out stays unwrapped (it is near the middle anyway).
      slab.structure.add(edge ? layer1(di, dj) : wrapped_into_cell(slab, layer1(di, dj)), edge ? edge_species : host);
    }
  out.edge_atom = edge_atom;
  // The edge site above P(i_e, W), or the site one row in above P(i_e, W - 1) = P - e2.
  const Eigen::Vector2d start_xy = start == StepStart::kEdge ? origin : Eigen::Vector2d(origin - e2);
  const Eigen::Vector3d on_strip(start_xy.x(), start_xy.y(), z2);
  const Eigen::Vector3d foot = layer1(-1, 1);  // column (i_edge - 1, j_edge + 1): origin + (0, a/sqrt 2)
  if (!is_adatom_site(slab, foot)) throw std::logic_error("bcc(110) step: the foot is not a continuation site of the slab");
  finish_step_hop(out, std::move(slab), clean, path, on_strip, foot);
  return out;
}

}  // namespace anodekmc::barriers
