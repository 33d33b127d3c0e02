// `anodekmc kmc`: the surface kinetic Monte Carlo engine. docs/cli_kmc.md.
#include "cli/kmc_options.hpp"
#include "cli/subcommands.hpp"

#include "kmc/kmc_runner.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <unistd.h>

namespace anodekmc::cli {

namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) { g_stop_requested.store(true); }

}  // namespace

int run_kmc_subcommand(int argc, char **argv) {
  KmcCommandLine cl;
  try {
    cl = parse_kmc_command_line(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << "anodekmc kmc: " << e.what() << "\n";
    return 2;
  }
  if (cl.help) {
    std::cout << kmc_help();
    return 0;
  }
  // SIGINT / SIGTERM: finish the current event, write a checkpoint, exit with status 3.
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  kmc::KmcRunContext context;
  context.config_text = "# effective configuration of this run (anodekmc kmc)\n" + cl.effective_config;
  context.restart_path = cl.restart_path;
  context.show_progress = !cl.quiet && isatty(fileno(stderr));
  context.stop = &g_stop_requested;
  try {
    return kmc::run_kmc(cl.config, context);
  } catch (const kmc::KmcInputError &e) {
    std::cerr << "anodekmc kmc: " << e.what() << "\n";
    return 2;  // bad input found before the run started
  } catch (const std::exception &e) {
    std::cerr << "anodekmc kmc: " << e.what() << "\n";
    return 1;  // error during the run (recorded in run.json)
  }
}

}  // namespace anodekmc::cli
