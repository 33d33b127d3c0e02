#include "cli/kmc_options.hpp"

#include "core/strict_number.hpp"
#include "core/text_words.hpp"

#include <boost/program_options.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

struct Key {
  const char *name;
  const char *default_value;
  const char *help;
};

// Every key: name (section.key, unit in the name), default, meaning.
const Key kKeys[] = {
    {"lattice.facet", "bcc100", "surface net: bcc100, fcc100 (square), bcc110 (centred rectangular), fcc111, hcp0001 (triangular)"},
    {"lattice.lattice_constant_A", "3.51", "conventional cubic lattice constant a in Angstrom (hcp0001: in-plane a)"},
    {"lattice.nx", "100", "sites along e1 (>= 4)"},
    {"lattice.ny", "100", "sites along e2 (>= 4)"},
    {"model.species", "Li", "species names, space separated; the first is the deposited species and the host"},
    {"model.prefactor_per_s", "1e13", "attempt frequency nu_0 in 1/s (catalog rows may set their own)"},
    {"model.catalog", "", "barrier catalog CSV (docs/kmc_catalog.md); empty: none"},
    {"model.bond_counting", "true", "use the bond-counting model for environments the catalog lacks (true/false)"},
    {"model.base_barrier_eV", "Li:0.05", "hop barrier E_0 by species under the hopping atom, as species:eV (the deposited species hopping) or mover@species:eV pairs"},
    {"model.bond_eV", "0.1", "barrier increase per lateral bond at the initial site, eV"},
    {"model.ehrlich_schwoebel_eV", "0", "extra barrier to descend a step, eV (may be < 0; no step hop below 0 eV)"},
    {"model.up_step_eV", "0", "extra barrier to ascend a step, eV (may be < 0; no step hop below 0 eV)"},
    {"model.desorption_barrier_eV", "off", "desorption barrier of an atom without lateral bonds, eV; 'off' disables desorption"},
    {"model.desorption_bond_eV", "0", "desorption barrier increase per lateral bond, eV"},
    {"model.exchange_barrier_eV", "off", "adatom-substrate exchange (alloying) barriers as adatom@substrate:eV pairs, e.g. Li@In:0.5 In@Li:0.6; 'off': none"},
    {"model.self_exchange_barrier_eV", "off", "self-exchange barrier per species as species:eV, e.g. Li:0.1075 (square net only: the adatom moves to its diagonal neighbour, pushing up a substrate atom of its own species); 'off': none"},
    {"model.max_height", "0", "0: solid-on-solid, unlimited height; 1: monolayer lattice gas with site exclusion"},
    {"substrate.mode", "pure", "top substrate layer: pure, random, ordered or file"},
    {"substrate.solute", "", "species of the solute sites (random, ordered)"},
    {"substrate.solute_fraction", "0", "fraction of solute sites for mode random (exact count)"},
    {"substrate.pattern", "", "ordered pattern: c2x2 (checkerboard) or p2x1 (alternate rows)"},
    {"substrate.file", "", "substrate map file for mode file (docs/kmc_substrate.md)"},
    {"conditions.temperature_K", "300", "temperature in K"},
    {"conditions.flux_ml_per_s", "0", "deposition flux in monolayers (atoms per site) per second"},
    {"conditions.current_density_mA_per_cm2", "0", "plating current density in mA/cm^2 (instead of the flux)"},
    {"conditions.initial_coverage_ml", "0", "adatoms placed on random distinct sites at t = 0, ML"},
    {"run.seed", "1", "random seed (unsigned 64-bit)"},
    {"run.selector", "sumtree", "event selection: sumtree (O(log N)) or cr (composition-rejection, O(1))"},
    {"run.first_passage", "off", "on: exact first-passage acceleration of isolated adatoms (every net; docs/kmc_first_passage.md); off: plain hops"},
    {"run.first_passage_max_half_width", "128", "largest protective domain half-width L in sites (domain of (2L+1)^2 sites), 1..1024"},
    {"run.max_time_s", "0", "stop at this simulated time, s (0: no limit)"},
    {"run.max_events", "0", "stop after this many events in total (0: no limit)"},
    {"run.max_deposited_ml", "0", "stop when this much has been deposited, ML (0: no limit)"},
    {"run.sample_interval_s", "0", "write a time-series row every this many simulated seconds (0: none)"},
    {"run.checkpoint_every_events", "0", "write checkpoint.bin every this many events (0: only at the end)"},
    {"output.folder", "kmc_out", "output folder (created)"},
    {"output.dump_every_samples", "0", "write a snapshot every this many samples (0: none)"},
};

