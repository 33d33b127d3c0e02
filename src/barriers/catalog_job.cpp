#include "barriers/catalog_job.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "barriers/catalog_writer.hpp"
#include "barriers/checked_neb.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/hop_configuration.hpp"
#include "barriers/hop_configuration_bcc110.hpp"
#include "barriers/hop_configuration_fcc111.hpp"
#include "barriers/solute_paths.hpp"
#include "barriers/step_hop.hpp"
#include "core/atomic_file.hpp"
#include <anodekmc/version.hpp>
#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"
#include "potential/material_properties.hpp"

namespace anodekmc::barriers {

namespace {

// The catalog.json record of one checked NEB path: its two barriers under the given names, its
// convergence, and the end-state and failure flags when they apply.
nlohmann::json neb_path_record(const double *f, const char *forward_name, const char *reverse_name) {
  nlohmann::json record = {{forward_name, f[kForward]},
                           {reverse_name, f[kReverse]},
                           {"converged", f[kConverged] > 0.5},
                           {"max_force_eV_A", f[kMaxForce]},
                           {"steps", static_cast<int>(f[kSteps])}};
  if (f[kLeftSites] > 0.5) record["end_state_left_its_sites"] = true;
  if (f[kFailed] > 0.5) record["failed"] = true;
  return record;
}

std::string key_text(const HopKey &k) {
  return std::to_string(k.n_initial) + "," + std::to_string(k.n_final) + "," + k.step + "," + k.moving + "," +
         k.below_initial + "," + k.below_final;
}

// Runs `count` NEB tasks round-robin over the ranks (task i on rank i mod ranks) and sums their
// fields on rank 0 (all zeros elsewhere). compute(i, failure) returns kFieldCount numbers
// (checked_neb.hpp); a task that throws (atoms met while relaxing) is recorded as failed and
// does not stop the others; label(i) names it in messages and report(i, fields) writes its
// progress line.
template <class Compute, class Label, class Report>
std::vector<double> run_neb_tasks(std::size_t count, int rank, int ranks, MPI_Comm comm, Compute compute, Label label,
                                  Report report) {
  std::vector<double> mine(count * kFieldCount, 0.0), all(count * kFieldCount, 0.0);
  for (std::size_t i = static_cast<std::size_t>(rank); i < count; i += static_cast<std::size_t>(ranks)) {
    std::string failure;
    std::vector<double> f(kFieldCount, 0.0);
    try {
      f = compute(i, failure);
    } catch (const std::exception &e) {
      failure = e.what();
      f.assign(kFieldCount, 0.0);
      f[kFailed] = 1.0;
    }
    std::copy(f.begin(), f.end(), mine.begin() + static_cast<long>(i * kFieldCount));
    if (!failure.empty()) std::fprintf(stderr, "anodekmc barriers: %s: %s\n", label(i).c_str(), failure.c_str());
    report(i, f.data());
  }
  if (count > 0)
    MPI_Reduce(mine.data(), all.data(), static_cast<int>(mine.size()), MPI_DOUBLE, MPI_SUM, 0, comm);
  return all;
}

// The facet's hop builder and enumeration (barrier_config.cpp admits only these facets).
HopConfiguration build_flat_hop(const Slab &slab, const std::string &facet, const HopKey &key,
                                const std::vector<std::string> &elements) {
  if (facet == "bcc110") return build_flat_hop_bcc110(slab, key, elements);
  if (facet == "fcc111") return build_flat_hop_fcc111(slab, key, elements);
  return build_flat_hop_bcc100(slab, key, elements);
}

std::vector<HopKey> enumerate_flat_hops(const std::string &facet, const std::string &moving,
                                        const std::vector<std::string> &substrate, std::size_t limit) {
  if (facet == "bcc110") return enumerate_flat_hops_bcc110(moving, substrate, limit);
  if (facet == "fcc111") return enumerate_flat_hops_fcc111(moving, substrate, limit);
  return enumerate_flat_hops_bcc100(moving, substrate, limit);
}

// Where an adatom can sit on the slab: the sites the hop builders use, plus the fcc(111) hcp
// hollows, so an adatom that slid from its fcc hollow into a neighbouring hcp hollow is caught
// by the end-state check (the hcp hollow is equidistant from three fcc hollows).
std::vector<Eigen::Vector3d> adsorption_sites(const Slab &slab) {
  std::vector<Eigen::Vector3d> sites = slab.adatom_sites_A;
  sites.insert(sites.end(), slab.hcp_sites_A.begin(), slab.hcp_sites_A.end());
  return sites;
}

// A flat hop of the facet: adatoms checked against the sites of the surface plane.
std::vector<double> flat_neb_fields(const Slab &slab, const HopKey &key, const std::vector<std::string> &elements,
                                    const std::vector<double> &element_masses_amu, const potential::EamModel &model,
                                    const BarrierConfig &config, std::string &failure) {
  const HopConfiguration hop = build_flat_hop(slab, config.slab.facet, key, elements);
  const double wx = hop.structure.cell_A(0, 0), wy = hop.structure.cell_A(1, 1);
  const std::vector<Eigen::Vector3d> sites = adsorption_sites(slab);
  const EndStateCheck check = [&](const Eigen::VectorXd &placed, const Eigen::VectorXd &relaxed) {
    return end_state_left_its_sites(placed, relaxed, slab.structure.size(), sites, wx, wy);
  };
  return checked_neb_fields(hop, check, key_text(key), elements, element_masses_amu, model, config, failure);
}

// A step hop (bcc(100), bcc(110)): strip atoms and adatom checked against the sites of both levels.
std::vector<double> step_neb_fields(const StepHop &step, const std::vector<std::string> &elements,
                                    const std::vector<double> &element_masses_amu, const potential::EamModel &model,
                                    const BarrierConfig &config, std::string &failure) {
  const HopConfiguration &hop = step.configuration;
  const double wx = hop.structure.cell_A(0, 0), wy = hop.structure.cell_A(1, 1);
  const EndStateCheck check = [&](const Eigen::VectorXd &placed, const Eigen::VectorXd &relaxed) {
    return end_state_left_its_sites_3d(placed, relaxed, step.first_added_atom, step.sites_A, wx, wy);
  };
  return checked_neb_fields(hop, check, key_text(step.key), elements, element_masses_amu, model, config, failure);
}

}  // namespace

CatalogJobSummary run_catalog_job(const BarrierConfig &config, const std::string &config_text, MPI_Comm comm,
                                  std::ostream *progress) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const potential::EamDatabase db = potential::EamDatabase::read(config.database_path);
  const std::vector<std::string> elements = barrier_elements(config.host, config.solutes, config.moving);
  const potential::EamModel model(db, elements);  // throws for an element the database lacks
  const std::vector<double> masses_amu = element_masses_amu(db, elements);
  const double cutoff_A = model.max_cutoff_A();  // largest density or pair cutoff of these elements


