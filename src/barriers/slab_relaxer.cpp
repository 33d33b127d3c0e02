#include "barriers/slab_relaxer.hpp"

#include <cstdio>
#include <stdexcept>

#include "lammps/lammps_session.h"
#include "library.h"

namespace anodekmc::barriers {

SlabRelaxer::SlabRelaxer(std::vector<std::string> elements, std::string database_path, RelaxSettings settings,
                         MPI_Comm comm)
    : session_(std::make_unique<LammpsSession>(comm)), elements_(std::move(elements)),
      database_path_(std::move(database_path)), settings_(settings) {
  if (elements_.empty()) throw std::invalid_argument("SlabRelaxer: no elements");
  if (!(settings_.force_tolerance_eV_A > 0) || settings_.max_iterations < 1)
    throw std::invalid_argument("SlabRelaxer: the force tolerance and the iteration limit must be positive");
}

SlabRelaxer::~SlabRelaxer() = default;

int SlabRelaxer::lammps_version() { return ::lammps_version(session_->lammps()); }

RelaxedEnergy SlabRelaxer::relax(const potential::PeriodicStructure &structure) {
  for (int s : structure.species)
    if (s < 0 || s >= static_cast<int>(elements_.size()))
      throw std::invalid_argument("SlabRelaxer: a species index has no element");
  session_->reset();
  session_->create_structure(structure, static_cast<int>(elements_.size()));
  std::string coeff = "pair_coeff * * " + database_path_;
  for (const auto &e : elements_) coeff += " " + e;
  char minimize[160];
  // etol = 0: only the force criterion (or the iteration limit, or a line search that can no
  // longer lower the energy at double precision) ends the minimisation.
  std::snprintf(minimize, sizeof minimize, "minimize 0.0 %.17g %d %d", settings_.force_tolerance_eV_A,
                settings_.max_iterations, 10 * settings_.max_iterations);
  session_->commands({"pair_style eam/analytic", coeff, "neighbor 2.0 bin", "neigh_modify every 1 delay 0 check yes",
                      "thermo_style custom step pe fnorm fmax", "thermo 0", "min_style cg", minimize});
  // CG can stop early when its line search no longer lowers the energy at double precision
  // (flat directions of a free slab, and the tabulated potential's energy and force differing
  // in the last digits); a restart with fresh search directions usually carries on, and FIRE,
  // which follows the forces only, finishes what an energy line search cannot resolve. Then
  // the outcome is reported as it is.
  for (int restart = 0; restart < 4 && session_->thermo("fnorm") > settings_.force_tolerance_eV_A &&
                        session_->thermo("step") < settings_.max_iterations;
       ++restart) {
    if (restart == 2) session_->command("min_style fire");
    session_->command(minimize);
  }
  RelaxedEnergy out;
  out.energy_eV = session_->thermo("pe");
  out.force_norm_eV_A = session_->thermo("fnorm");
  out.max_force_eV_A = session_->thermo("fmax");
  out.iterations = static_cast<long>(session_->thermo("step"));
  out.converged = out.force_norm_eV_A <= settings_.force_tolerance_eV_A;
  return out;
}

}  // namespace anodekmc::barriers
