#include "barriers/segregation_energy_job.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "barriers/slab_builder.hpp"
#include "core/atomic_file.hpp"
#include <anodekmc/version.hpp>
#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"

namespace anodekmc::barriers {

namespace {

// Periodic in x and y (the slab's cell is rectangular), open in z.
double slab_distance_A(const Slab &slab, std::size_t i, std::size_t j) {
  Eigen::Vector3d d = slab.structure.positions_A[i] - slab.structure.positions_A[j];
  for (int k = 0; k < 2; ++k) d[k] -= slab.structure.cell_A(k, k) * std::round(d[k] / slab.structure.cell_A(k, k));
  return d.norm();
}

// The atom of `layer` closest to atom `a` (not a itself); ties go to the lowest index.
std::size_t nearest_in_layer_to_atom(const Slab &slab, int layer, std::size_t a) {
  std::size_t best = slab.structure.size();
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < slab.structure.size(); ++k) {
    if (k == a || slab.layer[k] != layer) continue;
    const double d = slab_distance_A(slab, a, k);
    if (d < best_d - 1e-9) {
      best_d = d;
      best = k;
    }
  }
  if (best == slab.structure.size()) throw std::invalid_argument("no partner atom in layer " + std::to_string(layer));
  return best;
}

std::uint64_t fnv1a64_of_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t hash = 1469598103934665603ull;
  char c = 0;
  while (in.get(c)) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

std::string hex(std::uint64_t v) {
  char text[32];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
  return text;
}

std::string number_text(double v) {
  std::ostringstream o;
  o.precision(8);
  o << v;
  return o.str();
}

// Relaxes the slab with dopants on `sites` and remembers the outcome under `name`.
class ConfigurationRunner {
 public:
  ConfigurationRunner(SlabRelaxer &relaxer, std::ostream *progress, nlohmann::json &log)
      : relaxer_(relaxer), progress_(progress), log_(log) {}

  RelaxedEnergy run(const Slab &slab, const std::vector<std::size_t> &sites, const std::string &name) {
    potential::PeriodicStructure s = slab.structure;
    for (std::size_t k : sites) s.species.at(k) = 1;
    const RelaxedEnergy r = relaxer_.relax(s);
    log_.push_back({{"configuration", name},
                    {"atoms", s.size()},
                    {"dopant_atoms", sites},
                    {"energy_eV", r.energy_eV},
                    {"force_norm_eV_A", r.force_norm_eV_A},
                    {"max_force_eV_A", r.max_force_eV_A},
                    {"iterations", r.iterations},
                    {"converged", r.converged}});
    if (progress_) {
      char line[256];
      std::snprintf(line, sizeof line, "  %-28s E = %.6f eV, |F| = %.2e eV/A after %ld iterations%s", name.c_str(),
                    r.energy_eV, r.force_norm_eV_A, r.iterations, r.converged ? "" : " (NOT converged)");
      *progress_ << line << std::endl;
    }
    return r;
  }

 private:
  SlabRelaxer &relaxer_;
  std::ostream *progress_;
  nlohmann::json &log_;
};

}  // namespace

