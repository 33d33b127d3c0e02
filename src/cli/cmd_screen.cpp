// `anodekmc screen CONFIG.ini`: ranks dopant elements for Li anode surfaces (docs/cli_screen.md).
// Rows (the pure host, then each dopant) are dealt round-robin to the MPI ranks; each rank
// computes its rows with its own LAMMPS instance (MPI_COMM_SELF) and writes each row's
// row.json as soon as it is finished, so an interrupted run loses only the rows in progress and a
// re-run reuses every finished row whose inputs match. Rank 0 then ranks the rows and writes
// the report, and draws the figures with the analysis/ scripts.
#include "cli/subcommands.hpp"

#include <boost/program_options.hpp>
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <anodekmc/version.hpp>
#include "core/atomic_file.hpp"
#include "screen/dopant_pipeline.hpp"
#include "screen/screen_config.hpp"
#include "screen/screening_report.hpp"
#include "screen/screening_score.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using nlohmann::json;

namespace anodekmc::cli {

namespace {

const char *const kScreenHelp =
    "Usage: anodekmc screen CONFIG.ini [--quick] [--dopants \"M1 M2 ...\"] [--output DIR] [--no-figures] [--quiet]\n"
    "       mpirun -np N anodekmc screen CONFIG.ini\n\n"
    "Ranks dopant elements M for Li anode surfaces. For the pure host (the baseline row) and each\n"
    "dopant: dilute heat of solution in the host; layer segregation energies and, from the\n"
    "multilayer mean field at the stated bulk fraction and temperature, the surface fraction,\n"
    "Gibbsian excess and complexion label on bcc(100) (and bcc(110)); the Li adatom adsorption\n"
    "energy next to M relative to bulk Li; CI-NEB Li hop barriers with M in the surface layer;\n"
    "kMC tracer surface diffusivity (with an Arrhenius fit) and island density after plating at\n"
    "the stated current density, on a surface holding M at its equilibrium surface fraction.\n"
    "A documented score with weights from the config ranks the rows; every descriptor is shown.\n\n"
    "Writes DIR/rows/<element>/row.json as each row finishes (a re-run skips finished rows\n"
    "whose inputs match), then DIR/screening.csv, arrhenius.csv, report.md, run.json, and with\n"
    "python3 + matplotlib the figures screening.png and arrhenius.png (analysis/ scripts).\n\n"
    "Options:\n"
    "  --quick        small slabs, 3 hop environments, short kMC; labelled QUICK in every output\n"
    "  --dopants LIST space-separated dopant symbols replacing [screen] dopants\n"
    "  --output DIR   output folder (default: [output] folder of the config, else screen_out)\n"
    "  --no-figures   do not run the analysis/ plotting scripts\n"
    "  --quiet        no progress lines\n"
    "  --help         this text\n\n"
    "Config keys: docs/cli_screen.md. Exit status: 0 done, 2 bad input, 1 other failure.\n";

std::string analysis_folder() {
  if (const char *env = std::getenv("ANODEKMC_ANALYSIS_DIR")) return env;
  return ANODEKMC_ANALYSIS_DIR;
}

// The row of `element` in the output folder, if finished with the same inputs.
std::optional<json> stored_row(const std::string &path, const std::string &fingerprint) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    json row = json::parse(in);
    if (row.value("inputs", "") == fingerprint && row.value("complete", false)) return row;
  } catch (const std::exception &) {
  }
  return std::nullopt;
}

