#include "screen/screening_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include <anodekmc/version.hpp>
#include "core/atomic_file.hpp"

namespace anodekmc::screen {

namespace {

// Report order: bulk, segregation, adsorption, barriers, kinetics; unknown names after.
const std::vector<std::string> &preferred_order() {
  static const std::vector<std::string> order = {
      "E_sol_bulk_eV",          "E_seg_surface_eV_bcc100", "X_surface_bcc100",  "excess_per_site_bcc100",
      "complexion_bcc100",      "segregation_model_bcc100", "E_seg_surface_eV_bcc110", "X_surface_bcc110",  "excess_per_site_bcc110",
      "complexion_bcc110",      "segregation_model_bcc110", "E_ads_Li_eV",             "E_hop_bare_eV_bcc100", "E_hop_near_M_eV_bcc100",
      "E_exchange_near_M_eV_bcc100", "E_step_down_near_M_eV_bcc100", "E_hop_bare_eV_bcc110",   "E_hop_near_M_eV_bcc110", "E_exchange_near_M_eV_bcc110",
      "E_step_down_near_M_eV_bcc110", "D_surf_m2_per_s",   "E_a_D_eV",
      "island_density_per_nm2", "island_density_at_cap_per_nm2", "nucleation_deposited_ml"};
  return order;
}

std::string number(double v) {
  if (!std::isfinite(v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string cell(const nlohmann::json &d, const std::string &name) {
  if (!d.contains(name) || d[name].is_null()) return "";
  if (d[name].is_number()) return number(d[name].get<double>());
  return d[name].get<std::string>();
}

std::string provenance_lines(const ScreenConfig &c, int ranks, double wall_s, const std::string &prefix) {
  std::ostringstream o;
  o << prefix << "anodekmc " << kVersion << " (git " << kGitSha << "), screen " << c.source_path << "\n"
    << prefix << "potential " << c.potential_id << " (" << c.database_path << ")\n"
    << prefix << "mode " << (c.quick ? "QUICK (small slabs, few environments, short kMC: indicative only)" : "full")
    << "; seed " << c.seed << "; " << ranks << " MPI rank(s); wall " << number(wall_s) << " s\n"
    << prefix << "conditions: T = " << c.temperature_K << " K, bulk dopant fraction " << c.bulk_fraction
    << ", plating " << c.current_density_mA_per_cm2 << " mA/cm2 on bcc(100)\n";
  return o.str();
}

}  // namespace

std::vector<std::string> descriptor_columns(const std::vector<nlohmann::json> &rows) {
  std::set<std::string> present;
  for (const auto &r : rows)
    for (auto it = r.at("descriptors").begin(); it != r.at("descriptors").end(); ++it) present.insert(it.key());
  std::vector<std::string> out;
  for (const auto &name : preferred_order())
    if (present.erase(name)) out.push_back(name);
  out.insert(out.end(), present.begin(), present.end());
  return out;
}

void write_screening_report(const ScreenConfig &c, const std::vector<nlohmann::json> &rows,
                            const std::vector<RankedRow> &ranked, const std::string &folder,
                            const std::vector<std::string> &figures, int ranks, double wall_s) {
  namespace fs = std::filesystem;
  fs::create_directories(folder);
  const std::vector<std::string> columns = descriptor_columns(rows);
  std::vector<std::size_t> order(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) order[static_cast<std::size_t>(ranked[k].rank - 1)] = k;

  std::ostringstream csv;
  csv << provenance_lines(c, ranks, wall_s, "# ");
  csv << "# score: weighted mean of min-max normalized descriptors (docs/cli_screen.md); weights:";
  for (const auto &[name, w] : c.weights) csv << " " << name << "=" << number(w);
  csv << "\ndopant,score,rank";
  for (const auto &name : columns) csv << "," << name;
  csv << "\n";
  for (std::size_t k : order) {
    csv << ranked[k].element << "," << number(ranked[k].score) << "," << ranked[k].rank;
    for (const auto &name : columns) csv << "," << cell(rows[k].at("descriptors"), name);
    csv << "\n";
  }
  write_file_atomic((fs::path(folder) / "screening.csv").string(), csv.str());

  std::ostringstream arr;
  arr << provenance_lines(c, ranks, wall_s, "# ") << "# tracer surface diffusivity on bcc(100) per row (kMC)\n"
      << "dopant,temperature_K,tracer_D_m2_per_s\n";
  for (std::size_t k : order) {
    const auto &d = rows[k].at("details");
    if (!d.contains("arrhenius")) continue;
    for (const auto &p : d["arrhenius"]["points"])
      arr << ranked[k].element << "," << number(p["temperature_K"].get<double>()) << ","
          << number(p["tracer_D_m2_per_s"].get<double>()) << "\n";
  }
  write_file_atomic((fs::path(folder) / "arrhenius.csv").string(), arr.str());

  std::ostringstream md;
  md << "# Dopant screening: " << c.host << " anode surfaces\n\n";
  if (c.quick)
    md << "> **QUICK MODE**: small slabs, " << c.max_environments << " hop environments per facet, short kMC runs. "
       << "The numbers show that the pipeline works and indicate trends; they are not converged.\n\n";
  md << "```\n" << provenance_lines(c, ranks, wall_s, "") << "```\n\n";
  md << "## Ranking\n\nScore: weighted mean of the descriptors, each min-max normalized over the rows (log10 for "
        "D and island density) so that 1 is the preferred end; weights (+: high preferred, -: low preferred):";
  for (const auto &[name, w] : c.weights) md << " `" << name << "` " << number(w) << ";";
  md << " see docs/cli_screen.md. Every descriptor is shown so you can weigh them yourself.\n\n";
  md << "| rank | row | score |";
  for (const auto &name : columns) md << " " << name << " |";
  md << "\n|---|---|---|";
  for (std::size_t k = 0; k < columns.size(); ++k) md << "---|";
  md << "\n";
  for (std::size_t k : order) {
    md << "| " << ranked[k].rank << " | " << ranked[k].element << (rows[k].value("baseline", false) ? " (baseline)" : "")
       << " | " << number(ranked[k].score) << " |";
    for (const auto &name : columns) md << " " << cell(rows[k].at("descriptors"), name) << " |";
    md << "\n";
  }
  md << "\nDescriptors: `E_sol_bulk_eV` dilute heat of solution in bulk " << c.host
     << "; `E_seg_surface_eV_<facet>` segregation energy of the surface layer (< 0: M prefers the surface); "
        "`X_surface_<facet>`, `excess_per_site_<facet>`, `complexion_<facet>` the multilayer mean field's surface "
        "fraction, Gibbsian excess and label at the stated bulk fraction and T; `E_ads_Li_eV` Li adatom adsorption "
        "next to M on (100) relative to bulk Li (more negative: more lithiophilic); `E_hop_bare_eV_<facet>` the bare "
        "Li hop on the host surface, `E_hop_near_M_eV_<facet>` the larger of the bare hops onto and off an M site; "
        "`E_exchange_near_M_eV_<facet>` the exchange of a Li adatom with a surface M atom (Li enters the surface, M "
        "comes up; baseline: Li-Li exchange), `E_step_down_near_M_eV_<facet>` the lower of the hop and exchange "
        "descents of a straight step ([010] on (100), [001] on (110)) whose edge atom beside the path is M "
        "(baseline: Li edge); "
        "`D_surf_m2_per_s` kMC tracer diffusivity at T, `E_a_D_eV` its Arrhenius energy; "
        "`island_density_per_nm2` after plating to the stated amount (`island_density_at_cap_per_nm2` instead, not "
        "ranked, when the run reached its event cap first: `nucleation_deposited_ml` says how far it got). The kMC runs hold "
        "the Li-Li self-exchange and, where M is on their surface, the alloying exchange with M and the M adatom's hops. "
        "Not computed: steps along other directions, kinks, step rows near M in the kMC (docs/cli_screen.md).\n\n";
  if (!figures.empty()) {
    md << "## Figures\n\n";
    for (const auto &f : figures) md << "![" << f << "](" << f << ")\n\n";
  }
  md << "## Notes per row\n\n";
  bool any = false;
  for (std::size_t k : order)
    for (const auto &n : rows[k].at("notes")) {
      md << "- " << ranked[k].element << ": " << n.get<std::string>() << "\n";
      any = true;
    }
  if (!any) md << "None.\n";
  md << "\n## Files\n\n`screening.csv` (this table), `arrhenius.csv`, `rows/<element>/row.json` (every number, "
        "stage timings and details) with each stage's own outputs beside it (segregation energies, barrier catalogs), "
        "`run.json` (provenance).\n";
  write_file_atomic((fs::path(folder) / "report.md").string(), md.str());
}

}  // namespace anodekmc::screen