  SlabSpec spec = config.slab;
  std::string lattice_constant_source = "config";
  if (!(spec.lattice_constant_A > 0)) {
    const auto *host = db.find_element(config.host);
    spec.lattice_constant_A = host->lattice_constant_A;
    lattice_constant_source = "database (" + host->reference_structure + " reference structure)";
    if (spec.facet == "fcc111" && host->reference_structure != "fcc") {
      // A facet of a structure the host does not take (the "Li(111)-like" fcc facet of bcc Li):
      // the lattice constant of the fcc energy minimum under the same potential (volume
      // relaxed, pure-C++ model of the same functions LAMMPS evaluates;
      // potential/material_properties.hpp). Starting guess: the same atomic volume as the
      // reference structure's (fcc a = 2^(1/3) bcc a).
      double a_min = 0, c_over_a = 1.0;
      potential::relaxed_element_energy_eV(model, "fcc", 0, std::cbrt(2.0) * spec.lattice_constant_A, a_min, c_over_a);
      spec.lattice_constant_A = a_min;
      lattice_constant_source = "fcc energy minimum of the potential (host reference structure " +
                                host->reference_structure + ")";
    }
  }
  if (spec.cells_x == 0) choose_cells_from_cutoff(spec, cutoff_A);
  const Slab slab = build_slab(spec, 2.0 * cutoff_A);

