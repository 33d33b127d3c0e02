// The INI keys of `anodekmc kmc` (Boost.Program_options) and their conversion into a
// KmcRunConfig with one clear error per bad value. Every key can also be given on the command
// line as --section.key value, which overrides the file. docs/cli_kmc.md lists them.
#pragma once

#include "kmc/kmc_run_config.hpp"

#include <string>
#include <vector>

namespace anodekmc::cli {

struct KmcCommandLine {
  bool help = false;
  std::string config_path;
  std::string restart_path;
  bool quiet = false;
  kmc::KmcRunConfig config;
  std::string effective_config;  // every key with its value, as an INI text
};

/// Parses argv (argv[0] = "kmc"). Throws std::invalid_argument with a one-line message.
KmcCommandLine parse_kmc_command_line(int argc, char **argv);

/// The --help text.
std::string kmc_help();

}  // namespace anodekmc::cli
