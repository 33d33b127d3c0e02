// LAMMPS command `anodekmc_styles`: registers (again) every anodekmc style in this instance.
//
// `clear` recreates LAMMPS's Force and Modify objects with only the stock styles; the command
// map survives, so this command stays available and brings the anodekmc styles back. The
// `anodekmc lammps` driver does this by itself after every clear; in stock `lmp` or Python,
// write `anodekmc_styles` after `clear`. Documentation: docs/anodekmc_styles.md.
#pragma once

#include "command.h"

namespace anodekmc {

class CommandAnodekmcStyles : public LAMMPS_NS::Command {
 public:
  explicit CommandAnodekmcStyles(LAMMPS_NS::LAMMPS *instance) : Command(instance) {}
  void command(int narg, char **arg) override;
};

}  // namespace anodekmc
