#include "barriers/checked_neb.hpp"

#include <algorithm>
#include <cstdio>

#include "barriers/eam_surface.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/lammps_energy_surface.hpp"
#include "barriers/neb.hpp"
#include "barriers/saddle_refinement.hpp"
#include "barriers/vineyard.hpp"

namespace anodekmc::barriers {

std::vector<std::string> barrier_elements(const std::string &host, const std::vector<std::string> &solutes,
                                          const std::string &moving) {
  std::vector<std::string> elements = {host};
  for (const std::string &s : solutes)
    if (std::find(elements.begin(), elements.end(), s) == elements.end()) elements.push_back(s);
  if (std::find(elements.begin(), elements.end(), moving) == elements.end()) elements.push_back(moving);
  return elements;
}

std::vector<double> element_masses_amu(const potential::EamDatabase &db, const std::vector<std::string> &elements) {
  std::vector<double> masses;
  for (const std::string &e : elements) masses.push_back(db.find_element(e)->mass_amu);
  return masses;
}

namespace {

// Harmonic TST needs a true first-order saddle joining the hop's two minima. The climbing image
// is refined (all free atoms), the end states are relaxed to the same tolerance, and the
// descents from the saddle must reach them; then Vineyard prefactors at the refined points.
// Otherwise the row keeps the default prefactor and stderr says why.
void vineyard_fields(const EnergySurface &surface, const NebResult &r, const HopConfiguration &hop,
                     const std::string &label, const std::vector<double> &element_masses_amu,
                     const BarrierConfig &config, std::vector<double> &fields) {
  const SaddleSettings saddle_settings;
  std::vector<std::size_t> free_atoms;
  for (std::size_t a = 0; a < hop.structure.size(); ++a)
    if (hop.mobile[3 * static_cast<long>(a)] != 0) free_atoms.push_back(a);
  const SaddleRefinement saddle =
      refine_saddle(surface, r.images[static_cast<std::size_t>(r.highest_image)], free_atoms, saddle_settings);
  const auto keep_default = [&](const std::string &why) {
    std::fprintf(stderr, "anodekmc barriers: %s: Vineyard prefactor not computed (%s); the row gets %.3g 1/s\n",
                 label.c_str(), why.c_str(), config.prefactor_per_s);
  };
  Eigen::VectorXd initial = r.images.front(), final = r.images.back();
  const double initial_eV =
      minimize(surface, initial, hop.mobile, saddle_settings.max_force_eV_A, config.neb.max_steps).energy_eV;
  const double final_eV =
      minimize(surface, final, hop.mobile, saddle_settings.max_force_eV_A, config.neb.max_steps).energy_eV;
  if (saddle.stationary && saddle.unstable_modes == 0 && !same_state(saddle.coordinates_A, initial, saddle_settings) &&
      !same_state(saddle.coordinates_A, final, saddle_settings)) {
    // The climbing image relaxed into a minimum that is neither end state (on Li(100) the
    // bridge site of a symmetric hop): the path passes it.
    fields[kSaddleCheck] = 4.0;
    fields[kIntermediateEV] = saddle.energy_eV - initial_eV;
    char why[200];
    std::snprintf(why, sizeof why,
                  "the climbing image refines to a minimum %.4f eV above the initial state, not to a saddle: the "
                  "path passes an intermediate minimum",
                  fields[kIntermediateEV]);
    keep_default(why);
    return;
  }
  if (!saddle.converged) {
    fields[kSaddleCheck] = 3.0;
    keep_default("saddle refinement from the climbing image: " + saddle.failure);
    return;
  }
  fields[kRefinedForward] = saddle.energy_eV - initial_eV;
  fields[kRefinedReverse] = saddle.energy_eV - final_eV;
  const SaddleDescent descent = descend_from_saddle(surface, saddle, hop.mobile, saddle_settings);
  if (!descent.relaxed) {
    // Unrelaxed descents cannot say which minima the saddle joins.
    fields[kSaddleCheck] = 3.0;
    keep_default("the relaxations down from the refined saddle did not converge");
    return;
  }
  if (!connects(descent, initial, final, saddle_settings)) {
    // One side reaches an end state and the other a third minimum: the path passes an
    // intermediate minimum (or the refinement found an unrelated saddle).
    const bool minus_is_end =
        same_state(descent.minus_A, initial, saddle_settings) || same_state(descent.minus_A, final, saddle_settings);
    fields[kSaddleCheck] = 2.0;
    fields[kIntermediateEV] = (minus_is_end ? descent.plus_energy_eV : descent.minus_energy_eV) - initial_eV;
    char why[200];
    std::snprintf(why, sizeof why,
                  "the refined saddle (%.4f eV above the initial state) does not join the two end states: a "
                  "minimum %.4f eV above the initial state lies on the path",
                  fields[kRefinedForward], fields[kIntermediateEV]);
    keep_default(why);
    return;
  }
  fields[kSaddleCheck] = 1.0;
  // Forward: initial minimum over the saddle; reverse: final minimum over the same saddle, with
  // the same atoms (those near the moving atom at either end or at the saddle).
  std::vector<std::size_t> atoms =
      atoms_near(initial, saddle.coordinates_A, hop.moving_atom, config.vineyard_settings.radius_A, hop.mobile);
  for (std::size_t a : atoms_near(final, saddle.coordinates_A, hop.moving_atom, config.vineyard_settings.radius_A, hop.mobile))
    if (std::find(atoms.begin(), atoms.end(), a) == atoms.end()) atoms.push_back(a);
  std::vector<double> masses;
  for (int species : hop.structure.species) masses.push_back(element_masses_amu.at(static_cast<std::size_t>(species)));
  const VineyardResult forward =
      vineyard_prefactor(surface, initial, saddle.coordinates_A, atoms, masses, config.vineyard_settings);
  const VineyardResult reverse =
      vineyard_prefactor(surface, final, saddle.coordinates_A, atoms, masses, config.vineyard_settings);
  if (forward.valid && reverse.valid) {
    fields[kPrefactorForward] = forward.prefactor_per_s;
    fields[kPrefactorReverse] = reverse.prefactor_per_s;
    fields[kVineyardAtoms] = static_cast<double>(atoms.size());
    fields[kImaginaryTHz] = forward.imaginary_frequency_THz;
  } else {
    keep_default(forward.valid ? reverse.failure : forward.failure);
  }
}

}  // namespace

std::vector<double> checked_neb_fields(const HopConfiguration &hop, const EndStateCheck &left_its_sites,
                                       const std::string &label, const std::vector<std::string> &elements,
                                       const std::vector<double> &element_masses_amu, const potential::EamModel &model,
                                       const BarrierConfig &config, std::string &failure) {
  {
    // End points first on the C++ model of the same potential: an adatom that slides to another
    // site, or two atoms that meet (the C++ model throws; the caller records it), must be caught
    // here, because an error inside LAMMPS ends the whole process.
    const EnergySurface cpp = eam_energy_surface(model, hop.structure);
    for (const Eigen::VectorXd *placed : {&hop.initial_A, &hop.final_A}) {
      Eigen::VectorXd x = *placed;
      minimize(cpp, x, hop.mobile, config.neb.max_force_eV_A, config.neb.max_steps);
      const std::string left = left_its_sites(*placed, x);
      if (!left.empty()) {
        failure = left + " (C++ model, before the NEB)";
        std::vector<double> fields(kFieldCount, 0.0);
        fields[kLeftSites] = 1.0;
        return fields;
      }
    }
  }
  LammpsEnergySurface lammps(hop.structure, elements, config.database_path, MPI_COMM_SELF);
  NebResult r = run_neb(lammps.surface(), hop.initial_A, hop.final_A, hop.mobile, config.neb);
  if (!r.converged) {
    // A band that is too coarse for a curved path lets the climbing image hop between two
    // images; one retry with a finer band (the reason of the first attempt stays in the log).
    NebSettings finer = config.neb;
    finer.intermediate_images = 2 * config.neb.intermediate_images + 1;
    std::fprintf(stderr, "anodekmc barriers: %s: %s; retrying with %d images\n", label.c_str(),
                 r.failure.c_str(), finer.intermediate_images);
    r = run_neb(lammps.surface(), hop.initial_A, hop.final_A, hop.mobile, finer);
  }
  failure = r.failure;
  std::vector<double> fields(kFieldCount, 0.0);
  fields[kForward] = r.barrier_eV;
  fields[kReverse] = r.reverse_barrier_eV;
  fields[kConverged] = r.converged ? 1.0 : 0.0;
  fields[kMaxForce] = r.max_force_eV_A;
  fields[kSteps] = static_cast<double>(r.steps);
  if (r.converged) {
    // A converged band between end states that are not the key's (an adatom slid to another
    // site while they relaxed) would be filed under the wrong key: not written.
    std::string left = left_its_sites(hop.initial_A, r.images.front());
    if (left.empty()) left = left_its_sites(hop.final_A, r.images.back());
    if (!left.empty()) {
      failure = left;
      fields[kConverged] = 0.0;
      fields[kLeftSites] = 1.0;
      return fields;
    }
  }
  if (config.vineyard && r.converged) vineyard_fields(lammps.surface(), r, hop, label, element_masses_amu, config, fields);
  return fields;
}

}  // namespace anodekmc::barriers
