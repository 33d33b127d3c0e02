// One CI-NEB of a prepared hop configuration with the checks that make its barrier trustworthy:
// the end points are relaxed on the pure-C++ model first (an adatom that slides to another
// site, or two atoms that meet, must be caught before LAMMPS sees them: an error inside LAMMPS
// ends the whole process), the band runs through LAMMPS (one retry with a finer band), the
// relaxed end states are checked again, and Vineyard prefactors follow when asked for, at the
// climbing image refined to a verified first-order saddle (saddle_refinement.hpp).
// Used by the catalog job (every environment and step path) and by the screening's paths near
// a solute (solute_paths.hpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "barriers/barrier_config.hpp"
#include "barriers/hop_configuration.hpp"
#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"

namespace anodekmc::barriers {

// The result of one NEB as numbers (what travels from the computing rank to rank 0).
enum NebField {
  kForward, kReverse, kConverged, kMaxForce, kSteps,
  kPrefactorForward, kPrefactorReverse, kVineyardAtoms, kImaginaryTHz,  // 0 where not computed
  kLeftSites,  // 1: a relaxed end state is not the key's configuration (end_state_check.hpp)
  kFailed,     // 1: the environment threw (e.g. atoms met during the relaxation)
  // With Vineyard prefactors the climbing image is refined first (saddle_refinement.hpp):
  kSaddleCheck,          // 0 not done, 1 a saddle joining the end states, 2 a saddle joining an
                         // end state to an intermediate minimum, 3 refinement failed, 4 the
                         // climbing image relaxes into an intermediate minimum
  kRefinedForward, kRefinedReverse,  // barriers (eV) over the refined saddle (tight end states)
  kIntermediateEV,       // energy of the intermediate minimum above the initial state (eV)
  kFieldCount
};

/// The element list of a barrier job, the order of LAMMPS types and species indices: the host,
/// then each solute once, then the moving species if it is neither.
std::vector<std::string> barrier_elements(const std::string &host, const std::vector<std::string> &solutes,
                                          const std::string &moving);
/// Masses (amu) of `elements` from the database (Vineyard prefactors need them).
std::vector<double> element_masses_amu(const potential::EamDatabase &db, const std::vector<std::string> &elements);

/// Whether a relaxed end state (second argument) is still the configuration as placed (first):
/// empty if so, else why not (end_state_check.hpp).
using EndStateCheck = std::function<std::string(const Eigen::VectorXd &, const Eigen::VectorXd &)>;

/// The NEB of `hop` with `config`'s settings (database, NEB, prefactors); `label` names the hop
/// in messages. Returns kFieldCount numbers indexed by NebField; `failure` gets the reason when
/// the band did not converge or an end state left its sites. Throws what the C++ model throws
/// when atoms meet.
std::vector<double> checked_neb_fields(const HopConfiguration &hop, const EndStateCheck &left_its_sites,
                                       const std::string &label, const std::vector<std::string> &elements,
                                       const std::vector<double> &element_masses_amu, const potential::EamModel &model,
                                       const BarrierConfig &config, std::string &failure);

}  // namespace anodekmc::barriers
