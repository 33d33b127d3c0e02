#include "lammps/command_anodekmc_styles.h"

#include "lammps/register_styles.h"

#include "comm.h"
#include "error.h"
#include "utils.h"

#include <anodekmc/version.hpp>

namespace anodekmc {

using namespace LAMMPS_NS;

void CommandAnodekmcStyles::command(int narg, char ** /*arg*/) {
  if (narg != 0) error->all(FLERR, "Illegal anodekmc_styles command: it takes no arguments");
  register_styles(lmp);
  if (comm->me == 0) utils::logmesg(lmp, "anodekmc {} styles registered\n", kVersion);
}

}  // namespace anodekmc
