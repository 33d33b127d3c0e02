#include "barriers/step_hop_bcc100.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace anodekmc::barriers {

StepHop build_step_down_bcc100(const Slab &clean, int strip_rows, StepPath path, const std::vector<std::string> &elements,
                               int edge_species, StepStart start) {
  const double a = 2.0 * clean.layer_spacing_A;  // bcc(100): spacing a/2
  if (std::abs(clean.nearest_neighbour_A - 0.5 * std::sqrt(3.0) * a) > 1e-9 || !clean.hcp_sites_A.empty())
    throw std::invalid_argument("step hop: the slab is not bcc(100)");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  const int nx = static_cast<int>(std::lround(wx / a)), ny = static_cast<int>(std::lround(wy / a));
  if (strip_rows < 2) throw std::invalid_argument("step_rows: expected at least 2 (a 4-fold site on top of the strip)");
  if (start == StepStart::kInner && strip_rows < 3)
    throw std::invalid_argument("step_rows: expected at least 3 for a start one row in from the edge");
  if (nx - strip_rows < 3)
    throw std::invalid_argument("step_rows: a strip of " + std::to_string(strip_rows) + " rows on " + std::to_string(nx) +
                                " cells leaves fewer than 3 rows of lower terrace");
  if (ny < 4) throw std::invalid_argument("step hop: the slab needs at least 4 cells along the step (y)");

  StepHop out;
  // The SOS map: strip columns 1 .. W, the adatom on the edge column W, row ny / 2.
  const int i_edge = strip_rows, j_row = ny / 2;
  out.sos = SosSurface{lattice::SurfaceNet::for_facet("bcc100", a, nx, ny), std::vector<int>(static_cast<std::size_t>(nx * ny), 0),
                       std::vector<std::string>(static_cast<std::size_t>(nx * ny), elements.at(0)), elements.at(0)};
  for (int i = 1; i <= strip_rows; ++i)
    for (int j = 0; j < ny; ++j) out.sos.height[out.sos.net.site_at(i, j)] = 1;
  out.from_column = out.sos.net.site_at(i_edge, j_row);
  out.sos.height[out.from_column] = 2;
  out.direction = hop_direction(out.sos.net, 1, 0);
  if (!sos_hop_key(out.sos, out.from_column, out.direction, out.key) || out.key.step != "down")
    throw std::logic_error("step hop: the SOS configuration has no step-down hop");

  // Atoms. Column (i, j) <-> top-layer atom origin + ((i - i_edge) a, (j - j_row) a); the origin
  // is the top-layer atom nearest the cell's middle, so the moving atoms never cross the cell.
  Slab slab = clean;
  const Eigen::Vector2d origin =
      slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  const double z1 = slab.top_z_A + slab.layer_spacing_A, z2 = slab.top_z_A + 2.0 * slab.layer_spacing_A;
  auto layer1 = [&](int di, int dj) {
    return Eigen::Vector3d(origin.x() + (di + 0.5) * a, origin.y() + (dj + 0.5) * a, z1);
  };
  auto wrapped = [&](const Eigen::Vector3d &p) { return wrapped_into_cell(slab, p); };
  const int host = 0;
  if (edge_species < 0 || edge_species >= static_cast<int>(elements.size()))
    throw std::invalid_argument("step hop: edge species out of range");
  std::size_t edge_atom = 0;
  out.first_added_atom = slab.structure.size();
  for (int di = -(strip_rows - 1); di <= 0; ++di)
    for (int dj = -j_row; dj < ny - j_row; ++dj) {
      if (di == 0 && dj == 0) edge_atom = slab.structure.size();
      // The edge atom the exchange pushes out stays unwrapped (it is near the middle anyway).
      slab.structure.add(di == 0 && dj == 0 ? layer1(di, dj) : wrapped(layer1(di, dj)),
                         di == 0 && dj == 0 ? edge_species : host);
    }
  out.edge_atom = edge_atom;
  const double x0 = start == StepStart::kEdge ? origin.x() : origin.x() - a;
  finish_step_hop(out, std::move(slab), clean, path, Eigen::Vector3d(x0, origin.y(), z2), layer1(1, 0));
  return out;
}

}  // namespace anodekmc::barriers
