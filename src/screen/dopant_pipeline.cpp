#include "screen/dopant_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "barriers/barrier_config.hpp"
#include "barriers/catalog_job.hpp"
#include "barriers/segregation_energy_config.hpp"
#include "barriers/segregation_energy_job.hpp"
#include "barriers/solute_paths.hpp"
#include "barriers/step_hop.hpp"
#include "barriers/slab_builder.hpp"
#include "barriers/slab_relaxer.hpp"
#include "kmc/barrier_catalog.hpp"
#include "lattice/surface_net.hpp"
#include "lammps/crystal_relaxer.h"
#include "potential/eam_database.hpp"
#include "segregation/complexion_label.hpp"
#include "segregation/multilayer_mean_field.hpp"
#include "segregation/slab_lattice.hpp"
#include "table/arrhenius_fit.hpp"
#include "table/diffusion_measurement.hpp"

namespace anodekmc::screen {

namespace fs = std::filesystem;
using nlohmann::json;

std::uint64_t row_seed(std::uint64_t seed, const std::string &element) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a of the symbol
  for (unsigned char c : element) h = (h ^ c) * 1099511628211ull;
  return (seed ^ h) & ((std::uint64_t(1) << 62) - 1);
}

namespace {

double cutoff_A(const potential::EamDatabase &db) {
  double m = 0;
  for (const auto &e : db.elements) m = std::max(m, db.cutoff_end_factor * e.zjw.r_e_A);
  return m;
}

// The equivalent stand-alone config text of a stage (provenance: the stage can be rerun alone).
std::string segregation_config_text(const barriers::SegregationEnergyConfig &c) {
  std::ostringstream o;
  o << "# written by anodekmc screen: the segregation stage as a stand-alone `anodekmc segregate energies` config\n"
    << "[system]\ndatabase = " << fs::absolute(c.database_path).string() << "\nhost = " << c.host << "\ndopant = " << c.dopant
    << "\nfacet = " << c.facet << "\n[slab]\nsurface_layers = " << c.surface_layers << "\nslab_layers = " << c.slab_layers
    << "\ncheck_slab_size = " << (c.check_slab_size ? "yes" : "no") << "\n[output]\nfolder = " << c.output_folder << "\n";
  return o.str();
}

std::string barrier_config_text(const barriers::BarrierConfig &c) {
  std::ostringstream o;
  o << "# written by anodekmc screen: the barrier stage as a stand-alone `anodekmc barriers` config\n"
    << "[barriers]\ndatabase = " << fs::absolute(c.database_path).string() << "\nhost = " << c.host << "\nmoving = " << c.moving;
  if (!c.solutes.empty()) o << "\nsolutes = " << c.solutes.front();
  o << "\nfacet = " << c.slab.facet << "\nlayers = " << c.slab.layers << "\nfixed_layers = " << c.slab.fixed_layers
    << "\nvacuum_A = " << c.slab.vacuum_A << "\nmax_environments = " << c.max_environments
    << "\ncheck_slab_size = " << (c.check_slab_size ? "yes" : "no") << "\nprefactor_per_s = " << c.prefactor_per_s
    << "\n[neb]\nimages = " << c.neb.intermediate_images << "\nspring_eV_A2 = " << c.neb.spring_eV_A2
    << "\nmax_force_eV_A = " << c.neb.max_force_eV_A << "\n[output]\nfolder = " << c.output_folder << "\n";
  return o.str();
}

// One NEB path in a row's details: barriers only where the band converged.
json path_record(const barriers::PathBarrier &b) {
  json r = {{"converged", b.converged}, {"max_force_eV_A", b.max_force_eV_A}};
  r["forward_eV"] = b.converged ? json(b.forward_eV) : json(nullptr);
  r["reverse_eV"] = b.converged ? json(b.reverse_eV) : json(nullptr);
  if (!b.failure.empty()) r["failure"] = b.failure;
  return r;
}

// Barrier of the bare flat hop (no lateral neighbours) of an atom of species `moving` (the host
// by default) over the substrate species `below_initial` -> `below_final`, read with the kMC
// engine's own catalog reader; NaN where the catalog has no such row (its NEB did not converge).
double bare_hop_barrier_eV(const kmc::BarrierCatalog &catalog, int below_initial, int below_final, int moving = 0) {
  kmc::HopEnvironment bare;
  bare.moving = moving;
  bare.below_initial = below_initial;
  bare.below_final = below_final;
  const kmc::CatalogEntry &entry = catalog.entry(bare);
  return entry.present ? entry.barrier_eV : std::numeric_limits<double>::quiet_NaN();
}

class RowComputer {
 public:
  RowComputer(const ScreenConfig &config, std::string element, std::string folder, const StageCallback &on_stage)
      : c_(config),
        element_(std::move(element)),
        folder_(std::move(folder)),
        on_stage_(on_stage),
        db_(potential::EamDatabase::read(config.database_path)),
        baseline_(element_ == config.host) {}

