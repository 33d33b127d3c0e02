#include "segregation/complexion_map_output.hpp"

#include "core/atomic_file.hpp"
#include "segregation/slab_lattice.hpp"
#include "segregation/substrate_handoff.hpp"

#include <anodekmc/version.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace anodekmc::segregation {

namespace {

// 1 eV per A^2 in J/m^2.
constexpr double kJoulePerSquareMetre_per_eVPerA2 = 16.02176634;

std::string g(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string provenance_comment(const SegregationSpec &spec) {
  std::ostringstream o;
  o << "# anodekmc segregate map " << kVersion << " git " << kGitSha << "; spec " << spec.source_path << "\n"
    << "# " << spec.solute << " in " << spec.host << " " << spec.facet << ", " << spec.nx << "x" << spec.ny << "x"
    << spec.layers << " slab; energies: " << (spec.illustrative ? "ILLUSTRATIVE (not from a potential): " : "")
    << spec.energies_source << "\n";
  return o.str();
}

std::string states_csv(const SegregationSpec &spec, const std::vector<TemperatureResult> &results, double area_A2) {
  std::size_t depths = 0;
  for (const auto &r : results)
    for (const auto &s : r.states) depths = std::max(depths, s.composition_by_depth.size());
  std::ostringstream o;
  o << provenance_comment(spec)
    << "# x_bulk: mc = mean composition of the slab's bulk depths (beyond the listed segregation energies); "
       "mf = bulk regular-solution (Bragg-Williams) relation at the same dmu, lowest grand potential\n"
    << "# delta_gamma: mc/mf up/down = -integral of Gamma d(dmu) from dmu_min along the up branch (down branch "
       "continues from the top); mf equilibrium = Omega_s(dmu) - Omega_s(dmu_min), exact\n"
    << "method,branch,temperature_K,delta_mu_eV,x_bulk,x_bulk_se,excess_per_site,excess_per_site_se,excess_per_A2,"
       "delta_gamma_eV_per_site,delta_gamma_J_per_m2,grand_potential_eV_per_site,mf_solutions,acceptance,label,stable";
  for (std::size_t d = 0; d < depths; ++d) o << ",X_depth" << d;
  for (std::size_t d = 0; d < depths; ++d) o << ",X_depth" << d << "_se";
  o << "\n";
  for (const auto &r : results)
    for (const auto &s : r.states) {
      o << s.method << "," << s.direction << "," << g(r.temperature_K) << "," << g(s.delta_mu_eV) << "," << g(s.x_bulk)
        << "," << g(s.x_bulk_se) << "," << g(s.excess_per_site) << "," << g(s.excess_se) << ","
        << g(s.excess_per_site / area_A2) << "," << g(s.delta_gamma_eV_per_site) << ","
        << g(s.delta_gamma_eV_per_site / area_A2 * kJoulePerSquareMetre_per_eVPerA2) << ","
        << g(s.grand_potential_eV_per_site) << "," << s.mf_solutions << "," << g(s.acceptance) << "," << s.label << ","
        << (s.stable ? 1 : 0);
      for (std::size_t d = 0; d < depths; ++d) o << "," << (d < s.composition_by_depth.size() ? g(s.composition_by_depth[d]) : "");
      for (std::size_t d = 0; d < depths; ++d) o << "," << (d < s.composition_se.size() ? g(s.composition_se[d]) : "");
      o << "\n";
    }
  return o.str();
}

std::string diagram_csv(const SegregationSpec &spec, const std::vector<TemperatureResult> &results) {
  std::ostringstream o;
  o << provenance_comment(spec)
    << "# complexion diagram: the stable (lower gamma) MC state and the mean-field equilibrium per T and dmu\n"
       "# x_bulk: this method's bulk composition (mc: the slab's bulk depths, resolution ~1/(sites in them) per sample);\n"
       "# x_bulk_regular_solution: the bulk regular-solution relation at the same T and dmu (resolves dilute x_b)\n"
       "method,temperature_K,delta_mu_eV,x_bulk,x_bulk_regular_solution,excess_per_site,label\n";
  for (const auto &r : results)
    for (const auto &s : r.states) {
      const bool mc_stable = s.method == "mc" && s.stable && s.direction == "up";
      const bool mc_down_only = s.method == "mc" && s.direction == "down" && s.stable;
      const bool mf_eq = s.method == "mf" && s.direction == "equilibrium";
      if (!(mc_stable || mf_eq || mc_down_only)) continue;
      // Where both MC branches are equally stable (no hysteresis), write the up branch only.
      if (mc_down_only) {
        bool up_stable = false;
        for (const auto &u : r.states)
          if (u.method == "mc" && u.direction == "up" && u.delta_mu_eV == s.delta_mu_eV && u.stable) up_stable = true;
        if (up_stable) continue;
      }
      double x_regular = s.x_bulk;
      for (const auto &m : r.states)
        if (m.method == "mf" && m.direction == "equilibrium" && m.delta_mu_eV == s.delta_mu_eV) x_regular = m.x_bulk;
      o << s.method << "," << g(r.temperature_K) << "," << g(s.delta_mu_eV) << "," << g(s.x_bulk) << ","
        << g(x_regular) << "," << g(s.excess_per_site) << "," << s.label << "\n";
    }
  return o.str();
}

std::string transitions_csv(const SegregationSpec &spec, const std::vector<TemperatureResult> &results) {
  std::ostringstream o;
  o << provenance_comment(spec)
    << "# first-order transitions: crossing of the gamma branches of the up and down sweeps\n"
       "method,temperature_K,delta_mu_eV,x_bulk,excess_jump_per_site,hysteresis_width_eV,label_below,label_above\n";
  for (const auto &r : results)
    for (const auto &t : r.transitions)
      o << t.method << "," << g(r.temperature_K) << "," << g(t.crossing.delta_mu_eV) << "," << g(t.x_bulk) << ","
        << g(t.crossing.excess_jump) << "," << g(t.crossing.hysteresis_eV) << "," << t.label_below << ","
        << t.label_above << "\n";
  return o.str();
}

}  // namespace

void write_complexion_map(const SegregationSpec &spec, const std::vector<TemperatureResult> &results,
                          const MapRunInfo &info) {
  const SlabLattice lattice(spec.facet, spec.lattice_constant_A, spec.nx, spec.ny, spec.layers);
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("states.csv", states_csv(spec, results, lattice.area_per_site_A2()));
  files.emplace_back("diagram.csv", diagram_csv(spec, results));
  files.emplace_back("transitions.csv", transitions_csv(spec, results));
  for (const auto &r : results)
    if (!r.handoff_surface.empty())
      files.emplace_back("substrate.map",
                         substrate_map_text(spec.nx, spec.ny, r.handoff_surface, spec.host, spec.solute,
                                            "equilibrium surface plane from anodekmc segregate map (" + spec.name +
                                                "), lattice SGC MC, " + spec.handoff_branch + " branch, T = " +
                                                g(r.temperature_K) + " K, dmu = " + g(spec.handoff_delta_mu_eV) +
                                                " eV (nearest grid point); facet " + spec.facet));
  nlohmann::json run;
  run["program"] = "anodekmc segregate map";
  run["version"] = kVersion;
  run["git_sha"] = kGitSha;
  run["spec"] = spec.source_path;
  run["spec_text"] = spec.source_text;
  run["seed"] = spec.seed;
  run["potential_id"] = spec.illustrative ? "none (illustrative energies)" : spec.energies_source;
  run["energies_illustrative"] = spec.illustrative;
  run["mpi_ranks"] = info.mpi_ranks;
  run["wall_time_s"] = info.wall_time_s;
  long long trials = 0;
  for (const auto &r : results) {
    trials += r.trials;
    run["temperature_wall_time_s"][g(r.temperature_K)] = r.wall_time_s;
  }
  run["mc_trial_flips"] = trials;
  run["area_per_site_A2"] = lattice.area_per_site_A2();
  run["status"] = "finished";
  files.emplace_back("run.json", run.dump(2) + "\n");
  fs::create_directories(spec.output_folder);
  for (const auto &[name, text] : files) write_file_atomic((fs::path(spec.output_folder) / name).string(), text);
}

}  // namespace anodekmc::segregation