  std::vector<std::string> substrate = {config.host};
  for (const std::string &s : config.solutes)
    if (s != config.host) substrate.push_back(s);
  const std::vector<HopKey> keys = enumerate_flat_hops(spec.facet, config.moving, substrate, config.max_environments);
  const std::size_t n = keys.size();

  const std::vector<double> all = run_neb_tasks(
      n, rank, ranks, comm,
      [&](std::size_t i, std::string &failure) {
        return flat_neb_fields(slab, keys[i], elements, masses_amu, model, config, failure);
      },
      [&](std::size_t i) { return key_text(keys[i]); },
      [&](std::size_t i, const double *f) {
        if (!progress) return;
        *progress << "  [" << i + 1 << "/" << n << "] " << key_text(keys[i]) << ": " << f[kForward] << " eV forward, "
                  << f[kReverse] << " eV reverse" << (f[kConverged] > 0 ? "" : " (NOT converged)");
        if (f[kPrefactorForward] > 0)
          *progress << ", Vineyard " << f[kPrefactorForward] << " / " << f[kPrefactorReverse] << " 1/s ("
                    << f[kVineyardAtoms] << " atoms)";
        *progress << std::endl;
      });

  // Steps (bcc(100), bcc(110); barrier_config.cpp checks): the step-down NEB of each path on the
  // strip slab (the flat slab widened across the step by the strip, so the lower terrace is as
  // wide as the flat slab: step_slab_spec), shared over the ranks like the environments.
  const std::size_t n_paths = config.steps ? config.step_paths.size() : 0;
  const SlabSpec step_spec = step_slab_spec(spec, config.step_rows);
  std::vector<double> step_all(n_paths * kFieldCount, 0.0);
  HopKey step_key;
  if (n_paths > 0) {
    const Slab step_slab = build_slab(step_spec, 2.0 * cutoff_A);
    step_key = build_step_down(spec.facet, step_slab, config.step_rows, StepPath::kHop, elements).key;
    const auto label = [&](std::size_t p) {
      return key_text(step_key) + " (step " + step_path_name(config.step_paths[p]) + ")";
    };
    step_all = run_neb_tasks(
        n_paths, rank, ranks, comm,
        [&](std::size_t p, std::string &failure) {
          const StepHop step = build_step_down(spec.facet, step_slab, config.step_rows, config.step_paths[p], elements);
          return step_neb_fields(step, elements, masses_amu, model, config, failure);
        },
        label,
        [&](std::size_t p, const double *f) {
          if (progress)
            *progress << "  [step " << p + 1 << "/" << n_paths << "] " << label(p) << ": " << f[kForward] << " eV down, "
                      << f[kReverse] << " eV up" << (f[kConverged] > 0 ? "" : " (NOT converged)") << std::endl;
        });
  }

  // Exchange (config.exchange): the flat exchange path of the moving species with each substrate
  // species (exchange_hop.hpp), shared over the ranks like the environments. Not catalog rows:
  // with a solute it is the kMC's alloying exchange (model.exchange_barrier_eV); with the host
  // it moves the adatom to a farther site, which the kMC nets have no event for.
  const std::size_t n_exchange = config.exchange ? substrate.size() : 0;
  const int moving_species = species_index(elements, config.moving);
  const auto exchange_label = [&](std::size_t p) { return config.moving + " exchange with " + substrate[p]; };
  const std::vector<double> exchange_all = run_neb_tasks(
      n_exchange, rank, ranks, comm,
      [&](std::size_t p, std::string &failure) {
        return checked_exchange_neb_fields(slab, moving_species, species_index(elements, substrate[p]), elements,
                                           masses_amu, model, config, failure);
      },
      exchange_label,
      [&](std::size_t p, const double *f) {
        if (progress)
          *progress << "  [exchange " << p + 1 << "/" << n_exchange << "] " << exchange_label(p) << ": " << f[kForward]
                    << " eV forward, " << f[kReverse] << " eV reverse" << (f[kConverged] > 0 ? "" : " (NOT converged)")
                    << std::endl;
      });

