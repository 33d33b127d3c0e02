// anodekmc: one executable, one subcommand per job. Documentation: docs/cli.md.
#include "cli/subcommands.hpp"

#include <anodekmc/version.hpp>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace {

void print_usage(std::ostream &out, const po::options_description &global) {
  out << "anodekmc " << anodekmc::kVersion
      << ": Li-metal anode surfaces (LAMMPS styles, surface kMC, segregation, lookup tables)\n\n"
         "Usage: anodekmc [--help | --version] <subcommand> [subcommand options]\n\n"
         "Subcommands:\n";
  for (const auto &sub : anodekmc::cli::subcommands())
    out << "  " << sub.name << std::string(12 - std::min<std::size_t>(11, sub.name.size()), ' ') << sub.summary
        << "\n";
  out << "\n" << global << "\n'anodekmc <subcommand> --help' explains a subcommand's options.\n";
}

}  // namespace

int main(int argc, char **argv) {
  po::options_description global("Options");
  global.add_options()("help,h", "print this help and exit")("version", "print version and git sha, then exit");

  // Global options come before the subcommand; everything from the subcommand on belongs to it
  // (LAMMPS switches such as -in or -var must reach LAMMPS untouched).
  int sub_index = 1;
  while (sub_index < argc && argv[sub_index][0] == '-') ++sub_index;

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(sub_index, argv).options(global).run(), vm);
    po::notify(vm);
  } catch (const po::error &e) {
    std::cerr << "anodekmc: " << e.what() << " (see 'anodekmc --help')\n";
    return 2;
  }
  if (vm.count("version")) {
    std::cout << "anodekmc " << anodekmc::kVersion << " (git " << anodekmc::kGitSha << ")\n";
    return 0;
  }
  if (vm.count("help") || sub_index >= argc) {
    print_usage(vm.count("help") ? std::cout : std::cerr, global);
    return vm.count("help") ? 0 : 2;
  }

  const std::string name = argv[sub_index];
  for (const auto &sub : anodekmc::cli::subcommands()) {
    if (sub.name == name) {
      // The subcommand sees argv[0] = its name and its own arguments after it.
      // argv[argc] stays a null pointer, as MPI_Init and LAMMPS expect.
      std::vector<char *> sub_argv(argv + sub_index, argv + argc);
      const int sub_argc = static_cast<int>(sub_argv.size());
      sub_argv.push_back(nullptr);
      return sub.run(sub_argc, sub_argv.data());
    }
  }
  std::cerr << "anodekmc: unknown subcommand '" << name << "'; expected one of:";
  for (const auto &sub : anodekmc::cli::subcommands()) std::cerr << " " << sub.name;
  std::cerr << " (see 'anodekmc --help')\n";
  return 2;
}
