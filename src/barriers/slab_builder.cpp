#include "barriers/slab_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace anodekmc::barriers {

namespace {

// One facet's repeat unit: rectangular in-plane cell, the in-plane positions of one layer, the
// in-plane shift from one layer to the one above, and the layer spacing.
struct SurfaceCell {
  double width_x_A = 0, width_y_A = 0;
  std::vector<Eigen::Vector2d> layer_basis_A;
  Eigen::Vector2d shift_per_layer_A = Eigen::Vector2d::Zero();
  double spacing_A = 0;
  double nearest_neighbour_A = 0;
};

SurfaceCell surface_cell(const std::string &facet, double a) {
  SurfaceCell c;
  if (facet == "bcc100") {
    c.width_x_A = c.width_y_A = a;
    c.layer_basis_A = {{0.0, 0.0}};
    c.shift_per_layer_A = {0.5 * a, 0.5 * a};
    c.spacing_A = 0.5 * a;
    c.nearest_neighbour_A = 0.5 * std::sqrt(3.0) * a;
  } else if (facet == "bcc110") {
    const double long_side = a * std::sqrt(2.0);
    c.width_x_A = a;  // [001]
    c.width_y_A = long_side;  // [1-10]
    c.layer_basis_A = {{0.0, 0.0}, {0.5 * a, 0.5 * long_side}};
    c.shift_per_layer_A = {0.0, 0.5 * long_side};
    c.spacing_A = a / std::sqrt(2.0);
    c.nearest_neighbour_A = 0.5 * std::sqrt(3.0) * a;
  } else if (facet == "fcc111") {
    const double d = a / std::sqrt(2.0);
    c.width_x_A = d;
    c.width_y_A = d * std::sqrt(3.0);
    c.layer_basis_A = {{0.0, 0.0}, {0.5 * d, 0.5 * std::sqrt(3.0) * d}};
    c.shift_per_layer_A = {0.0, d / std::sqrt(3.0)};  // A -> B -> C
    c.spacing_A = a / std::sqrt(3.0);
    c.nearest_neighbour_A = d;
  } else {
    throw std::invalid_argument("facet: expected bcc100, bcc110 or fcc111, got '" + facet + "'");
  }
  return c;
}

double wrap(double v, double period) { return v - period * std::floor(v / period); }

}  // namespace

Slab build_slab(const SlabSpec &spec, double minimum_width_A) {
  if (!(spec.lattice_constant_A > 0))
    throw std::invalid_argument("lattice_constant_A: expected a positive length in Å");
  if (!(spec.vacuum_A > 0)) throw std::invalid_argument("vacuum_A: expected a positive length in Å");
  if (spec.layers < 3) throw std::invalid_argument("layers: expected at least 3");
  if (spec.fixed_layers < 0 || spec.layers - spec.fixed_layers < 2)
    throw std::invalid_argument("fixed_layers: expected 0 or more, leaving at least 2 free layers");
  const SurfaceCell cell = surface_cell(spec.facet, spec.lattice_constant_A);
  if (spec.cells_x < 1 || spec.cells_y < 1) throw std::invalid_argument("cells_x, cells_y: expected at least 1");
  const double width_x = spec.cells_x * cell.width_x_A, width_y = spec.cells_y * cell.width_y_A;
  if (width_x < minimum_width_A || width_y < minimum_width_A)
    throw std::invalid_argument("cells_x, cells_y: the surface cell is " + std::to_string(width_x) + " x " +
                                std::to_string(width_y) + " Å, smaller than the required " +
                                std::to_string(minimum_width_A) + " Å (periodic images would interact)");

  Slab slab;
  slab.layer_count = spec.layers;
  slab.layer_spacing_A = cell.spacing_A;
  slab.nearest_neighbour_A = cell.nearest_neighbour_A;
  const double bottom_z = 0.5 * spec.vacuum_A;
  const double height = (spec.layers - 1) * cell.spacing_A + spec.vacuum_A;
  slab.structure.cell_A = Eigen::Vector3d(width_x, width_y, height).asDiagonal();
  slab.top_z_A = bottom_z + (spec.layers - 1) * cell.spacing_A;

  auto layer_positions = [&](int k_from_bottom, double z) {
    std::vector<Eigen::Vector3d> out;
    const Eigen::Vector2d shift = static_cast<double>(k_from_bottom) * cell.shift_per_layer_A;
    for (int i = 0; i < spec.cells_x; ++i)
      for (int j = 0; j < spec.cells_y; ++j)
        for (const Eigen::Vector2d &b : cell.layer_basis_A) {
          const double x = wrap(b.x() + shift.x() + i * cell.width_x_A, width_x);
          const double y = wrap(b.y() + shift.y() + j * cell.width_y_A, width_y);
          out.emplace_back(x, y, z);
        }
    return out;
  };
  for (int k = 0; k < spec.layers; ++k) {
    const int from_top = spec.layers - 1 - k;
    for (const Eigen::Vector3d &p : layer_positions(k, bottom_z + k * cell.spacing_A)) {
      slab.structure.add(p, 0);
      slab.layer.push_back(from_top);
      slab.fixed.push_back(k < spec.fixed_layers);
    }
  }
  // The crystal continued one layer up gives the adatom sites; two layers up (fcc: the
  // position of the second layer) gives the hcp hollows.
  slab.adatom_sites_A = layer_positions(spec.layers, slab.top_z_A + cell.spacing_A);
  if (spec.facet == "fcc111") slab.hcp_sites_A = layer_positions(spec.layers + 1, slab.top_z_A + cell.spacing_A);
  return slab;
}

