// Whether the relaxed end points of a hop are still the configuration its catalog key names.
//
// Relaxing the end points lets every free atom move. On a smooth surface (Li(110) with the
// shipped potential) an adatom next to an attractive empty site can slide into it, or the
// moving atom can leave its site; the NEB then converges, but between states of another key
// (or, when two atoms meet, not at all). A row computed so would be filed under the wrong key.
// The check assigns each adatom (every atom after the clean slab's) to its nearest adsorption
// site in the surface plane, as the kMC lattice and fix hop/detect would, and requires it to be
// the site it was put on.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace anodekmc::barriers {

/// `placed_A`: flat coordinates as built (adatoms on their sites); `relaxed_A`: the relaxed
/// end point; atoms from `first_adatom` on are adatoms; `sites_A`: every adsorption site of the
/// slab (one cell); `cell_x_A`, `cell_y_A`: the periodic widths. Returns an empty string if
/// every adatom is still nearest to its own site, else which atom went where (Å).
std::string end_state_left_its_sites(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                     std::size_t first_adatom, const std::vector<Eigen::Vector3d> &sites_A,
                                     double cell_x_A, double cell_y_A);


/// The same check with the nearest site in three dimensions, for configurations with adatoms
/// on more than one level (a strip with an adatom on top: `sites_A` holds the sites of every
/// level).
std::string end_state_left_its_sites_3d(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                        std::size_t first_adatom, const std::vector<Eigen::Vector3d> &sites_A,
                                        double cell_x_A, double cell_y_A);

/// The three-dimensional check for the listed atoms only, wherever they are in the
/// configuration (an exchange: the adatom that enters the surface layer and the surface atom it
/// pushes out; `sites_A` holds the adsorption sites and the surface-layer lattice sites).
std::string end_state_atoms_left_their_sites_3d(const Eigen::VectorXd &placed_A, const Eigen::VectorXd &relaxed_A,
                                               const std::vector<std::size_t> &atoms,
                                               const std::vector<Eigen::Vector3d> &sites_A, double cell_x_A,
                                               double cell_y_A);

}  // namespace anodekmc::barriers
