// The one table of every anodekmc LAMMPS style, and its registration in a LAMMPS instance.
//
// LAMMPS keeps its styles in public maps from name to creator function (Force::pair_map,
// Modify::fix_map, Modify::compute_map, Input::command_map); inserting a creator is all that
// "installing" a style means (it is also all the PLUGIN package does). The same table feeds the
// `anodekmc lammps` driver, the `anodekmc_styles` command, the C entry point
// anodekmc_register_styles() and lammpsplugin_init() of the shared module.
#pragma once

#include "force.h"
#include "input.h"
#include "modify.h"

#include <string>
#include <vector>

namespace anodekmc {

/// One style anodekmc adds to LAMMPS. Exactly one creator is set, matching `kind`.
struct StyleEntry {
  std::string kind;  ///< "pair", "fix", "compute" or "command" (the LAMMPS plugin kinds)
  std::string name;  ///< the style name used in input decks, e.g. "layer/excess"
  std::string info;  ///< one line for listings
  LAMMPS_NS::Force::PairCreator pair_creator = nullptr;
  LAMMPS_NS::Modify::FixCreator fix_creator = nullptr;
  LAMMPS_NS::Modify::ComputeCreator compute_creator = nullptr;
  LAMMPS_NS::Input::CommandCreator command_creator = nullptr;
};

/// Every style anodekmc provides, in registration order.
const std::vector<StyleEntry> &style_list();

/// Inserts every anodekmc style into the style maps of `lmp`. Safe to call again at any time;
/// needed again after each `clear`, which recreates Force and Modify with their stock maps.
void register_styles(LAMMPS_NS::LAMMPS *lmp);

/// True if every anodekmc style is currently present in the maps of `lmp`.
bool styles_registered(LAMMPS_NS::LAMMPS *lmp);

}  // namespace anodekmc
