#include "lammps/lammps_driver.h"

#include "lammps/register_styles.h"

#include "comm.h"
#include "input.h"
#include "lammps.h"
#include "lmppython.h"
#include "utils.h"

#include <anodekmc/version.hpp>

#include <dlfcn.h>
#include <mpi.h>

#include <string>

namespace anodekmc {

using LAMMPS_NS::LAMMPS;

namespace {

// `clear` normally drops the anodekmc styles; the executable carries its own Input::clear()
// that registers them again (clear_hook.cpp). liblammps calls Input::clear() through its PLT,
// which the dynamic linker binds to the first definition in the global lookup order. Ask the
// dynamic linker which definition that is: if it is not in the executable that holds this
// driver, say so up front instead of failing later with "Unrecognized compute style".
// (tests/driver also checks the behaviour itself: a deck that uses a style after clear.)
bool clear_hook_in_effect() {
  void *bound = dlsym(RTLD_DEFAULT, "_ZN9LAMMPS_NS5Input5clearEv");  // LAMMPS_NS::Input::clear()
  Dl_info bound_info{}, driver_info{};
  if (bound == nullptr || dladdr(bound, &bound_info) == 0) return false;
  if (dladdr(reinterpret_cast<void *>(&run_lammps), &driver_info) == 0) return false;
  return bound_info.dli_fbase == driver_info.dli_fbase;
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
  const bool auto_reregister = clear_hook_in_effect();

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
