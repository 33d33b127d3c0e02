// The input of `anodekmc screen CONFIG.ini` (docs/cli_screen.md): which dopants, at which
// conditions, how large the calculations are, and the ranking weights. Every error names the
// file, line and key and says what was expected; elements are checked against the potential
// database before anything runs, so a bad config stops early with no output at all.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace anodekmc::screen {

struct ScreenConfig {
  std::string source_path, source_text;
  // [screen]
  std::string database_path;  // resolved against the config file's folder
  std::string potential_id;
  double host_lattice_constant_A = 0;
  std::string host = "Li";
  std::vector<std::string> dopants;  // default: Mg Ag Au Al Zn In Sn Hg Bi Ga Na K
  bool quick = false;                // small slabs, few environments, short kMC (labelled in every output)
  std::uint64_t seed = 20261202;
  // [conditions]
  double temperature_K = 300.0;
  double bulk_fraction = 0.01;                 // dopant site fraction in the bulk (segregation reservoir)
  double current_density_mA_per_cm2 = 1.0;     // plating current of the nucleation run
  std::vector<double> arrhenius_temperatures_K = {250.0, 300.0, 350.0};  // tracer D for the Arrhenius fit
  // [segregation]
  std::vector<std::string> facets = {"bcc100", "bcc110"};  // segregation and barrier facets
  int surface_layers = 4;
  int mean_field_planes = 20;
  double label_threshold = 0.1;
  // [barriers]
  int neb_images = 5;
  double neb_max_force_eV_A = 0.01;
  std::size_t max_environments = 36;         // bcc(100): its catalog feeds the kMC
  std::size_t max_environments_bcc110 = 3;   // bcc(110): the bare hops its descriptor needs
  // [kmc] (on bcc(100): the facet the nucleation and diffusivity descriptors refer to)
  int diffusion_cells = 64;                 // nx = ny of the tracer-diffusion lattice
  double diffusion_coverage_ml = 0.05;
  std::uint64_t diffusion_events = 200000;
  int nucleation_cells = 256;               // nx = ny of the nucleation lattice
  double nucleation_deposited_ml = 0.1;
  std::uint64_t nucleation_max_events = 50000000;  // event cap of the nucleation run
  // [weights] descriptor name -> weight (sign: + rewards high values, - rewards low values)
  std::map<std::string, double> weights;
  // [output]
  std::string output_folder = "screen_out";

  /// The list of rows: the pure host (baseline) first, then the dopants in the given order.
  std::vector<std::string> rows() const;
};

/// The default dopant set of SCIENCE.md §7.
const std::vector<std::string> &default_dopants();
/// Default ranking weights (docs/cli_screen.md explains each choice).
std::map<std::string, double> default_weights();

/// Reads and checks the config. `quick` (from --quick, or `quick = yes` in [screen]) makes the
/// small settings the defaults; sizes the file gives explicitly still apply. Throws
/// std::runtime_error "file:line: ..." naming the key and what was expected.
/// `dopants_override` (from --dopants; empty: none) replaces [screen] dopants and is checked
/// the same way.
ScreenConfig read_screen_config(const std::string &path, bool quick, const std::string &dopants_override = "");

/// Applies the --quick sizes (docs/cli_screen.md, "Quick mode").
void apply_quick_settings(ScreenConfig &config);

/// A fingerprint of everything that changes one row's numbers (not the output folder, the
/// dopant list or the weights): a finished row is reused only when it matches.
std::string row_inputs_fingerprint(const ScreenConfig &config);

}  // namespace anodekmc::screen
