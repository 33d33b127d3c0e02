#include "lammps/lammps_session.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "input.h"
#include "lammps.h"
#include "library.h"

#include "lammps/register_styles.h"

namespace anodekmc {

LammpsSession::LammpsSession(MPI_Comm comm, const std::string &log_path) {
  std::vector<std::string> args = {"anodekmc", "-log", log_path, "-screen", "none", "-nocite"};
  std::vector<char *> argv;
  for (auto &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  lmp_ = new LAMMPS_NS::LAMMPS(static_cast<int>(args.size()), argv.data(), comm);
  register_styles(lmp_);
  reset();
}

LammpsSession::~LammpsSession() { delete lmp_; }

void LammpsSession::command(const std::string &line) { lmp_->input->one(line); }

void LammpsSession::commands(const std::vector<std::string> &lines) {
  for (const auto &line : lines) command(line);
}

void LammpsSession::reset() {
  command("clear");
  register_styles(lmp_);
  commands({"units metal", "atom_style atomic", "atom_modify map array", "boundary p p p", "box tilt large"});
}

double LammpsSession::thermo(const std::string &keyword) {
  return lammps_get_thermo(lmp_, keyword.c_str());
}

double LammpsSession::atom_count() { return lammps_get_natoms(lmp_); }

void LammpsSession::create_structure(const potential::PeriodicStructure &s, int type_count) {
  // Rotate the cell into LAMMPS's form a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz).
  const Eigen::Vector3d a = s.cell_A.row(0), b = s.cell_A.row(1), c = s.cell_A.row(2);
  const double lx = a.norm();
  const Eigen::Vector3d ahat = a / lx;
  const double xy = b.dot(ahat);
  const double ly = ahat.cross(b).norm();
  const double xz = c.dot(ahat);
  const double yz = (b.dot(c) - xy * xz) / ly;
  const double lz2 = c.squaredNorm() - xz * xz - yz * yz;
  if (!(lz2 > 0)) throw std::invalid_argument("degenerate cell");
  const double lz = std::sqrt(lz2);
  Eigen::Matrix3d lammps_cell;
  lammps_cell << lx, 0, 0, xy, ly, 0, xz, yz, lz;
  const Eigen::Matrix3d to_fractional = s.cell_A.transpose().inverse();
  char line[512];
  std::snprintf(line, sizeof line, "region anodekmc_box prism 0 %.17g 0 %.17g 0 %.17g %.17g %.17g %.17g units box", lx,
                ly, lz, xy, xz, yz);
  command(line);
  command("create_box " + std::to_string(type_count) + " anodekmc_box");
  for (std::size_t k = 0; k < s.size(); ++k) {
    Eigen::Vector3d f = to_fractional * s.positions_A[k];
    for (int d = 0; d < 3; ++d) f[d] -= std::floor(f[d]);
    const Eigen::Vector3d x = lammps_cell.transpose() * f;
    // remap: a point on the upper face after rounding is wrapped instead of silently dropped.
    std::snprintf(line, sizeof line, "create_atoms %d single %.17g %.17g %.17g remap yes units box",
                  s.species[k] + 1, x[0], x[1], x[2]);
    command(line);
  }
  if (atom_count() != static_cast<double>(s.size()))
    throw std::runtime_error("LAMMPS created " + std::to_string(static_cast<long long>(atom_count())) + " of " +
                             std::to_string(s.size()) + " atoms of the structure");
  command("region anodekmc_box delete");
  // Thermo values are read between runs; a keyword is current only if the thermo style printed
  // it at the last step, so the style lists everything the callers read.
  command("thermo_style custom step pe press pxx pyy pzz pxy pxz pyz lx ly lz vol");
}

}  // namespace anodekmc