  // Slab-size check: the bare hop again on a slab one cell wider (rank 0 only).
  CatalogJobSummary summary;
  summary.environments = n;
  double wider_barrier = NAN;
  if (rank == 0 && config.check_slab_size && n > 0) {
    SlabSpec wider = spec;
    wider.cells_x = spec.cells_x + 1;
    wider.cells_y = spec.cells_y + 1;
    std::string failure;
    wider_barrier =
        flat_neb_fields(build_slab(wider), keys[0], elements, masses_amu, model, config, failure)[kForward];
    summary.slab_size_change_eV = wider_barrier - all[kForward];
    if (progress)
      *progress << "  slab size check: " << key_text(keys[0]) << " " << all[kForward] << " eV on " << spec.cells_x
                << "x" << spec.cells_y << " cells, " << wider_barrier << " eV on " << wider.cells_x << "x"
                << wider.cells_y << " (change " << summary.slab_size_change_eV << " eV)" << std::endl;
  }
  if (rank != 0) return summary;

  std::vector<CatalogRow> rows;
  nlohmann::json environments = nlohmann::json::array();
  char method[160], vineyard_method[160];
  std::snprintf(method, sizeof method, "CI-NEB on LAMMPS eam/analytic %dx%dx%d slab; prefactor default %.3g 1/s",
                spec.cells_x, spec.cells_y, spec.layers, config.prefactor_per_s);
  std::snprintf(vineyard_method, sizeof vineyard_method,
                "CI-NEB on LAMMPS eam/analytic %dx%dx%d slab; prefactor Vineyard (atoms within %.2f A)", spec.cells_x,
                spec.cells_y, spec.layers, config.vineyard_settings.radius_A);
  for (std::size_t i = 0; i < n; ++i) {
    const double *f = &all[i * kFieldCount];
    const bool converged = f[kConverged] > 0.5;
    environments.push_back(neb_path_record(f, "forward_barrier_eV", "reverse_barrier_eV"));
    environments.back()["key"] = key_text(keys[i]);
    const bool has_vineyard = f[kPrefactorForward] > 0 && f[kPrefactorReverse] > 0;
    if (has_vineyard)
      environments.back()["vineyard"] = {{"prefactor_forward_per_s", f[kPrefactorForward]},
                                         {"prefactor_reverse_per_s", f[kPrefactorReverse]},
                                         {"atoms", static_cast<int>(f[kVineyardAtoms])},
                                         {"imaginary_frequency_THz", f[kImaginaryTHz]}};
    if (f[kSaddleCheck] > 0.5) {
      // checked_neb.hpp: the outcome of refining the climbing image (Vineyard prefactors only).
      static const char *const kOutcome[] = {"", "joins the end states", "joins an end state to an intermediate minimum",
                                             "refinement failed", "climbing image relaxes into an intermediate minimum"};
      const int outcome = static_cast<int>(f[kSaddleCheck] + 0.5);
      nlohmann::json saddle = {{"outcome", kOutcome[outcome]}};
      if (outcome == 1 || outcome == 2) {
        saddle["forward_barrier_eV"] = f[kRefinedForward];
        saddle["reverse_barrier_eV"] = f[kRefinedReverse];
      }
      if (outcome == 2 || outcome == 4) saddle["intermediate_minimum_eV"] = f[kIntermediateEV];
      environments.back()["refined_saddle"] = saddle;
    }
    if (!converged) continue;  // not written: the kMC run falls back to bond counting and says so
    ++summary.converged;
    const std::string row_method = has_vineyard ? vineyard_method : method;
    rows.push_back({keys[i], f[kForward], has_vineyard ? f[kPrefactorForward] : config.prefactor_per_s, row_method});
    const HopKey back = reversed(keys[i]);
    if (key_text(back) != key_text(keys[i]))
      rows.push_back({back, f[kReverse], has_vineyard ? f[kPrefactorReverse] : config.prefactor_per_s,
                      row_method + std::string(" (reverse)")});
  }
  // Step rows: per key the lower barrier of the converged paths (the kMC has one rate per key;
  // the faster path dominates it). Down and up come from the same NEB, so one path wins both.
  nlohmann::json steps_record = nlohmann::json::object();
  if (n_paths > 0) {
    int best = -1;
    nlohmann::json paths_record = nlohmann::json::array();
    for (std::size_t p = 0; p < n_paths; ++p) {
      const double *f = &step_all[p * kFieldCount];
      const bool converged = f[kConverged] > 0.5;
      paths_record.push_back(neb_path_record(f, "down_barrier_eV", "up_barrier_eV"));
      paths_record.back()["path"] = step_path_name(config.step_paths[p]);
      if (converged && (best < 0 || f[kForward] < step_all[static_cast<std::size_t>(best) * kFieldCount + kForward]))
        best = static_cast<int>(p);
    }
    steps_record = {{"facet", spec.facet},
                    {"strip_rows", config.step_rows},
                    {"slab_cells", {step_spec.cells_x, step_spec.cells_y}},
                    {"key_down", key_text(step_key)},
                    {"key_up", key_text(reversed(step_key))},
                    {"paths", paths_record}};
    if (best >= 0) {
      const double *f = &step_all[static_cast<std::size_t>(best) * kFieldCount];
      const std::string path = step_path_name(config.step_paths[static_cast<std::size_t>(best)]);
      char step_method[200];
      std::snprintf(step_method, sizeof step_method,
                    "CI-NEB on LAMMPS eam/analytic %dx%dx%d slab with a %d-row strip; step %s path (lowest of %zu); "
                    "prefactor default %.3g 1/s",
                    step_spec.cells_x, step_spec.cells_y, step_spec.layers, config.step_rows, path.c_str(), n_paths,
                    config.prefactor_per_s);
      rows.push_back({step_key, f[kForward], config.prefactor_per_s, step_method});
      rows.push_back({reversed(step_key), f[kReverse], config.prefactor_per_s, step_method + std::string(" (reverse)")});
      steps_record["chosen_path"] = path;
      steps_record["down_barrier_eV"] = f[kForward];
      steps_record["up_barrier_eV"] = f[kReverse];
      // Ehrlich-Schwoebel barrier: step-down minus the bare flat hop over host atoms.
      for (std::size_t i = 0; i < n; ++i)
        if (keys[i].n_initial == 0 && keys[i].n_final == 0 && keys[i].below_initial == config.host &&
            keys[i].below_final == config.host && all[i * kFieldCount + kConverged] > 0.5) {
          steps_record["ehrlich_schwoebel_eV"] = f[kForward] - all[i * kFieldCount + kForward];
          if (progress)
            *progress << "  Ehrlich-Schwoebel barrier: step-down " << f[kForward] << " eV (" << path << ") - flat "
                      << all[i * kFieldCount + kForward] << " eV = " << f[kForward] - all[i * kFieldCount + kForward]
                      << " eV" << std::endl;
        }
      if (config.check_slab_size) {
        // The same path on a strip one row wider, a lower terrace at least one row wider and
        // one cell more along the step.
        SlabSpec larger = step_slab_spec(step_spec, 2);
        if (spec.facet == "bcc110") ++larger.cells_x;
        else ++larger.cells_y;
        std::string failure;
        const StepHop step = build_step_down(spec.facet, build_slab(larger), config.step_rows + 1,
                                             config.step_paths[static_cast<std::size_t>(best)], elements);
        const std::vector<double> g = step_neb_fields(step, elements, masses_amu, model, config, failure);
        steps_record["slab_size_check"] = {{"slab_cells", {larger.cells_x, larger.cells_y}},
                                           {"strip_rows", config.step_rows + 1},
                                           {"converged", g[kConverged] > 0.5},
                                           {"down_barrier_eV", g[kForward]},
                                           {"change_eV", g[kForward] - f[kForward]}};
        if (progress)
          *progress << "  step slab size check (" << path << "): " << f[kForward] << " eV on " << step_spec.cells_x
                    << "x" << step_spec.cells_y << " cells with " << config.step_rows << " rows, " << g[kForward]
                    << " eV on " << larger.cells_x << "x" << larger.cells_y << " with " << config.step_rows + 1
                    << " rows (change " << g[kForward] - f[kForward] << " eV"
                    << (g[kConverged] > 0.5 ? "" : ", NOT converged") << ")" << std::endl;
      }
    }
  }
  summary.rows = rows.size();

