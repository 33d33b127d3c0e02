#include "barriers/checked_neb.hpp"

#include <algorithm>
#include <cstdio>

#include "barriers/eam_surface.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/lammps_energy_surface.hpp"
#include "barriers/neb.hpp"
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
  std::vector<double> fields = {r.barrier_eV, r.reverse_barrier_eV, r.converged ? 1.0 : 0.0, r.max_force_eV_A,
                                static_cast<double>(r.steps), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
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
  if (config.vineyard && r.converged) {
    // Forward: initial minimum over the saddle; reverse: final minimum over the same saddle,
    // with the same atoms (those near the moving atom at either end or at the saddle).
    const Eigen::VectorXd &saddle = r.images[static_cast<std::size_t>(r.highest_image)];
    std::vector<std::size_t> atoms =
        atoms_near(r.images.front(), saddle, hop.moving_atom, config.vineyard_settings.radius_A, hop.mobile);
    for (std::size_t a : atoms_near(r.images.back(), saddle, hop.moving_atom, config.vineyard_settings.radius_A, hop.mobile))
      if (std::find(atoms.begin(), atoms.end(), a) == atoms.end()) atoms.push_back(a);
    std::vector<double> masses;
    for (int species : hop.structure.species) masses.push_back(element_masses_amu.at(static_cast<std::size_t>(species)));
    const VineyardResult forward =
        vineyard_prefactor(lammps.surface(), r.images.front(), saddle, atoms, masses, config.vineyard_settings);
    const VineyardResult reverse =
        vineyard_prefactor(lammps.surface(), r.images.back(), saddle, atoms, masses, config.vineyard_settings);
    if (forward.valid && reverse.valid) {
      fields[kPrefactorForward] = forward.prefactor_per_s;
      fields[kPrefactorReverse] = reverse.prefactor_per_s;
      fields[kVineyardAtoms] = static_cast<double>(atoms.size());
      fields[kImaginaryTHz] = forward.imaginary_frequency_THz;
    } else {
      std::fprintf(stderr, "anodekmc barriers: %s: Vineyard prefactor not computed (%s); the row gets %.3g 1/s\n",
                   label.c_str(), (forward.valid ? reverse.failure : forward.failure).c_str(),
                   config.prefactor_per_s);
    }
  }
  return fields;
}

}  // namespace anodekmc::barriers