  json run() {
    row_ = {{"element", element_}, {"baseline", baseline_}, {"quick", c_.quick}, {"descriptors", json::object()},
            {"details", json::object()}, {"notes", json::array()}, {"stage_wall_s", json::object()},
            {"inputs", row_inputs_fingerprint(c_)}, {"seed", row_seed(c_.seed, element_)},
            {"complete", true}};
    stage("bulk", [&] { bulk(); });
    stage("segregation", [&] { segregation(); });
    stage("adsorption", [&] { adsorption(); });
    stage("barriers", [&] { barriers(); });
    stage("kmc", [&] { kmc(); });
    return row_;
  }

 private:
  template <class F>
  void stage(const std::string &name, F &&body) {
    if (on_stage_) on_stage_(name);
    const auto start = std::chrono::steady_clock::now();
    // A stage that fails leaves its descriptors out and says why; later stages still run where
    // they can (a failed barrier stage also fails the kMC stage, which needs its catalog). The
    // row is then marked incomplete, so a re-run computes it again.
    try {
      body();
    } catch (const std::exception &e) {
      note(name + " stage failed: " + e.what());
      row_["complete"] = false;
    }
    row_["stage_wall_s"][name] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  json &descriptors() { return row_["descriptors"]; }
  json &details() { return row_["details"]; }
  void note(const std::string &text) { row_["notes"].push_back(text); }
  // LAMMPS types of the relaxations: host, M (the baseline maps both to the host).
  std::vector<std::string> elements() const { return {c_.host, element_}; }
  // Species of the catalog and the kMC: the host (index 0, also the moving atom), then M.
  std::vector<std::string> kmc_species() const {
    return baseline_ ? std::vector<std::string>{c_.host} : std::vector<std::string>{c_.host, element_};
  }

  // Dilute heat of solution: E[host_(N-1) M] - (N-1) e_host - e_M, every structure relaxed
  // (cell and atoms) at zero pressure, M's reference structure that of the database. The same
  // definition as `anodekmc potential report`'s "dilute heat".
  void bulk() {
    CrystalRelaxer relaxer(c_.database_path, MPI_COMM_SELF);
    const double rc = cutoff_A(db_);
    const potential::ElementRecord &host = *db_.find_element(c_.host);
    const potential::PeriodicStructure host_unit = unit_cell(host.reference_structure, host.lattice_constant_A, 0.0, 0);
    const potential::PeriodicStructure host_cell = big_enough(host_unit, 2.0 * rc + 0.5);
    const CrystalRelaxer::Relaxed h = relaxer.relax(host_cell, {c_.host}, "iso");
    const long replicas = std::lround(host_cell.cell_A(0, 0) / host_unit.cell_A(0, 0));
    host_energy_per_atom_eV_ = h.energy_per_atom_eV;
    host_a_A_ = h.lx / static_cast<double>(std::max(1L, replicas));
    details()["host_energy_per_atom_eV"] = host_energy_per_atom_eV_;
    details()["host_lattice_constant_relaxed_A"] = host_a_A_;
    if (baseline_) {
      descriptors()["E_sol_bulk_eV"] = 0.0;
      return;
    }
    const potential::ElementRecord &m = *db_.find_element(element_);
    const potential::PeriodicStructure m_unit = unit_cell(m.reference_structure, m.lattice_constant_A, m.c_over_a, 0);
    const std::string mode = m.reference_structure == "hcp" ? "x 0.0 y 0.0 z 0.0 couple xy" : "iso";
    const double e_m = relaxer.relax(big_enough(m_unit, 2.0 * rc + 0.5), {element_}, mode).energy_per_atom_eV;
    potential::PeriodicStructure s = big_enough(unit_cell(host.reference_structure, host_a_A_, 0.0, 0), 13.0);
    s.species[0] = 1;
    const CrystalRelaxer::Relaxed alloy = relaxer.relax(s, elements(), "iso");
    const double n = alloy.atoms;
    const double heat = alloy.energy_per_atom_eV * n - (n - 1) * host_energy_per_atom_eV_ - e_m;
    descriptors()["E_sol_bulk_eV"] = heat;
    details()["bulk"] = {{"dopant_reference_structure", m.reference_structure},
                         {"dopant_energy_per_atom_eV", e_m},
                         {"supercell_atoms", n}};
  }

  // Layer energies from relaxed slabs, then the mean field at (x_b, T). For the regular-solution
  // bulk reservoir x = 1/(1 + exp[(z w x - dmu)/kT]), the dmu giving the stated x_b is explicit:
  // dmu = kT ln(x_b/(1-x_b)) + z w x_b.
  void segregation() {
    for (const std::string &facet : c_.facets) {
      if (baseline_) {
        descriptors()["excess_per_site_" + facet] = 0.0;
        descriptors()["X_surface_" + facet] = 0.0;
        descriptors()["complexion_" + facet] = "none";
        continue;
      }
      barriers::SegregationEnergyConfig sc;
      sc.source_path = c_.source_path;
      sc.database_path = c_.database_path;
      sc.host = c_.host;
      sc.dopant = element_;
      sc.facet = facet;
      sc.lattice_constant_A = c_.host_lattice_constant_A;
      sc.surface_layers = c_.surface_layers;
      sc.slab_layers = 2 * c_.surface_layers + 5;
      sc.check_slab_size = !c_.quick;
      sc.output_folder = (fs::path(folder_) / ("segregation_" + facet)).string();
      const auto start = std::chrono::steady_clock::now();
      const barriers::SegregationEnergyResult result = barriers::compute_segregation_energies(sc, MPI_COMM_SELF, nullptr);
      barriers::write_segregation_energies(result, segregation_config_text(sc), sc.output_folder, 1,
                                           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      const segregation::LayerEnergies energies = result.table.layer_energies(sc.output_folder + "/energies.csv");
      const segregation::SlabLattice lattice(facet, sc.lattice_constant_A, 4, 4, 2 * c_.mean_field_planes + 1);
      const segregation::MultilayerMeanField field(energies, c_.mean_field_planes, lattice.z_in_plane(),
                                                   lattice.z_between_planes(), true);
      const double kT = segregation::kBoltzmann_eV_per_K * c_.temperature_K;
      const double x_b = c_.bulk_fraction;
      const double dmu = kT * std::log(x_b / (1.0 - x_b)) + lattice.z_bulk() * energies.pair_bulk_eV * x_b;
      // The reservoir is held at the stated x_b. If the lattice model's lowest-Omega bulk at this
      // dmu is another composition (x_b beyond its solubility limit: attractive dopant pairs),
      // the surface is computed against the supersaturated, metastable reservoir, which is what
      // a dopant added at x_b is until it precipitates; the row says so.
      const double x_b_stable = field.bulk_composition(c_.temperature_K, dmu);
      if (std::fabs(x_b_stable - x_b) > 1e-6 * std::max(1.0, x_b))
        note(facet + ": at " + std::to_string(c_.temperature_K) + " K the lattice model's stable bulk at dmu = " +
             std::to_string(dmu) + " eV is x = " + std::to_string(x_b_stable) + " (x_b = " + std::to_string(x_b) +
             " is beyond its solubility limit: bulk pair energy " + std::to_string(energies.pair_bulk_eV) +
             " eV); the surface is computed against the metastable reservoir at x_b");
      // Start from the dilute (McLean, no pair terms) profile: the branch a dilute dopant follows.
      std::vector<double> mclean(static_cast<std::size_t>(c_.mean_field_planes));
      for (int l = 0; l < c_.mean_field_planes; ++l) {
        const double boltzmann = std::exp(-energies.segregation_at_depth_eV(l) / kT);
        mclean[static_cast<std::size_t>(l)] = x_b * boltzmann / (1.0 - x_b + x_b * boltzmann);
      }
      bool converged = false;
      segregation::MeanFieldSolution eq = field.solve_with_reservoir(c_.temperature_K, dmu, x_b, mclean, &converged);
      // The mean field must return to the reservoir below the surface. With repulsive dopant
      // pairs it can instead order plane by plane (alternating planes: a mean-field B2-like
      // instability at x_b, docs/cli_segregate.md), and its excess then measures that artefact,
      // not segregation; fall back to the McLean profile (no pair terms) and say so.
      double deep_deviation = 0.0;
      for (int l = c_.mean_field_planes - 3; l < c_.mean_field_planes; ++l)
        deep_deviation = std::max(deep_deviation, std::fabs(eq.composition[static_cast<std::size_t>(l)] - x_b));
      std::string method = "mean field";
      if (!converged || deep_deviation > 0.01 * x_b) {
        note(facet + ": the mean field " +
             (converged ? "does not return to x_b below the surface (largest deviation " + std::to_string(deep_deviation) +
                              " in the deepest planes: plane-by-plane ordering)"
                        : std::string("did not converge")) +
             "; McLean's isotherm per layer (no pair terms) is used instead");
        method = "McLean";
        eq.composition = mclean;
        eq.x_bulk = x_b;
        eq.excess_per_site = 0.0;
        for (double xl : mclean) eq.excess_per_site += xl - x_b;
      }
      segregation::LabelRule rule;
      rule.threshold = c_.label_threshold;
      descriptors()["E_seg_surface_eV_" + facet] = energies.segregation_at_depth_eV(0);
      descriptors()["excess_per_site_" + facet] = eq.excess_per_site;
      descriptors()["X_surface_" + facet] = eq.composition.front();
      descriptors()["complexion_" + facet] = segregation::complexion_label(eq.composition, eq.x_bulk, rule);
      descriptors()["segregation_model_" + facet] = method;
      details()["segregation_" + facet] = {{"segregation_eV_by_layer", energies.segregation_eV},
                                           {"pair_surface_eV", energies.pair_surface_eV},
                                           {"pair_bulk_eV", energies.pair_bulk_eV},
                                           {"delta_mu_eV", dmu},
                                           {"x_bulk", eq.x_bulk},
                                           {"x_bulk_stable_in_model", x_b_stable},
                                           {"model", method},
                                           {"composition_by_depth", eq.composition}};
    }
  }

  // E_ads = E[slab with M + Li adatom] - E[slab with M] - e_Li(bulk): the adatom in the (100)
  // hollow of which M is one of the four corner atoms; a symmetric slab, every atom relaxed.
  void adsorption() {
    barriers::SlabSpec spec;
    spec.facet = "bcc100";
    spec.lattice_constant_A = c_.host_lattice_constant_A;
    const double rc = cutoff_A(db_);
    spec.cells_x = spec.cells_y = std::max(4, static_cast<int>(std::ceil(2.0 * rc / spec.lattice_constant_A)) + 1);
    spec.layers = c_.quick ? 5 : 7;
    spec.fixed_layers = 0;
    spec.vacuum_A = 15.0;
    barriers::Slab slab = barriers::build_slab(spec, 2.0 * rc);
    const Eigen::Vector3d site = slab.adatom_sites_A.front();
    if (!baseline_) barriers::substitute(slab, {barriers::nearest_atom_in_layer(slab, 0, site.head<2>())}, 1);
    barriers::RelaxSettings relax;
    relax.force_tolerance_eV_A = c_.quick ? 1e-4 : 1e-5;
    barriers::SlabRelaxer relaxer(elements(), c_.database_path, relax, MPI_COMM_SELF);
    const barriers::RelaxedEnergy clean = relaxer.relax(slab.structure);
    barriers::add_adatom(slab, 0, 0);
    const barriers::RelaxedEnergy with_adatom = relaxer.relax(slab.structure);
    const double e_ads = with_adatom.energy_eV - clean.energy_eV - host_energy_per_atom_eV_;
    descriptors()["E_ads_Li_eV"] = e_ads;
    details()["adsorption"] = {{"slab_cells", spec.cells_x},
                               {"slab_layers", spec.layers},
                               {"converged", clean.converged && with_adatom.converged}};
    if (!(clean.converged && with_adatom.converged)) note("adsorption: a relaxation did not reach its force tolerance");
  }

  void barriers() {
    for (const std::string &facet : c_.facets) {
      barriers::BarrierConfig bc;
      bc.source_path = c_.source_path;
      bc.database_path = c_.database_path;
      bc.host = c_.host;
      bc.moving = c_.host;
      if (!baseline_) bc.solutes = {element_};
      bc.slab.facet = facet;
      bc.slab.lattice_constant_A = c_.host_lattice_constant_A;
      bc.slab.layers = 6;
      bc.slab.fixed_layers = 2;
      bc.slab.vacuum_A = 12.0;
      bc.max_environments = facet == "bcc110" ? c_.max_environments_bcc110 : c_.max_environments;
      bc.check_slab_size = !c_.quick;
      bc.exchange = true;  // Li-Li self-exchange and the exchange with M (catalog.json "exchange")
      bc.neb.intermediate_images = c_.neb_images;
      bc.neb.max_force_eV_A = c_.neb_max_force_eV_A;
      bc.output_folder = (fs::path(folder_) / ("barriers_" + facet)).string();
      const barriers::CatalogJobSummary summary =
          barriers::run_catalog_job(bc, barrier_config_text(bc), MPI_COMM_SELF, nullptr);
      const std::vector<std::string> species = kmc_species();
      const lattice::SurfaceNet net = lattice::SurfaceNet::for_facet(facet, bc.slab.lattice_constant_A, 4, 4);
      kmc::BarrierCatalog catalog(kmc::EnvironmentIndex(net.lateral_count(), static_cast<int>(species.size())), species);
      catalog.read(bc.output_folder + "/catalog.csv");
      json d = {{"environments", summary.environments}, {"converged", summary.converged}, {"rows", summary.rows}};
      auto at = [&](int below_initial, int below_final) { return bare_hop_barrier_eV(catalog, below_initial, below_final); };
      const double bare = at(0, 0);
      if (std::isfinite(bare)) {
        descriptors()["E_hop_bare_eV_" + facet] = bare;
        d["bare_hop_eV"] = bare;
      }
      if (!baseline_) {
        // Passing over an M site takes a hop onto it and one off it: the larger barrier limits.
        const double onto = at(0, 1), off = at(1, 0);
        d["hop_onto_M_eV"] = std::isfinite(onto) ? json(onto) : json(nullptr);
        d["hop_off_M_eV"] = std::isfinite(off) ? json(off) : json(nullptr);
        if (std::isfinite(onto) && std::isfinite(off)) descriptors()["E_hop_near_M_eV_" + facet] = std::max(onto, off);
        else note(facet + ": no converged bare hop onto/off " + element_ + " in the catalog");
      } else if (std::isfinite(bare)) {
        descriptors()["E_hop_near_M_eV_" + facet] = bare;  // no dopant: the host hop is the reference
      }
      if (summary.converged < summary.environments)
        note(facet + ": " + std::to_string(summary.environments - summary.converged) + " of " +
             std::to_string(summary.environments) + " NEB environments did not converge (left out of the catalog)");
      paths_near_M(bc, d);
      if (facet == "bcc100") m_adatom_hops(bc, d);
      details()["barriers_" + facet] = d;
    }
  }

  // Exchange next to M (from the catalog job's exchange records) and the step crossing over an M
  // edge atom (barriers/solute_paths.hpp) on each facet; the baseline row has the same paths on
  // the pure host.
  void paths_near_M(const barriers::BarrierConfig &bc, json &d) {
    const std::string &facet = bc.slab.facet;
    std::ifstream in(bc.output_folder + "/catalog.json");
    const json record = json::parse(in);
    json paths = json::object();
    for (const json &e : record.value("exchange", json::array())) {
      const std::string pushed = e.at("pushed").get<std::string>();
      const bool converged = e.at("converged").get<bool>();
      paths[pushed == c_.host ? "self_exchange" : "exchange"] =
          path_record({"exchange", e.at("forward_barrier_eV").get<double>(), e.at("reverse_barrier_eV").get<double>(),
                       e.at("max_force_eV_A").get<double>(), converged, ""});
      // forward: the Li adatom enters the surface and M comes up; reverse: an M adatom goes
      // back into the surface and pushes Li up. The baseline's is the Li-Li self-exchange.
      if (pushed == element_) {
        if (converged) descriptors()["E_exchange_near_M_eV_" + facet] = e.at("forward_barrier_eV").get<double>();
        else note(facet + ": the exchange path with " + element_ + " did not converge (catalog.json)");
        if (converged && facet == "bcc100") {
          exchange_into_M_eV_ = e.at("forward_barrier_eV").get<double>();
          exchange_back_eV_ = e.at("reverse_barrier_eV").get<double>();
        }
      }
      if (pushed == c_.host && converged && facet == "bcc100")
        self_exchange_eV_ = e.at("forward_barrier_eV").get<double>();
    }
    if (barriers::has_step_hops(facet)) {
      const barriers::SolutePaths p = barriers::compute_solute_paths(bc, element_);
      paths["step_slab_cells"] = {p.step_cells_x, p.step_cells_y};
      paths["step_rows"] = p.step_rows;
      paths["step_hop"] = path_record(p.step_hop);
      paths["step_exchange"] = path_record(p.step_exchange);
      paths["step_start"] = p.start;
      if (!p.edge_failure.empty()) {
        paths["step_edge_start_failure"] = p.edge_failure;
        note(facet + ": the step edge site next to " + element_ + " is no start (" + p.edge_failure +
             "); the step descent starts one row in and includes the hop onto the edge");
      }
      if (const barriers::PathBarrier *down = p.step_down()) {
        descriptors()["E_step_down_near_M_eV_" + facet] = down->forward_eV;
        paths["step_down_path"] = down->path;
        paths["step_up_eV"] = down->reverse_eV;
      } else {
        note(facet + ": neither step-descent path over " + element_ + " converged (" + p.step_hop.failure + "; " +
             p.step_exchange.failure + ")");
      }
    }
    d["paths_near_M"] = paths;
  }

  // Whether the kMC lattice of `cells`^2 sites holds M in its top substrate layer (the random
  // substrate at the segregation stage's X_surface, kmc_base).
  bool M_on_kmc_surface(int cells) {
    const double sites = static_cast<double>(cells) * cells;
    return !baseline_ && std::lround(descriptors().value("X_surface_bcc100", 0.0) * sites) > 0;
  }

  // The alloying exchange in the kMC (a Li adatom enters the surface at an M site, M comes up as
  // an adatom) needs the M adatom's own hops: a catalog job with moving = M on the same slab and
  // the same environment set as the Li catalog (max_environments, lowest coordination first: the
  // bare hops of M over Li, Li -> M and M sites, then M with lateral Li adatoms; environments
  // beyond the limit, or whose band fails, take the bare hop plus the Li fit's bond, kmc_base).
  // Only when the kMC surface holds M and the exchange with M converged.
  void m_adatom_hops(const barriers::BarrierConfig &li, json &d) {
    if (!(M_on_kmc_surface(c_.diffusion_cells) || M_on_kmc_surface(c_.nucleation_cells))) return;
    if (!std::isfinite(exchange_into_M_eV_)) {
      note("kmc: no alloying exchange with " + element_ + " (its exchange path did not converge)");
      return;
    }
    barriers::BarrierConfig bc = li;
    bc.moving = element_;
    bc.max_environments = li.max_environments;  // the first three are the bare hops (descriptors below)
    bc.check_slab_size = false;
    bc.exchange = false;
    bc.output_folder = (fs::path(folder_) / "barriers_bcc100_M_adatom").string();
    const barriers::CatalogJobSummary summary =
        barriers::run_catalog_job(bc, barrier_config_text(bc), MPI_COMM_SELF, nullptr);
    const std::vector<std::string> species = kmc_species();
    kmc::BarrierCatalog catalog(kmc::EnvironmentIndex(4, 2), species);
    catalog.read(bc.output_folder + "/catalog.csv");
    m_hop_over_host_eV_ = bare_hop_barrier_eV(catalog, 0, 0, 1);
    m_hop_over_M_eV_ = bare_hop_barrier_eV(catalog, 1, 1, 1);
    auto value = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    d["M_adatom_hops"] = {{"environments", summary.environments},
                          {"converged", summary.converged},
                          {"bare_hop_over_host_eV", value(m_hop_over_host_eV_)},
                          {"bare_hop_over_M_eV", value(m_hop_over_M_eV_)},
                          {"hop_onto_M_eV", value(bare_hop_barrier_eV(catalog, 0, 1, 1))},
                          {"hop_off_M_eV", value(bare_hop_barrier_eV(catalog, 1, 0, 1))}};
    if (!(std::isfinite(m_hop_over_host_eV_) && std::isfinite(m_hop_over_M_eV_)))
      note("kmc: no alloying exchange with " + element_ + " (a bare hop of the " + element_ +
           " adatom did not converge, catalog " + bc.output_folder + ")");
    else
      write_merged_kmc_catalog(li.output_folder + "/catalog.csv", bc.output_folder + "/catalog.csv");
  }

  bool alloying_exchange_ready() const { return !kmc_catalog_path_.empty(); }

  // The row's kMC catalog with the alloying exchange: the Li catalog followed by the M adatom's
  // rows (without its column header); kmc_base reads it through kmc_catalog_path_.
  void write_merged_kmc_catalog(const std::string &li, const std::string &m_adatom) {
    const std::string merged = (fs::path(folder_) / "kmc_catalog.csv").string();
    std::ofstream out(merged);
    out << "# anodekmc screen: " << li << " followed by the rows of the " << element_ << " adatom (" << m_adatom
        << ")\n";
    std::ifstream a(li);
    for (std::string line; std::getline(a, line);) out << line << "\n";
    std::ifstream b(m_adatom);
    bool header_seen = false;
    for (std::string line; std::getline(b, line);) {
      if (line.empty() || line[0] == '#') continue;
      if (!header_seen) {  // the column header, already written with the first catalog
        header_seen = true;
        continue;
      }
      out << line << "\n";
    }
    if (!out) throw std::runtime_error(merged + ": cannot write the merged kMC catalog");
    kmc_catalog_path_ = merged;
  }

  kmc::KmcRunConfig kmc_base(int cells) {
    kmc::KmcRunConfig k;
    k.facet = "bcc100";
    k.lattice_constant_A = c_.host_lattice_constant_A;
    k.species = kmc_species();
    const std::string folder = (fs::path(folder_) / "barriers_bcc100").string();
    k.catalog_path = alloying_exchange_ready() ? kmc_catalog_path_ : folder + "/catalog.csv";
    // The catalog's fitted bond-counting model fills the environments the catalog lacks.
    std::ifstream in(folder + "/catalog.json");
    const json record = json::parse(in);
    const json &fit = record.at("bond_counting_fit");
    if (!fit.contains("base_barrier_eV"))
      throw std::runtime_error(folder + "/catalog.json: no bond-counting fit (" + fit.value("not_fitted", std::string("?")) +
                               "), which the kMC needs for the environments the catalog lacks; raise [barriers] "
                               "max_environments");
    const std::size_t S = k.species.size();
    k.bond_counting.enabled = true;
    k.bond_counting.base_barrier_eV.assign(S * S, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t below = 0; below < S; ++below) {
      const std::string key = c_.host + "@" + k.species[below];
      if (fit.at("base_barrier_eV").contains(key)) k.bond_counting.base_barrier_eV[below] = fit["base_barrier_eV"][key].get<double>();
    }
    k.bond_counting.bond_eV = fit.at("bond_eV").get<double>();
    // Li-Li self-exchange (the diagonal move; on Li(100) faster than the hop), from this row's
    // own NEB; not near M (its corner atom must be Li).
    if (std::isfinite(self_exchange_eV_)) {
      k.exchange.self_barrier_eV.assign(S, std::numeric_limits<double>::quiet_NaN());
      k.exchange.self_barrier_eV[0] = self_exchange_eV_;
    }
    // The alloying exchange (m_adatom_hops): Li@M the exchange NEB forward, M@Li its reverse (the
    // M adatom going back in and pushing Li up); the M adatom hops with its own bare barriers
    // and the Li fit's bond per lateral neighbour (an approximation: no M-adatom NEBs with
    // neighbours).
    if (alloying_exchange_ready()) {
      k.exchange.barrier_eV.assign(S * S, std::numeric_limits<double>::quiet_NaN());
      k.exchange.barrier_eV[0 * S + 1] = exchange_into_M_eV_;
      k.exchange.barrier_eV[1 * S + 0] = exchange_back_eV_;
      k.bond_counting.base_barrier_eV[1 * S + 0] = m_hop_over_host_eV_;
      k.bond_counting.base_barrier_eV[1 * S + 1] = m_hop_over_M_eV_;
    }
    k.nx = k.ny = cells;
    if (M_on_kmc_surface(cells)) {
      k.substrate.mode = "random";
      k.substrate.solute = element_;
      k.substrate.solute_fraction = descriptors().value("X_surface_bcc100", 0.0);
    }
    k.seed = row_seed(c_.seed, element_);
    k.limits.max_events = 50 * c_.diffusion_events;  // a cap; the measurements set their own limits
    k.selector = "cr";
    return k;
  }

  void kmc() {
    kmc::KmcRunConfig base = kmc_base(c_.diffusion_cells);
    base.initial_coverage_ml = c_.diffusion_coverage_ml;
    table::MeasurementSpec m;
    m.coverage_ml = c_.diffusion_coverage_ml;
    m.events_per_run = c_.diffusion_events;
    m.windows = 20;
    std::vector<double> temperatures = c_.arrhenius_temperatures_K;
    std::vector<double> D, zero;
    json arrhenius = json::array();
    double D_at_T = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> all_T = temperatures;
    if (std::find(all_T.begin(), all_T.end(), c_.temperature_K) == all_T.end()) all_T.push_back(c_.temperature_K);
    for (double T : all_T) {
      kmc::KmcRunConfig k = base;
      k.temperature_K = T;
      const table::DiffusionSample s = table::measure_diffusion(k, m);
      arrhenius.push_back({{"temperature_K", T}, {"tracer_D_m2_per_s", s.tracer_D_m2_per_s}, {"events", s.events}});
      if (T == c_.temperature_K) D_at_T = s.tracer_D_m2_per_s;
      if (std::find(temperatures.begin(), temperatures.end(), T) != temperatures.end()) {
        D.push_back(s.tracer_D_m2_per_s);
        zero.push_back(0.0);
      }
    }
    descriptors()["D_surf_m2_per_s"] = D_at_T;
    const table::ArrheniusFit fit = table::fit_arrhenius(temperatures, D, zero);
    descriptors()["E_a_D_eV"] = fit.Ea_eV;
    details()["arrhenius"] = {{"points", arrhenius}, {"Ea_eV", fit.Ea_eV}, {"D0_m2_per_s", fit.D0_m2_per_s}};

    kmc::KmcRunConfig n = kmc_base(c_.nucleation_cells);
    n.temperature_K = c_.temperature_K;
    n.current_density_mA_per_cm2 = c_.current_density_mA_per_cm2;
    // Plain kMC at real plating conditions (D/F ~ 1e9 at 300 K, weakly bound Li islands) can
    // need far more events than any budget: the run stops at the deposited amount or at this
    // cap, and a capped run says so (its island density is at the amount it reached).
    n.limits.max_events = c_.nucleation_max_events;
    // Exact acceleration of isolated adatoms (docs/kmc_first_passage.md), with the diagonal
    // walks of the self-exchange when it is on (the usual case).
    n.first_passage.enabled = true;
    n.limits.max_deposited_ml = c_.nucleation_deposited_ml;
    const table::NucleationSample s = table::measure_nucleation(n);
    descriptors()["nucleation_deposited_ml"] = s.deposited_ml;
    if (s.reached_deposit) {
      descriptors()["island_density_per_nm2"] = s.island_density_per_nm2;
    } else {
      // A density at whatever amount the cap left (rows differ) is not the descriptor and must
      // not be ranked: it is shown under its own name, which no weight can name.
      descriptors()["island_density_at_cap_per_nm2"] = s.island_density_per_nm2;
      note("kmc: the nucleation run reached its event cap (" + std::to_string(c_.nucleation_max_events) +
           " events) after " + std::to_string(s.deposited_ml) + " ML of the requested " +
           std::to_string(c_.nucleation_deposited_ml) +
           " ML; its island density at that amount is island_density_at_cap_per_nm2, not ranked");
    }
    details()["nucleation"] = {{"cells", c_.nucleation_cells},
                               {"requested_deposited_ml", c_.nucleation_deposited_ml},
                               {"reached_requested_amount", s.reached_deposit},
                               {"events", s.events},
                               {"island_density_per_site", s.island_density_per_site}};
  }

  const ScreenConfig &c_;
  std::string element_, folder_;
  const StageCallback &on_stage_;
  potential::EamDatabase db_;
  bool baseline_;
  json row_;
  double host_energy_per_atom_eV_ = 0, host_a_A_ = 0;
  double self_exchange_eV_ = std::numeric_limits<double>::quiet_NaN();  // Li-Li on (100), from the catalog job
  // The alloying exchange on (100): Li into an M site (forward) and back (reverse), and the bare
  // hops of the M adatom that comes up (m_adatom_hops).
  double exchange_into_M_eV_ = std::numeric_limits<double>::quiet_NaN();
  double exchange_back_eV_ = std::numeric_limits<double>::quiet_NaN();
  double m_hop_over_host_eV_ = std::numeric_limits<double>::quiet_NaN();
  double m_hop_over_M_eV_ = std::numeric_limits<double>::quiet_NaN();
  std::string kmc_catalog_path_;  // the merged catalog, set once the alloying exchange is ready
};

}  // namespace

json compute_row(const ScreenConfig &config, const std::string &element, const std::string &row_folder,
                 const StageCallback &on_stage) {
  fs::create_directories(row_folder);
  return RowComputer(config, element, row_folder, on_stage).run();
}

}  // namespace anodekmc::screen
