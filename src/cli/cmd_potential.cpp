// `anodekmc potential fit | export | report`: the analytic EAM database. docs/cli_potential.md.
#include "cli/subcommands.hpp"

#include <anodekmc/version.hpp>

#include <boost/program_options.hpp>

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/atomic_file.hpp"
#include "potential/database_fit.hpp"
#include "potential/eam_model.hpp"
#include "potential/setfl_writer.hpp"

namespace po = boost::program_options;

namespace anodekmc::cli {

namespace {

using namespace anodekmc::potential;

const char *kDefaultDatabase = "potentials/anodekmc_LiM.eamdb";

std::vector<std::string> split_list(const std::string &text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
  }
  return items;
}

void print_table(std::ostream &out, const std::vector<ResidualRow> &rows) {
  for (const auto &row : rows) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-58s %12.5g %12.5g %10.3g %8.2f\n", row.quantity.c_str(), row.target,
                  row.achieved, row.achieved - row.target, row.residual());
    out << line;
  }
}

int usage_error(const std::string &message) {
  std::cerr << "anodekmc potential: " << message << " (see 'anodekmc potential --help')\n";
  return 2;
}

const char *kOverview =
    "Usage: anodekmc potential <action> [options]\n\n"
    "Actions:\n"
    "  fit      fit the EAM database to the targets in potentials/targets (Levenberg-Marquardt)\n"
    "  export   write a setfl file for stock LAMMPS pair_style eam/alloy\n"
    "  report   compute every target through LAMMPS and write potentials/FIT_REPORT.md\n\n"
    "'anodekmc potential <action> --help' lists the action's options. docs/cli_potential.md.\n";

int run_fit(int argc, char **argv) {
  po::options_description options("anodekmc potential fit options");
  options.add_options()("help,h", "print this help")(
      "targets", po::value<std::string>()->default_value("potentials/targets"),
      "folder of fit targets: <El>.ini per element, <El>-<El>.ini per pair (docs/potential_targets.md)")(
      "start", po::value<std::string>()->default_value("potentials/start/zhou2004.eamdb"),
      "database whose elements start from their own parameters (a previous fit, or Zhou et al. 2004)")(
      "templates", po::value<std::string>()->default_value("potentials/start/zhou2004.eamdb"),
      "database holding the shape templates for elements missing from --start")(
      "bcc-template", po::value<std::string>()->default_value("Ta"), "template element for bcc references")(
      "fcc-template", po::value<std::string>()->default_value("Pb"), "template element for fcc references")(
      "hcp-template", po::value<std::string>()->default_value("Mg"), "template element for hcp references")(
      "elements", po::value<std::string>()->default_value(""),
      "comma-separated elements to (re)fit; others are copied from --start (default: all with targets)")(
      "pairs-only", "keep every element of --start as it is and fit only the cross-pair corrections")(
      "pairs", po::value<std::string>()->default_value(""),
      "comma-separated pairs to refit, e.g. Li-Al,Li-Bi; every element and every other pair is copied from --start")(
      "output,o", po::value<std::string>()->default_value(kDefaultDatabase), "database file to write")(
      "id-prefix", po::value<std::string>()->default_value("anodekmc-LiM"),
      "potential id prefix; the id is <prefix>-<hash of the parameters>")(
      "max-iterations", po::value<int>()->default_value(150), "Levenberg-Marquardt iterations per fit")(
      "quiet,q", "no per-iteration progress");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (vm["max-iterations"].as<int>() < 1) return usage_error("--max-iterations must be >= 1");
  const bool some_elements = !vm["elements"].as<std::string>().empty();
  if (vm.count("pairs-only") && some_elements) return usage_error("--pairs-only and --elements exclude each other");
  if (!vm["pairs"].as<std::string>().empty() && (vm.count("pairs-only") || some_elements))
    return usage_error("--pairs excludes --pairs-only and --elements");
  TargetSet targets;
  EamDatabase start, templates;
  try {
    targets = read_target_folder(vm["targets"].as<std::string>());
    start = EamDatabase::read(vm["start"].as<std::string>());
    templates = EamDatabase::read(vm["templates"].as<std::string>());
  } catch (const std::exception &e) {
    std::cerr << "anodekmc potential fit: " << e.what() << "\n";
    return 2;
  }
  DatabaseFitRequest request;
  request.targets = &targets;
  request.start = &start;
  request.templates = &templates;
  request.bcc_template = vm["bcc-template"].as<std::string>();
  request.fcc_template = vm["fcc-template"].as<std::string>();
  request.hcp_template = vm["hcp-template"].as<std::string>();
  request.only_elements = split_list(vm["elements"].as<std::string>());
  request.pairs_only = vm.count("pairs-only") > 0;
  request.only_pairs = split_list(vm["pairs"].as<std::string>());
  request.settings.max_iterations = vm["max-iterations"].as<int>();
  if (!vm.count("quiet")) request.settings.progress = &std::cout;
  DatabaseFitSummary summary;
  EamDatabase fitted;
  try {
    fitted = fit_database(request, summary);
  } catch (const std::exception &e) {
    std::cerr << "anodekmc potential fit: " << e.what() << "\n";
    return 2;
  }
  fitted.potential_id = content_potential_id(fitted, vm["id-prefix"].as<std::string>());
  fitted.description = std::string("fitted by anodekmc ") + kVersion + " (git " + kGitSha + ") from " +
                       vm["targets"].as<std::string>() + "; screening grade: see potentials/FIT_REPORT.md";
  std::cout << "\nResidual table (target, achieved, difference, residual = difference / tolerance):\n";
  double total = 0;
  for (const auto &e : summary.elements) {
    print_table(std::cout, e.table);
    total += e.cost;
  }
  for (const auto &p : summary.pairs) {
    print_table(std::cout, p.table);
    total += p.cost;
  }
  std::cout << "total ½Σresidual² = " << total << "\n";
  const std::string output = vm["output"].as<std::string>();
  try {
    write_file_atomic(output, fitted.to_text());
  } catch (const std::exception &e) {
    std::cerr << "anodekmc potential fit: " << e.what() << "\n";
    return 1;
  }
  std::cout << "wrote " << output << " (potential id " << fitted.potential_id << ")\n";
  return 0;
}

