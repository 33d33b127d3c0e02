#include "lammps/lammps_driver.h"

#include "lammps/register_styles.h"

#include "comm.h"
#include "input.h"
#include "lammps.h"
#include "lmppython.h"
#include "utils.h"

#include <anodekmc/version.hpp>

#include <mpi.h>

#include <string>

namespace anodekmc {

using LAMMPS_NS::LAMMPS;

namespace {

// `clear` normally drops the anodekmc styles; the executable replaces Input::clear() with a
// version that registers them again (clear_hook.cpp). Check once, on a fresh instance where a
// clear changes nothing, that the replacement is in effect; if the platform's linker did not
// let it take effect, say so instead of failing later with "Unrecognized compute style".
bool clear_keeps_styles(LAMMPS *lmp) {
  lmp->input->one("clear");
  return styles_registered(lmp);
}

std::string style_names() {
  std::string names;
  for (const auto &s : style_list()) names += " " + s.kind + " " + s.name + ";";
  return names;
}

}  // namespace

int run_lammps(int argc, char **argv) {
  auto *lmp = new LAMMPS(argc, argv, MPI_COMM_WORLD);
  register_styles(lmp);
  const bool auto_reregister = clear_keeps_styles(lmp);
  if (!auto_reregister) register_styles(lmp);

  if (lmp->comm->me == 0) {
    // Provenance in the screen and log output of every run.
    LAMMPS_NS::utils::logmesg(lmp, "anodekmc {} (git {}) styles:{}\n", kVersion, kGitSha, style_names());
    if (!auto_reregister)
      LAMMPS_NS::utils::logmesg(lmp, "WARNING: anodekmc could not hook 'clear'; write 'anodekmc_styles' "
                                     "after every 'clear' to get the anodekmc styles back\n");
  }
  lmp->input->file();
  delete lmp;
  LAMMPS_NS::Python::finalize();
  MPI_Barrier(MPI_COMM_WORLD);
  return 0;
}

}  // namespace anodekmc