double to_double(const std::map<std::string, std::string> &v, const std::string &key) {
  const std::string &text = v.at(key);
  double x = 0;
  if (!parse_double_exact(text, x)) throw std::invalid_argument(key + ": expected a number, got '" + text + "'");
  if (!std::isfinite(x)) throw std::invalid_argument(key + ": expected a finite number, got '" + text + "'");
  return x;
}

long long to_integer(const std::map<std::string, std::string> &v, const std::string &key) {
  const std::string &text = v.at(key);
  long long x = 0;
  if (!parse_integer_exact(text, x)) throw std::invalid_argument(key + ": expected an integer, got '" + text + "'");
  return x;
}

std::uint64_t to_count(const std::map<std::string, std::string> &v, const std::string &key) {
  const std::string &text = v.at(key);
  std::size_t used = 0;
  unsigned long long x = 0;
  try {
    if (!text.empty() && text[0] != '-') x = std::stoull(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    throw std::invalid_argument(key + ": expected an integer >= 0 (at most 2^64 - 1), got '" + text + "'");
  return x;
}

int to_int(const std::map<std::string, std::string> &v, const std::string &key) {
  const long long x = to_integer(v, key);
  if (x < -2147483647LL || x > 2147483647LL)
    throw std::invalid_argument(key + ": integer out of range, got '" + v.at(key) + "'");
  return static_cast<int>(x);
}

bool to_bool(const std::map<std::string, std::string> &v, const std::string &key) {
  const std::string &t = v.at(key);
  if (t == "true" || t == "yes" || t == "on" || t == "1") return true;
  if (t == "false" || t == "no" || t == "off" || t == "0") return false;
  throw std::invalid_argument(key + ": expected true or false, got '" + t + "'");
}


// Parses "a@b:eV" pairs (and, when `first_optional`, "b:eV" meaning a = the deposited species)
// into a species x species table [a * S + b], NaN where not given.
std::vector<double> species_pair_table(const std::map<std::string, std::string> &v, const std::string &key,
                                       const std::vector<std::string> &species, bool first_optional) {
  const std::size_t n = species.size();
  std::vector<double> table(n * n, NAN);
  auto index_of = [&](const std::string &name) {
    for (std::size_t i = 0; i < n; ++i)
      if (species[i] == name) return i;
    throw std::invalid_argument(key + ": species '" + name + "' is not in model.species");
  };
  for (const auto &pair : split_words(v.at(key))) {
    const auto colon = pair.find(':');
    if (colon == std::string::npos)
      throw std::invalid_argument(key + ": expected " + (first_optional ? "species:eV or " : "") +
                                  "mover@species:eV pairs, got '" + pair + "'");
    const std::string names = pair.substr(0, colon);
    const auto at = names.find('@');
    if (at == std::string::npos && !first_optional)
      throw std::invalid_argument(key + ": expected adatom@substrate:eV, got '" + pair + "'");
    const std::size_t a = at == std::string::npos ? 0 : index_of(names.substr(0, at));
    const std::size_t b = index_of(at == std::string::npos ? names : names.substr(at + 1));
    if (!std::isnan(table[a * n + b])) throw std::invalid_argument(key + ": '" + names + "' given twice");
    std::map<std::string, std::string> one{{key, pair.substr(colon + 1)}};
    table[a * n + b] = to_double(one, key);
  }
  return table;
}

}  // namespace

std::string kmc_help() {
  std::ostringstream out;
  out << "Usage: anodekmc kmc CONFIG.ini [--restart FILE] [--quiet] [--section.key value ...]\n\n"
         "Surface kinetic Monte Carlo (solid-on-solid, deposition, hops, desorption) on Li and\n"
         "Li-alloy surface nets. Keys come from the INI file ([section] then key = value) and\n"
         "can be overridden on the command line. Results go to output.folder: run.json,\n"
         "timeseries.csv, island_sizes.csv, substrate.map, checkpoint.bin, snapshots/.\n"
         "SIGINT/SIGTERM write a checkpoint and exit with status 3; continue with --restart.\n\n"
         "Options:\n"
         "  --restart FILE   continue the run from a checkpoint written by the same config\n"
         "  --quiet          no progress line\n"
         "  --help           this text\n\nKeys (default in brackets):\n";
  for (const auto &k : kKeys) {
    std::string head = std::string("  ") + k.name + " [" + k.default_value + "]";
    if (head.size() < 44) head.resize(44, ' ');
    else head += "\n" + std::string(44, ' ');
    out << head << k.help << "\n";
  }
  out << "\nExample: anodekmc kmc inputs/kmc_Li100_plating/config.ini --run.max_deposited_ml 0.05\n"
         "Documentation: docs/cli_kmc.md\n";
  return out.str();
}

KmcCommandLine parse_kmc_command_line(int argc, char **argv) {
  KmcCommandLine cl;
  po::options_description keys("keys");
  for (const auto &k : kKeys) keys.add_options()(k.name, po::value<std::string>(), k.help);
  po::options_description general("general");
  general.add_options()("help,h", "help")("restart", po::value<std::string>(), "checkpoint")("quiet", "no progress")(
      "config", po::value<std::string>(), "config file");
  po::options_description all;
  all.add(general).add(keys);
  po::positional_options_description positional;
  positional.add("config", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  } catch (const po::error &e) {
    throw std::invalid_argument(std::string("command line: ") + e.what());
  }
  if (vm.count("help")) {
    cl.help = true;
    return cl;
  }
  if (!vm.count("config")) throw std::invalid_argument("a config file is required (see 'anodekmc kmc --help')");
  cl.config_path = vm["config"].as<std::string>();
  std::ifstream file(cl.config_path);
  if (!file) throw std::invalid_argument(cl.config_path + ": cannot open config file");
  try {
    // Values already stored from the command line take precedence over the file.
    po::store(po::parse_config_file(file, keys, false), vm);
  } catch (const po::unknown_option &e) {
    throw std::invalid_argument(cl.config_path + ": unknown key '" + e.get_option_name() +
                                "' (keys carry their unit in the name; see 'anodekmc kmc --help')");
  } catch (const po::error &e) {
    throw std::invalid_argument(cl.config_path + ": " + e.what());
  }
  if (vm.count("restart")) cl.restart_path = vm["restart"].as<std::string>();
  cl.quiet = vm.count("quiet") > 0;

  std::map<std::string, std::string> v;
  for (const auto &k : kKeys) v[k.name] = vm.count(k.name) ? vm[k.name].as<std::string>() : k.default_value;

  auto &c = cl.config;
  c.facet = v["lattice.facet"];
  c.lattice_constant_A = to_double(v, "lattice.lattice_constant_A");
  c.nx = to_int(v, "lattice.nx");
  c.ny = to_int(v, "lattice.ny");
  c.species = split_words(v["model.species"]);
  c.prefactor_per_s = to_double(v, "model.prefactor_per_s");
  c.catalog_path = v["model.catalog"];
  c.bond_counting.enabled = to_bool(v, "model.bond_counting");
  c.bond_counting.base_barrier_eV = species_pair_table(v, "model.base_barrier_eV", c.species, true);
  if (v["model.exchange_barrier_eV"] != "off")
    c.exchange.barrier_eV = species_pair_table(v, "model.exchange_barrier_eV", c.species, false);
  if (v["model.self_exchange_barrier_eV"] != "off") {
    // "species:eV" words: the diagonal of a species x species table read the same way.
    std::string as_pairs;
    for (const auto &word : split_words(v.at("model.self_exchange_barrier_eV"))) {
      const auto colon = word.find(':');
      if (colon == std::string::npos || word.find('@') != std::string::npos)
        throw std::invalid_argument("model.self_exchange_barrier_eV: expected species:eV, got '" + word + "'");
      as_pairs += word.substr(0, colon) + "@" + word + " ";
    }
    std::map<std::string, std::string> one{{"model.self_exchange_barrier_eV", as_pairs}};
    const std::vector<double> table = species_pair_table(one, "model.self_exchange_barrier_eV", c.species, false);
    for (std::size_t a = 0; a < c.species.size(); ++a) c.exchange.self_barrier_eV.push_back(table[a * c.species.size() + a]);
  }
  c.bond_counting.bond_eV = to_double(v, "model.bond_eV");
  c.bond_counting.ehrlich_schwoebel_eV = to_double(v, "model.ehrlich_schwoebel_eV");
  c.bond_counting.up_step_eV = to_double(v, "model.up_step_eV");
  c.desorption.enabled = v["model.desorption_barrier_eV"] != "off";
  if (c.desorption.enabled) c.desorption.barrier_eV = to_double(v, "model.desorption_barrier_eV");
  c.desorption.bond_eV = to_double(v, "model.desorption_bond_eV");
  c.max_height = to_int(v, "model.max_height");
  c.substrate.mode = v["substrate.mode"];
  c.substrate.solute = v["substrate.solute"];
  c.substrate.solute_fraction = to_double(v, "substrate.solute_fraction");
  c.substrate.pattern = v["substrate.pattern"];
  c.substrate.file = v["substrate.file"];
  c.temperature_K = to_double(v, "conditions.temperature_K");
  c.flux_ml_per_s = to_double(v, "conditions.flux_ml_per_s");
  c.current_density_mA_per_cm2 = to_double(v, "conditions.current_density_mA_per_cm2");
  c.initial_coverage_ml = to_double(v, "conditions.initial_coverage_ml");
  c.seed = to_count(v, "run.seed");
  c.selector = v["run.selector"];
  {
    const std::string &fp = v["run.first_passage"];
    if (fp != "on" && fp != "off")
      throw std::invalid_argument("run.first_passage: expected on or off, got '" + fp + "'");
    c.first_passage.enabled = fp == "on";
  }
  c.first_passage.max_half_width = to_int(v, "run.first_passage_max_half_width");
  c.limits.max_time_s = to_double(v, "run.max_time_s");
  c.limits.max_events = to_count(v, "run.max_events");
  c.limits.max_deposited_ml = to_double(v, "run.max_deposited_ml");
  c.limits.sample_interval_s = to_double(v, "run.sample_interval_s");
  c.checkpoint_every_events = to_count(v, "run.checkpoint_every_events");
  c.output_folder = v["output.folder"];
  c.dump_every_samples = to_int(v, "output.dump_every_samples");
  c.validate();

  // The effective configuration, grouped by section (provenance, and a config to rerun with).
  std::string section;
  for (const auto &k : kKeys) {
    const std::string name = k.name;
    const std::string sec = name.substr(0, name.find('.'));
    if (sec != section) {
      cl.effective_config += (section.empty() ? "" : "\n") + std::string("[") + sec + "]\n";
      section = sec;
    }
    cl.effective_config += name.substr(name.find('.') + 1) + " = " + v[name] + "\n";
  }
  return cl;
}

}  // namespace anodekmc::cli