SegregationEnergyResult compute_segregation_energies(const SegregationEnergyConfig &config, MPI_Comm comm,
                                                     std::ostream *progress) {
  const potential::EamDatabase db = potential::EamDatabase::read(config.database_path);
  const std::vector<std::string> elements = {config.host, config.dopant};
  const potential::EamModel model(db, elements);  // throws for an element the database lacks
  double cutoff_A = 0;
  for (int a = 0; a < 2; ++a) {
    cutoff_A = std::max(cutoff_A, model.density_cutoff_A(a));
    for (int b = 0; b < 2; ++b) cutoff_A = std::max(cutoff_A, model.pair_cutoff_A(a, b));
  }
  if (config.vacuum_A < cutoff_A + 1.0)
    throw std::invalid_argument("vacuum_A: " + number_text(config.vacuum_A) + " Å is less than the cutoff " +
                                number_text(cutoff_A) + " Å + 1 Å: the two surfaces would interact through it");
  const int L = config.surface_layers, layers = config.slab_layers, centre = (layers - 1) / 2;
  if (layers % 2 == 0 || layers < 2 * L + 3)
    throw std::invalid_argument("slab_layers: expected an odd number >= 2 * surface_layers + 3");

  // Surface cells: bcc100 a x a; bcc110 a x a sqrt(2) (slab_builder.hpp).
  const double a = config.lattice_constant_A;
  const double cell_x = a, cell_y = config.facet == "bcc110" ? a * std::sqrt(2.0) : a;
  const double nearest_A = 0.5 * std::sqrt(3.0) * a;
  auto automatic = [&](double width) { return std::max(3, static_cast<int>(std::ceil((2.0 * cutoff_A + nearest_A) / width - 1e-9))); };
  SlabSpec spec{config.facet, a, config.nx > 0 ? config.nx : automatic(cell_x), config.ny > 0 ? config.ny : automatic(cell_y),
                layers, 0, config.vacuum_A};
  const double width_x = spec.cells_x * cell_x, width_y = spec.cells_y * cell_y;
  if (std::min(width_x, width_y) < 2.0 * cutoff_A)
    throw std::invalid_argument("nx, ny: the slab is " + number_text(width_x) + " x " + number_text(width_y) +
                                " Å, narrower than twice the cutoff (2 x " + number_text(cutoff_A) +
                                " Å): periodic images of a dopant would share neighbours; raise nx/ny or use 0 (automatic)");

  SlabRelaxer relaxer(elements, config.database_path, config.relax, comm);
  nlohmann::json relaxations = nlohmann::json::array();
  ConfigurationRunner runner(relaxer, progress, relaxations);

  const Slab slab = build_slab(spec);
  const Eigen::Vector2d middle(0.5 * width_x, 0.5 * width_y);
  std::vector<std::size_t> site(static_cast<std::size_t>(layers));
  for (int l = 0; l < layers; ++l) site[static_cast<std::size_t>(l)] = nearest_atom_in_layer(slab, l, middle);
  const std::size_t surface_a = site[0], surface_b = nearest_in_layer_to_atom(slab, 0, surface_a);
  const std::size_t bulk_a = site[static_cast<std::size_t>(centre)], bulk_b = nearest_in_layer_to_atom(slab, centre + 1, bulk_a);

  const RelaxedEnergy none = runner.run(slab, {}, "no dopant");
  std::vector<RelaxedEnergy> single(static_cast<std::size_t>(layers));
  for (int l = 0; l < L; ++l) single[static_cast<std::size_t>(l)] = runner.run(slab, {site[static_cast<std::size_t>(l)]}, "dopant in layer " + std::to_string(l));
  for (int l : {centre, centre + 1})
    single[static_cast<std::size_t>(l)] = runner.run(slab, {site[static_cast<std::size_t>(l)]}, "dopant in layer " + std::to_string(l) + (l == centre ? " (centre)" : ""));
  const RelaxedEnergy pair_surface = runner.run(slab, {surface_a, surface_b}, "pair in layer 0");
  const RelaxedEnergy pair_bulk = runner.run(slab, {bulk_a, bulk_b}, "pair in layers " + std::to_string(centre) + "," + std::to_string(centre + 1));

  using segregation::SegregationEnergyRow;
  SegregationEnergyResult result;
  auto &rows = result.table.rows;
  const long atoms = static_cast<long>(slab.structure.size());
  const RelaxedEnergy &bulk = single[static_cast<std::size_t>(centre)];
  for (int l = 0; l < L; ++l) {
    const RelaxedEnergy &e = single[static_cast<std::size_t>(l)];
    rows.push_back({"segregation", l, -1, 0.0, e.energy_eV - bulk.energy_eV, e.energy_eV, bulk.energy_eV, atoms,
                    spec.cells_x, spec.cells_y, layers, e.converged && bulk.converged});
  }
  {
    const RelaxedEnergy &s0 = single[0];
    const double reference = 2.0 * s0.energy_eV - none.energy_eV;
    rows.push_back({"pair_surface", 0, 0, slab_distance_A(slab, surface_a, surface_b), pair_surface.energy_eV - reference,
                    pair_surface.energy_eV, reference, atoms, spec.cells_x, spec.cells_y, layers,
                    pair_surface.converged && s0.converged && none.converged});
    const RelaxedEnergy &below = single[static_cast<std::size_t>(centre + 1)];
    const double reference_bulk = bulk.energy_eV + below.energy_eV - none.energy_eV;
    rows.push_back({"pair_bulk", centre, centre + 1, slab_distance_A(slab, bulk_a, bulk_b), pair_bulk.energy_eV - reference_bulk,
                    pair_bulk.energy_eV, reference_bulk, atoms, spec.cells_x, spec.cells_y, layers,
                    pair_bulk.converged && bulk.converged && below.converged && none.converged});
    rows.push_back({"bulk_check", centre + 1, -1, 0.0, below.energy_eV - bulk.energy_eV, below.energy_eV, bulk.energy_eV,
                    atoms, spec.cells_x, spec.cells_y, layers, below.converged && bulk.converged});
  }
  nlohmann::json size_check = {{"minimum_width_A", std::min(width_x, width_y)},
                               {"twice_cutoff_A", 2.0 * cutoff_A},
                               {"dopant_image_distance_A", std::min(width_x, width_y)},
                               {"pair_partner_image_distance_A", std::min(width_x, width_y) - nearest_A}};
  if (config.check_slab_size) {
    SlabSpec wider = spec;
    wider.cells_x += 1;
    wider.cells_y += 1;
    const Slab big = build_slab(wider);
    const Eigen::Vector2d big_middle(0.5 * wider.cells_x * cell_x, 0.5 * wider.cells_y * cell_y);
    const RelaxedEnergy top = runner.run(big, {nearest_atom_in_layer(big, 0, big_middle)}, "wider: dopant in layer 0");
    const RelaxedEnergy mid = runner.run(big, {nearest_atom_in_layer(big, centre, big_middle)}, "wider: dopant in layer " + std::to_string(centre));
    const double change = (top.energy_eV - mid.energy_eV) - rows[0].value_eV;
    rows.push_back({"size_check", 0, -1, 0.0, change, top.energy_eV, mid.energy_eV, static_cast<long>(big.structure.size()),
                    wider.cells_x, wider.cells_y, layers, top.converged && mid.converged});
    size_check["wider_cells"] = {wider.cells_x, wider.cells_y};
    size_check["segregation_layer0_wider_eV"] = top.energy_eV - mid.energy_eV;
    size_check["change_eV"] = change;
  }

  auto &meta = result.table.metadata;
  meta["host"] = config.host;
  meta["dopant"] = config.dopant;
  meta["facet"] = config.facet;
  meta["lattice_constant_A"] = number_text(a);
  meta["potential_id"] = db.potential_id;
  meta["database_fnv1a64"] = hex(fnv1a64_of_file(config.database_path));
  meta["git_sha"] = kGitSha;
  meta["anodekmc_version"] = kVersion;
  meta["lammps_version"] = std::to_string(relaxer.lammps_version());
  meta["slab"] = std::to_string(spec.cells_x) + " x " + std::to_string(spec.cells_y) + " cells x " + std::to_string(layers) +
                 " layers, " + std::to_string(atoms) + " atoms, vacuum " + number_text(config.vacuum_A) + " A";
  meta["central_layer"] = std::to_string(centre);
  meta["relaxation"] = "LAMMPS minimize cg, symmetric slab, all atoms free, cell fixed, force 2-norm <= " +
                       number_text(config.relax.force_tolerance_eV_A) + " eV/A";
  result.table.provenance = {
      "anodekmc segregate energies: layer segregation and pair energies from relaxed slabs",
      "config " + config.source_path,
      "segregation: E(M in layer) - E(M in the central layer); layers count from the top surface (0)",
      "pair_surface: E(pair in layer 0) - 2 E(M in layer 0) + E(no M); pair_bulk: the same around the centre",
      "w < 0 is an attraction; bcc100 layer-0 pairs are second neighbours (distance a) and bcc110 ones first",
      "bulk_check: E(M one layer below the centre) - E(M at the centre); size_check: change of layer 0 on a wider slab",
  };

  result.record = {{"program", "anodekmc segregate energies"},
                   {"anodekmc_version", kVersion},
                   {"git_sha", kGitSha},
                   {"config_file", config.source_path},
                   {"potential_id", db.potential_id},
                   {"database", config.database_path},
                   {"database_fnv1a64", meta["database_fnv1a64"]},
                   {"lammps_version", relaxer.lammps_version()},
                   {"host", config.host},
                   {"dopant", config.dopant},
                   {"facet", config.facet},
                   {"lattice_constant_A", a},
                   {"slab_cells", {spec.cells_x, spec.cells_y}},
                   {"slab_layers", layers},
                   {"central_layer", centre},
                   {"surface_layers", L},
                   {"vacuum_A", config.vacuum_A},
                   {"cutoff_A", cutoff_A},
                   {"relaxation", {{"method", "LAMMPS minimize, min_style cg, etol 0"},
                                   {"force_tolerance_eV_A", config.relax.force_tolerance_eV_A},
                                   {"max_iterations", config.relax.max_iterations},
                                   {"fixed_atoms", "none (symmetric slab, two free surfaces)"}}},
                   {"size_check", size_check},
                   {"relaxations", relaxations}};
  return result;
}

void write_segregation_energies(const SegregationEnergyResult &result, const std::string &config_text,
                                const std::string &output_folder, int ranks, double wall_s) {
  // Build every text first: a failure here leaves nothing behind.
  const std::string csv = segregation::energies_csv_text(result.table);
  const std::string fragment = segregation::energies_fragment_text(result.table, "energies.csv");
  nlohmann::json record = result.record;
  record["config"] = config_text;
  record["mpi_ranks"] = ranks;
  record["wall_s"] = wall_s;
  nlohmann::json energies = nlohmann::json::array();
  for (const auto &r : result.table.rows)
    energies.push_back({{"kind", r.kind}, {"layer", r.layer}, {"partner_layer", r.partner_layer}, {"value_eV", r.value_eV},
                        {"converged", r.converged}});
  record["energies"] = energies;
  std::filesystem::create_directories(output_folder);
  const std::filesystem::path out = output_folder;
  write_file_atomic((out / "energies.csv").string(), csv);
  write_file_atomic((out / "map_energies.ini").string(), fragment);
  write_file_atomic((out / "run.json").string(), record.dump(2) + "\n");
}

}  // namespace anodekmc::barriers
