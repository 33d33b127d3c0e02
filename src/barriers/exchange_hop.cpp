#include "barriers/exchange_hop.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace anodekmc::barriers {

namespace {

// Minimum-image displacement q - p in x and y.
Eigen::Vector3d displacement(const Slab &slab, const Eigen::Vector3d &p, const Eigen::Vector3d &q) {
  const double wx = slab.structure.cell_A(0, 0), wy = slab.structure.cell_A(1, 1);
  Eigen::Vector3d d = q - p;
  d.x() -= wx * std::round(d.x() / wx);
  d.y() -= wy * std::round(d.y() / wy);
  return d;
}

}  // namespace

ExchangeHop build_flat_exchange(const Slab &clean, int adatom_species, int pushed_species) {
  const double wx = clean.structure.cell_A(0, 0), wy = clean.structure.cell_A(1, 1);
  const double nn = clean.nearest_neighbour_A;
  if (wx < 4 * nn - 1e-9 || wy < 4 * nn - 1e-9)
    throw std::invalid_argument("exchange path: the slab needs to be at least 4 nearest-neighbour distances wide");
  if (adatom_species < 0 || pushed_species < 0) throw std::invalid_argument("exchange path: negative species index");
  if (clean.adatom_sites_A.empty()) throw std::invalid_argument("exchange path: the slab has no adsorption sites");
  const double tolerance = 1e-6 * nn;

  // A: the adsorption site nearest the middle of the cell.
  const Eigen::Vector3d middle(0.5 * wx, 0.5 * wy, clean.adatom_sites_A.front().z());
  Eigen::Vector3d site_a = clean.adatom_sites_A.front();
  for (const Eigen::Vector3d &s : clean.adatom_sites_A)
    if ((s - middle).head<2>().norm() < (site_a - middle).head<2>().norm()) site_a = s;

  // P: A's nearest top-layer neighbour furthest along +x + y.
  ExchangeHop out;
  bool found = false;
  Eigen::Vector3d a_to_p = Eigen::Vector3d::Zero();
  for (std::size_t k = 0; k < clean.structure.size(); ++k) {
    if (clean.layer[k] != 0) continue;
    const Eigen::Vector3d d = displacement(clean, site_a, clean.structure.positions_A[k]);
    if (std::abs(d.norm() - nn) > tolerance) continue;
    if (!found || d.x() + d.y() > a_to_p.x() + a_to_p.y() + tolerance) {
      a_to_p = d;
      out.pushed_atom = k;
      found = true;
    }
  }
  if (!found) throw std::logic_error("exchange path: the adsorption site has no nearest neighbour in the top layer");
  const Eigen::Vector3d site_p = site_a + a_to_p;  // unwrapped, near the middle

  // B: P's nearest-neighbour adsorption site furthest from A.
  Eigen::Vector3d site_b = site_a;
  for (const Eigen::Vector3d &s : clean.adatom_sites_A) {
    const Eigen::Vector3d d = displacement(clean, site_p, s);
    if (std::abs(d.norm() - nn) > tolerance) continue;
    if ((site_p + d - site_a).norm() > (site_b - site_a).norm() + tolerance) site_b = site_p + d;
  }
  if ((site_b - site_a).norm() < tolerance) throw std::logic_error("exchange path: no adsorption site beyond the pushed atom");

  Slab slab = clean;
  substitute(slab, {out.pushed_atom}, pushed_species);
  // P's coordinates as the slab holds them may be a periodic image of site_p; the band runs
  // between unwrapped end points, so P starts at site_p.
  slab.structure.positions_A[out.pushed_atom] = site_p;
  out.configuration = finish_flat_hop(std::move(slab), clean, adatom_species, site_a, site_p);
  out.configuration.final_A.segment<3>(3 * static_cast<Eigen::Index>(out.pushed_atom)) = site_b;
  out.sites_A = clean.adatom_sites_A;
  for (std::size_t k = 0; k < clean.structure.size(); ++k)
    if (clean.layer[k] == 0) out.sites_A.push_back(clean.structure.positions_A[k]);
  return out;
}

}  // namespace anodekmc::barriers