  std::vector<std::string> provenance = {
      "anodekmc barriers " + std::string(kVersion) + " (git " + kGitSha + ")",
      "config " + config.source_path,
      "potential " + db.potential_id + " (" + config.database_path + ")",
      "facet " + spec.facet + ", a = " + std::to_string(spec.lattice_constant_A) + " A (" + lattice_constant_source +
          "), slab " +
          std::to_string(spec.cells_x) + "x" + std::to_string(spec.cells_y) + "x" + std::to_string(spec.layers) +
          " (" + std::to_string(spec.fixed_layers) + " fixed), vacuum " + std::to_string(spec.vacuum_A) + " A",
      "NEB: " + std::to_string(config.neb.intermediate_images) + " images, spring " +
          std::to_string(config.neb.spring_eV_A2) + " eV/A^2, max force " + std::to_string(config.neb.max_force_eV_A) +
          " eV/A, climbing image",
      std::to_string(summary.converged) + " of " + std::to_string(n) +
          " environments converged (with both end states on the key's sites)",
      n_paths == 0 ? "steps: none"
                   : "steps: " + spec.facet + " strip (" + (spec.facet == "bcc110" ? "[001]" : "[010]") +
                         " steps) of " + std::to_string(config.step_rows) + " rows on " +
                         std::to_string(step_spec.cells_x) + "x" + std::to_string(step_spec.cells_y) + "x" +
                         std::to_string(step_spec.layers) + " cells, step-down and step-up rows from the lowest of " +
                         std::to_string(n_paths) + " paths (hop over the edge, exchange with the edge atom)",
      config.vineyard ? "prefactors: harmonic TST (Vineyard), finite-difference Hessians (step " +
                            std::to_string(config.vineyard_settings.displacement_A) + " A) of the free atoms within " +
                            std::to_string(config.vineyard_settings.radius_A) + " A of the moving atom"
                      : "prefactors: " + std::to_string(config.prefactor_per_s) + " 1/s for every row"};
  nlohmann::json record = {{"anodekmc_version", kVersion},
                           {"git_sha", kGitSha},
                           {"config_file", config.source_path},
                           {"config", config_text},
                           {"potential_id", db.potential_id},
                           {"database", config.database_path},
                           {"facet", spec.facet},
                           {"lattice_constant_A", spec.lattice_constant_A},
                           {"lattice_constant_source", lattice_constant_source},
                           {"slab_cells", {spec.cells_x, spec.cells_y}},
                           {"slab_layers", spec.layers},
                           {"fixed_layers", spec.fixed_layers},
                           {"vacuum_A", spec.vacuum_A},
                           {"cutoff_A", cutoff_A},
                           {"neb", {{"images", config.neb.intermediate_images},
                                    {"spring_eV_A2", config.neb.spring_eV_A2},
                                    {"max_force_eV_A", config.neb.max_force_eV_A},
                                    {"climbing_image", true}}},
                           {"prefactor_per_s", config.prefactor_per_s},
                           {"prefactor", config.vineyard ? "vineyard" : "default"},
                           {"vineyard_radius_A", config.vineyard_settings.radius_A},
                           {"hessian_step_A", config.vineyard_settings.displacement_A},
                           {"mpi_ranks", ranks},
                           {"environments", environments}};
  if (n_paths > 0) record["steps"] = steps_record;
  if (n_exchange > 0) {
    nlohmann::json exchange = nlohmann::json::array();
    std::string kmc_keys;
    for (std::size_t p = 0; p < n_exchange; ++p) {
      const double *f = &exchange_all[p * kFieldCount];
      const bool converged = f[kConverged] > 0.5;
      exchange.push_back(neb_path_record(f, "forward_barrier_eV", "reverse_barrier_eV"));
      exchange.back()["adatom"] = config.moving;
      exchange.back()["pushed"] = substrate[p];
      if (!converged) continue;
      char item[160];
      if (substrate[p] == config.moving) {
        // The kMC's diagonal move on the square net; bcc(110) has no such event.
        if (spec.facet == "bcc100")
          std::snprintf(item, sizeof item, "%s-%s self-exchange %.4f eV: model.self_exchange_barrier_eV = %s:%.4f",
                        config.moving.c_str(), substrate[p].c_str(), f[kForward], config.moving.c_str(), f[kForward]);
        else
          std::snprintf(item, sizeof item, "%s-%s self-exchange %.4f eV (no kMC event on %s)", config.moving.c_str(),
                        substrate[p].c_str(), f[kForward], spec.facet.c_str());
        record["self_exchange_barrier_eV"] = f[kForward];
        provenance.push_back(std::string("exchange: ") + item);
      } else {
        // Forward: the adatom enters the surface and the solute comes up (moving@solute);
        // reverse: a solute adatom pushes the moving species back up (solute@moving).
        std::snprintf(item, sizeof item, " %s@%s:%.4f %s@%s:%.4f", config.moving.c_str(), substrate[p].c_str(),
                      f[kForward], substrate[p].c_str(), config.moving.c_str(), f[kReverse]);
        kmc_keys += item;
      }
    }
    record["exchange"] = exchange;
    if (!kmc_keys.empty()) {
      record["exchange_kmc_keys"] = "model.exchange_barrier_eV =" + kmc_keys;
      provenance.push_back("exchange (alloying, not rows): model.exchange_barrier_eV =" + kmc_keys);
    }
  }
  if (std::isfinite(wider_barrier))
    record["slab_size_check"] = {{"cells", spec.cells_x + 1},
                                 {"cells_y", spec.cells_y + 1},
                                 {"bare_barrier_eV", wider_barrier},
                                 {"change_eV", summary.slab_size_change_eV}};
  try {
    const BondCountingFit fit = fit_bond_counting(rows);
    nlohmann::json base = nlohmann::json::object();
    std::string kmc_keys = "model.base_barrier_eV =";
    for (const auto &[pair, value] : fit.base_barrier_eV) {
      base[pair.first + "@" + pair.second] = value;
      char item[64];
      std::snprintf(item, sizeof item, " %s@%s:%.4f", pair.first.c_str(), pair.second.c_str(), value);
      kmc_keys += item;
    }
    record["bond_counting_fit"] = {{"base_barrier_eV", base}, {"bond_eV", fit.bond_eV},
                                   {"rms_residual_eV", fit.rms_residual_eV}, {"rows", fit.rows}};
    char bond[160];
    std::snprintf(bond, sizeof bond, "model.bond_eV = %.4f", fit.bond_eV);
    if (std::isfinite(fit.ehrlich_schwoebel_eV) && std::isfinite(fit.up_step_eV)) {
      // The step rows' barriers minus the flat part of the fit: the kMC's step terms for step
      // hops the catalog has no row for.
      std::snprintf(bond, sizeof bond, "model.bond_eV = %.4f; model.ehrlich_schwoebel_eV = %.4f; model.up_step_eV = %.4f",
                    fit.bond_eV, fit.ehrlich_schwoebel_eV, fit.up_step_eV);
      record["bond_counting_fit"]["ehrlich_schwoebel_eV"] = fit.ehrlich_schwoebel_eV;
      record["bond_counting_fit"]["up_step_eV"] = fit.up_step_eV;
    }
    provenance.push_back("bond-counting fallback fitted to the rows: " + kmc_keys + "; " + bond);
    if (progress) *progress << "  bond-counting fit: " << kmc_keys << ", " << bond << " (rms " << fit.rms_residual_eV
                            << " eV)" << std::endl;
  } catch (const std::invalid_argument &e) {
    record["bond_counting_fit"] = {{"not_fitted", e.what()}};
  }
  std::filesystem::create_directories(config.output_folder);
  const std::filesystem::path out = config.output_folder;
  write_file_atomic((out / "catalog.json").string(), record.dump(2) + "\n");
  write_file_atomic((out / "catalog.csv").string(), catalog_text(provenance, rows));
  return summary;
}

}  // namespace anodekmc::barriers