std::string quoted(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int run_screen_subcommand(int argc, char **argv) {
  po::options_description options("anodekmc screen options");
  options.add_options()("help,h", "")("quiet,q", "")("quick", "")("no-figures", "")(
      "output", po::value<std::string>(), "")("dopants", po::value<std::string>(), "")("config", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    std::cerr << "anodekmc screen: " << e.what() << " (see 'anodekmc screen --help')\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << kScreenHelp;
    return 0;
  }
  if (!vm.count("config")) {
    std::cerr << "anodekmc screen: missing CONFIG.ini (see 'anodekmc screen --help')\n";
    return 2;
  }
  const std::string path = vm["config"].as<std::string>();
  screen::ScreenConfig config;
  try {
    config = screen::read_screen_config(path, vm.count("quick") > 0,
                                        vm.count("dopants") ? vm["dopants"].as<std::string>() : std::string());
  } catch (const std::exception &e) {
    std::cerr << "anodekmc screen: " << e.what() << "\n";  // before MPI: every rank says it, nothing written
    return 2;
  }
  if (vm.count("output")) config.output_folder = vm["output"].as<std::string>();

  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const auto start = std::chrono::steady_clock::now();
  const bool talk = !vm.count("quiet");
  const std::vector<std::string> rows = config.rows();
  const std::string fingerprint = screen::row_inputs_fingerprint(config);
  auto row_path = [&](const std::string &e) { return (fs::path(config.output_folder) / "rows" / e / "row.json").string(); };
  if (rank == 0 && talk)
    std::cout << "anodekmc screen: " << path << ": " << rows.size() << " rows (" << config.host << " baseline + "
              << config.dopants.size() << " dopants) on " << ranks << " rank(s)"
              << (config.quick ? ", QUICK mode (indicative only)" : "") << std::endl;

  int status = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (static_cast<int>(k % static_cast<std::size_t>(ranks)) != rank) continue;
    const std::string &element = rows[k];
    const std::string where = "[screen] rank " + std::to_string(rank) + ": " + element + " (" + std::to_string(k + 1) +
                              "/" + std::to_string(rows.size()) + ")";
    if (stored_row(row_path(element), fingerprint)) {
      if (talk) std::cerr << where << ": finished before, reused" << std::endl;
      continue;
    }
    const auto row_start = std::chrono::steady_clock::now();
    try {
      json row = screen::compute_row(config, element, (fs::path(config.output_folder) / "rows" / element).string(),
                                     [&](const std::string &stage) {
                                       if (talk) std::cerr << where << ": " << stage << std::endl;
                                     });
      row["wall_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - row_start).count();
      write_file_atomic(row_path(element), row.dump(1) + "\n");
      if (talk)
        std::cerr << where << ": done in " << row["wall_s"].get<double>() << " s"
                  << (row.value("complete", false) ? "" : " (INCOMPLETE: see its notes)") << std::endl;
    } catch (const std::exception &e) {
      std::cerr << "anodekmc screen: " << where << ": " << e.what() << "\n";
      status = 1;
    }
  }
  MPI_Allreduce(MPI_IN_PLACE, &status, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);

  if (rank == 0 && status == 0) {
    try {
      std::vector<json> done;
      for (const std::string &element : rows) {
        std::ifstream in(row_path(element));
        if (!in) throw std::runtime_error(row_path(element) + ": missing after the run");
        done.push_back(json::parse(in));
      }
      const std::vector<screen::RankedRow> ranked = screen::rank_rows(done, config.weights);
      const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      screen::write_screening_report(config, done, ranked, config.output_folder, {}, ranks, wall_s);
      std::vector<std::string> figures;
      if (!vm.count("no-figures")) {
        const std::string dir = analysis_folder();
        const std::string out = config.output_folder;
        const std::string py = "/usr/bin/python3 ";
        const std::string screening = py + quoted(dir + "/plot_screening.py") + " " + quoted(out + "/screening.csv") +
                                      " --output " + quoted(out + "/screening.png") + " > /dev/null";
        const std::string arrhenius = py + quoted(dir + "/plot_arrhenius.py") + " " + quoted(out + "/arrhenius.csv") +
                                      " --group-by dopant --output " + quoted(out + "/arrhenius.png") + " > /dev/null";
        if (std::system(screening.c_str()) == 0) figures.push_back("screening.png");
        else std::cerr << "anodekmc screen: warning: the ranking figure was not drawn (" << screening << ")\n";
        if (std::system(arrhenius.c_str()) == 0) figures.push_back("arrhenius.png");
        else std::cerr << "anodekmc screen: warning: the Arrhenius figure was not drawn (" << arrhenius << ")\n";
        if (!figures.empty())
          screen::write_screening_report(config, done, ranked, config.output_folder, figures, ranks, wall_s);
      }
      json run = {{"anodekmc_version", kVersion},
                  {"git_sha", kGitSha},
                  {"config_file", path},
                  {"config", config.source_text},
                  {"potential_id", config.potential_id},
                  {"database", config.database_path},
                  {"quick", config.quick},
                  {"seed", config.seed},
                  {"mpi_ranks", ranks},
                  {"wall_s", wall_s},
                  {"rows", rows},
                  {"weights", config.weights},
                  {"figures", figures}};
      write_file_atomic((fs::path(config.output_folder) / "run.json").string(), run.dump(1) + "\n");
      if (talk) {
        std::cout << "\n rank  row     score\n";
        std::vector<std::size_t> order(done.size());
        for (std::size_t k = 0; k < done.size(); ++k) order[static_cast<std::size_t>(ranked[k].rank - 1)] = k;
        for (std::size_t k : order) {
          char line[128];
          std::snprintf(line, sizeof line, " %4d  %-6s  %.3f%s", ranked[k].rank, ranked[k].element.c_str(), ranked[k].score,
                        done[k].value("baseline", false) ? "  (baseline)" : "");
          std::cout << line << "\n";
        }
        std::cout << "\nreport: " << (fs::path(config.output_folder) / "report.md").string() << std::endl;
      }
    } catch (const std::exception &e) {
      std::cerr << "anodekmc screen: " << e.what() << "\n";
      status = 1;
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Finalize();
  return status;
}

}  // namespace anodekmc::cli
