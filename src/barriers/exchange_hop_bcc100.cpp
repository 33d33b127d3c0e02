#include "barriers/exchange_hop_bcc100.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace anodekmc::barriers {

ExchangeHop build_flat_exchange_bcc100(const Slab &clean, int adatom_species, int pushed_species) {
  const double a = 2.0 * clean.layer_spacing_A;  // bcc(100): spacing a/2
  if (std::abs(clean.nearest_neighbour_A - 0.5 * std::sqrt(3.0) * a) > 1e-9 || !clean.hcp_sites_A.empty())
    throw std::invalid_argument("exchange path: the slab is not bcc(100)");
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  if (wx < 4 * a - 1e-9 || wy < 4 * a - 1e-9) throw std::invalid_argument("exchange path: the slab needs at least 4 x 4 cells");
  if (adatom_species < 0 || pushed_species < 0) throw std::invalid_argument("exchange path: negative species index");

  Slab slab = clean;
  // column_a near the middle of the cell: neither moving atom crosses the periodic boundary.
  const Eigen::Vector2d column_a = slab.structure.positions_A[nearest_atom_in_layer(slab, 0, {0.5 * wx, 0.5 * wy})].head<2>();
  ExchangeHop out;
  out.pushed_atom = nearest_atom_in_layer(slab, 0, column_a + Eigen::Vector2d(a, a));
  substitute(slab, {out.pushed_atom}, pushed_species);
  const Eigen::Vector3d pushed_site = slab.structure.positions_A[out.pushed_atom];
  const double z_adatom = slab.top_z_A + slab.layer_spacing_A;
  const Eigen::Vector3d hollow_a(column_a.x() + 0.5 * a, column_a.y() + 0.5 * a, z_adatom);
  const Eigen::Vector3d hollow_beyond(pushed_site.x() + 0.5 * a, pushed_site.y() + 0.5 * a, z_adatom);
  if (!is_adatom_site(slab, hollow_a) || !is_adatom_site(slab, hollow_beyond))
    throw std::logic_error("exchange path: the hollows are not the slab's adatom sites");

  out.configuration = finish_flat_hop(std::move(slab), clean, adatom_species, hollow_a, pushed_site);
  out.configuration.final_A.segment<3>(3 * static_cast<Eigen::Index>(out.pushed_atom)) = hollow_beyond;
  out.sites_A = clean.adatom_sites_A;
  for (std::size_t k = 0; k < clean.structure.size(); ++k)
    if (clean.layer[k] == 0) out.sites_A.push_back(clean.structure.positions_A[k]);
  return out;
}

}  // namespace anodekmc::barriers
