#include "lammps/register_styles.h"

#include "lammps/command_anodekmc_styles.h"
#include "lammps/compute_layer_excess.h"
#include "lammps/fix_hop_detect.h"
#include "lammps/fix_sgcmc_vc.h"
#include "lammps/pair_eam_analytic.h"

#include "lammps.h"

namespace anodekmc {

namespace {

using namespace LAMMPS_NS;

// Creators with exactly the signatures of LAMMPS's style maps.
template <typename T>
Pair *create_pair(LAMMPS *lmp) {
  return new T(lmp);
}
template <typename T>
Fix *create_fix(LAMMPS *lmp, int narg, char **arg) {
  return new T(lmp, narg, arg);
}
template <typename T>
Compute *create_compute(LAMMPS *lmp, int narg, char **arg) {
  return new T(lmp, narg, arg);
}
template <typename T>
Command *create_command(LAMMPS *lmp) {
  return new T(lmp);
}

StyleEntry pair_entry(const char *name, const char *info, Force::PairCreator creator) {
  StyleEntry e{"pair", name, info};
  e.pair_creator = creator;
  return e;
}
StyleEntry fix_entry(const char *name, const char *info, Modify::FixCreator creator) {
  StyleEntry e{"fix", name, info};
  e.fix_creator = creator;
  return e;
}
StyleEntry compute_entry(const char *name, const char *info, Modify::ComputeCreator creator) {
  StyleEntry e{"compute", name, info};
  e.compute_creator = creator;
  return e;
}
StyleEntry command_entry(const char *name, const char *info, Input::CommandCreator creator) {
  StyleEntry e{"command", name, info};
  e.command_creator = creator;
  return e;
}

}  // namespace

const std::vector<StyleEntry> &style_list() {
  static const std::vector<StyleEntry> styles = {
      pair_entry("eam/analytic", "analytic EAM (Zhou-Johnson-Wadley + Johnson mixing) from the anodekmc database",
                 &create_pair<PairEAMAnalytic>),
      fix_entry("sgcmc/vc", "semi-grand-canonical (optionally variance-constrained) Monte Carlo element flips",
                &create_fix<FixSemiGrandVC>),
      fix_entry("hop/detect", "adatom hops between the sites of a 2D adsorption net, with hysteresis",
                &create_fix<FixHopDetect>),
      compute_entry("layer/excess", "per-plane composition and Gibbsian excess of a solute in a slab",
                    &create_compute<ComputeLayerExcess>),
      command_entry("anodekmc_styles", "registers the anodekmc styles again (after clear)",
                    &create_command<CommandAnodekmcStyles>),
  };
  return styles;
}

void register_styles(LAMMPS *lmp) {
  for (const auto &s : style_list()) {
    if (s.pair_creator) (*lmp->force->pair_map)[s.name] = s.pair_creator;
    if (s.fix_creator) (*lmp->modify->fix_map)[s.name] = s.fix_creator;
    if (s.compute_creator) (*lmp->modify->compute_map)[s.name] = s.compute_creator;
    if (s.command_creator) (*lmp->input->command_map)[s.name] = s.command_creator;
  }
}

bool styles_registered(LAMMPS *lmp) {
  for (const auto &s : style_list()) {
    bool found = false;
    if (s.pair_creator) found = lmp->force->pair_map->count(s.name) > 0;
    if (s.fix_creator) found = lmp->modify->fix_map->count(s.name) > 0;
    if (s.compute_creator) found = lmp->modify->compute_map->count(s.name) > 0;
    if (s.command_creator) found = lmp->input->command_map->count(s.name) > 0;
    if (!found) return false;
  }
  return true;
}

}  // namespace anodekmc
