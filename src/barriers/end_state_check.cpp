#include "barriers/end_state_check.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace anodekmc::barriers {

namespace {

// The one check behind both entry points: distances are periodic in x and y, and either
// in-plane only (z ignored: one adatom level) or in three dimensions (several levels).
std::string left_its_sites(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                           const std::vector<std::size_t> &atoms, const std::vector<Eigen::Vector3d> &sites_A,
                           double cell_x_A, double cell_y_A, bool in_plane_only) {
  auto distance2 = [&](const Eigen::Vector3d &p, const Eigen::Vector3d &q) {
    Eigen::Vector3d d = p - q;
    d.x() -= cell_x_A * std::round(d.x() / cell_x_A);
    d.y() -= cell_y_A * std::round(d.y() / cell_y_A);
    if (in_plane_only) d.z() = 0.0;
    return d.squaredNorm();
  };
  auto nearest_site = [&](const Eigen::Vector3d &p) {
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (std::size_t s = 0; s < sites_A.size(); ++s) {
      const double d2 = distance2(p, sites_A[s]);
      if (d2 < best_d2) {
        best_d2 = d2;
        best = s;
      }
    }
    return best;
  };
  for (std::size_t n = 0; n < atoms.size(); ++n) {
    const std::size_t k = atoms[n];
    const Eigen::Vector3d placed = placed_A.segment<3>(static_cast<Eigen::Index>(3 * k));
    const Eigen::Vector3d relaxed = relaxed_A.segment<3>(static_cast<Eigen::Index>(3 * k));
    if (nearest_site(placed) != nearest_site(relaxed)) {
      char text[200];
      std::snprintf(text, sizeof text, "adatom %zu left its site in the relaxed end state (moved %.2f A%s; atom %zu of the configuration)",
                    n, std::sqrt(distance2(relaxed, placed)), in_plane_only ? " in-plane" : "", k);
      return text;
    }
  }
  return "";
}

// Atoms first_adatom .. end of the configuration.
std::vector<std::size_t> from(std::size_t first_adatom, const Eigen::VectorXd &placed_A) {
  std::vector<std::size_t> atoms;
  for (std::size_t k = first_adatom; k < static_cast<std::size_t>(placed_A.size() / 3); ++k) atoms.push_back(k);
  return atoms;
}

}  // namespace

std::string end_state_left_its_sites(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                     std::size_t first_adatom, const std::vector<Eigen::Vector3d> &sites_A,
                                     double cell_x_A, double cell_y_A) {
  return left_its_sites(placed_A, relaxed_A, from(first_adatom, placed_A), sites_A, cell_x_A, cell_y_A, true);
}

std::string end_state_left_its_sites_3d(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                        std::size_t first_adatom, const std::vector<Eigen::Vector3d> &sites_A,
                                        double cell_x_A, double cell_y_A) {
  return left_its_sites(placed_A, relaxed_A, from(first_adatom, placed_A), sites_A, cell_x_A, cell_y_A, false);
}

std::string end_state_atoms_left_their_sites_3d(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                               const std::vector<std::size_t> &atoms,
                                               const std::vector<Eigen::Vector3d> &sites_A, double cell_x_A,
                                               double cell_y_A) {
  return left_its_sites(placed_A, relaxed_A, atoms, sites_A, cell_x_A, cell_y_A, false);
}

}  // namespace anodekmc::barriers