std::size_t nearest_atom_in_layer(const Slab &slab, int layer, const Eigen::Vector2d &xy_A) {
  const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
  std::size_t best = slab.structure.size();
  double best_d2 = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < slab.structure.size(); ++k) {
    if (k >= slab.layer.size() || slab.layer[k] != layer) continue;
    double dx = slab.structure.positions_A[k].x() - xy_A.x();
    double dy = slab.structure.positions_A[k].y() - xy_A.y();
    dx -= wx * std::round(dx / wx);
    dy -= wy * std::round(dy / wy);
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2) {
      best_d2 = d2;
      best = k;
    }
  }
  if (best == slab.structure.size()) throw std::invalid_argument("no atom in layer " + std::to_string(layer));
  return best;
}

void substitute(Slab &slab, const std::vector<std::size_t> &atoms, int species) {
  for (std::size_t k : atoms) {
    if (k >= slab.structure.size()) throw std::out_of_range("substitute: atom index out of range");
    slab.structure.species[k] = species;
  }
}

std::size_t add_adatom(Slab &slab, std::size_t site, int species) {
  if (site >= slab.adatom_sites_A.size()) throw std::out_of_range("add_adatom: site index out of range");
  slab.structure.add(slab.adatom_sites_A[site], species);
  slab.layer.push_back(-1);
  slab.fixed.push_back(false);
  return slab.structure.size() - 1;
}

void choose_cells_from_cutoff(SlabSpec &spec, double cutoff_A) {
  // Images of the moving atom and its neighbours must not meet: width >= 2 cutoffs + 1 cell.
  spec.cells_x = spec.cells_y = std::max(4, static_cast<int>(std::ceil(2.0 * cutoff_A / spec.lattice_constant_A)) + 1);
  // bcc(110) cells are a x a sqrt 2: fewer are needed along y (at least 3, build_flat_hop_bcc110).
  if (spec.facet == "bcc110")
    spec.cells_y = std::max(3, static_cast<int>(std::ceil(2.0 * cutoff_A / (std::sqrt(2.0) * spec.lattice_constant_A))) + 1);
  // fcc(111) cells are d x d sqrt 3 (d = a / sqrt 2): at least 5 x 3 (build_flat_hop_fcc111).
  if (spec.facet == "fcc111") {
    const double d = spec.lattice_constant_A / std::sqrt(2.0);
    spec.cells_x = std::max(5, static_cast<int>(std::ceil(2.0 * cutoff_A / d)) + 1);
    spec.cells_y = std::max(3, static_cast<int>(std::ceil(2.0 * cutoff_A / (std::sqrt(3.0) * d))) + 1);
  }
}

}  // namespace anodekmc::barriers
