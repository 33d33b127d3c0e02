#include "lammps/crystal_relaxer.h"

#include <algorithm>
#include <cmath>

#include "potential/crystal_builder.hpp"

namespace anodekmc {

potential::PeriodicStructure unit_cell(const std::string &structure, double a_A, double c_over_a, int species) {
  if (structure != "hcp") return potential::build_crystal(structure, a_A, 0.0, species);
  potential::PeriodicStructure s;
  s.cell_A = Eigen::Vector3d(a_A, std::sqrt(3.0) * a_A, c_over_a * a_A).asDiagonal();
  const double fractional[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 1.0 / 6.0, 0.5}, {0, 2.0 / 3.0, 0.5}};
  for (const auto &f : fractional) s.add(s.cell_A.transpose() * Eigen::Vector3d(f[0], f[1], f[2]), species);
  return s;
}

potential::PeriodicStructure big_enough(const potential::PeriodicStructure &cell, double min_length_A) {
  const double volume = cell.volume_A3();
  int n[3];
  for (int k = 0; k < 3; ++k) {
    const double height = volume / cell.cell_A.row((k + 1) % 3).cross(cell.cell_A.row((k + 2) % 3)).norm();
    n[k] = std::max(1, static_cast<int>(std::ceil(min_length_A / height)));
  }
  return cell.replicated(n[0], n[1], n[2]);
}

CrystalRelaxer::CrystalRelaxer(std::string database_path, MPI_Comm comm, const std::string &log_path)
    : database_path_(std::move(database_path)), session_(comm, log_path) {}

CrystalRelaxer::Relaxed CrystalRelaxer::relax(const potential::PeriodicStructure &s,
                                              const std::vector<std::string> &symbols, const std::string &mode) {
  load(s, symbols);
  if (mode != "atoms") {
    const bool keyword = mode == "iso" || mode == "aniso" || mode == "tri";
    session_.command("fix anodekmc_relax all box/relax " + mode + (keyword ? " 0.0" : "") + " vmax 0.001");
    // Twice: box/relax's first minimisation stops on the changed reference cell, the second
    // starts from the relaxed one (the LAMMPS manual's advice for fix box/relax).
    session_.command("minimize 0 1e-10 5000 50000");
    session_.command("minimize 0 1e-10 5000 50000");
    session_.command("unfix anodekmc_relax");
  }
  session_.command("minimize 0 1e-10 5000 50000");
  session_.command("run 0");  // makes every thermo compute current for the reads below
  Relaxed r;
  r.atoms = session_.atom_count();
  r.energy_per_atom_eV = session_.thermo("pe") / r.atoms;
  r.lx = session_.thermo("lx");
  r.ly = session_.thermo("ly");
  r.lz = session_.thermo("lz");
  return r;
}

double CrystalRelaxer::energy(const potential::PeriodicStructure &s, const std::vector<std::string> &symbols) {
  load(s, symbols);
  session_.command("run 0");
  return session_.thermo("pe");
}

void CrystalRelaxer::load(const potential::PeriodicStructure &s, const std::vector<std::string> &symbols) {
  session_.reset();
  session_.create_structure(s, static_cast<int>(symbols.size()));
  std::string coeff = "pair_coeff * * " + database_path_;
  for (const auto &e : symbols) coeff += " " + e;
  session_.commands({"pair_style eam/analytic", coeff, "neighbor 1.0 bin", "min_style cg"});
}

}  // namespace anodekmc