int run_export(int argc, char **argv) {
  po::options_description options("anodekmc potential export options");
  options.add_options()("help,h", "print this help")(
      "database", po::value<std::string>()->default_value(kDefaultDatabase), "EAM database to export")(
      "elements", po::value<std::string>(), "comma-separated elements in LAMMPS type order, e.g. Li,In (required)")(
      "output,o", po::value<std::string>(), "setfl file to write, e.g. LiIn.eam.alloy (required)")(
      "nr", po::value<int>()->default_value(10000), "points of the r grid (0 .. cutoff)")(
      "nrho", po::value<int>()->default_value(10000), "points of the density grid")(
      "rho-max-factor", po::value<double>()->default_value(4.0),
      "density grid ends at this factor times the largest rho_e of the exported elements");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("elements") || !vm.count("output")) return usage_error("export needs --elements and --output");
  SetflGrid grid;
  grid.nr = vm["nr"].as<int>();
  grid.nrho = vm["nrho"].as<int>();
  grid.rho_max_factor = vm["rho-max-factor"].as<double>();
  if (grid.nr < 100 || grid.nrho < 100) return usage_error("--nr and --nrho must be at least 100");
  if (!(grid.rho_max_factor > 1.0) || !std::isfinite(grid.rho_max_factor))
    return usage_error("--rho-max-factor must be a finite number > 1");
  const auto elements = split_list(vm["elements"].as<std::string>());
  if (elements.empty()) return usage_error("--elements is empty");
  try {
    const EamDatabase db = EamDatabase::read(vm["database"].as<std::string>());
    const EamModel model(db, elements);
    const std::string provenance = "database " + vm["database"].as<std::string>() + ", anodekmc " + kVersion +
                                   " (git " + kGitSha + ")";
    write_file_atomic(vm["output"].as<std::string>(), setfl_text(model, grid, provenance));
    std::cout << "wrote " << vm["output"].as<std::string>() << ": elements";
    for (const auto &e : elements) std::cout << ' ' << e;
    std::cout << ", cutoff " << model.max_cutoff_A() << " A, potential " << db.potential_id << "\n";
  } catch (const std::exception &e) {
    std::cerr << "anodekmc potential export: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_potential_subcommand(int argc, char **argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    (argc < 2 ? std::cerr : std::cout) << kOverview;
    return argc < 2 ? 2 : 0;
  }
  const std::string action = argv[1];
  if (action == "fit") return run_fit(argc - 1, argv + 1);
  if (action == "export") return run_export(argc - 1, argv + 1);
  if (action == "report") return run_potential_report(argc - 1, argv + 1);
  return usage_error("unknown action '" + action + "'; expected fit, export or report");
}

}  // namespace anodekmc::cli
