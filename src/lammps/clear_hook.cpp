// Makes the anodekmc styles survive the LAMMPS `clear` command in the `anodekmc` executable.
//
// `clear` destroys and recreates Force and Modify, whose style maps then hold only LAMMPS's
// stock styles. The command is handled inside liblammps (Input::execute_command calls the
// private Input::clear()), with no hook for a caller. liblammps.so calls Input::clear() through
// its PLT (it is built without -Bsymbolic), so the dynamic linker binds that call to a
// definition in the executable if there is one: this file gives the executable its own
// Input::clear(), which does what LAMMPS's does and then registers the anodekmc styles again.
//
// This file is compiled into the `anodekmc` executable only (never into a library), and the
// executable exports its symbols (ENABLE_EXPORTS). The driver checks at start-up that the
// hook is in effect and tells the user to write `anodekmc_styles` after `clear` if it is not;
// tests/driver checks it on every build. Stock `lmp` and Python keep LAMMPS's own clear: there
// the `anodekmc_styles` command does the same job.
#include "lammps/register_styles.h"

#include "error.h"
#include "input.h"
#include "lammps.h"

namespace LAMMPS_NS {

void Input::clear() {
  if (narg > 0) error->all(FLERR, "Illegal clear command: it takes no arguments");
  lmp->destroy();
  lmp->create();
  lmp->post_create();
  anodekmc::register_styles(lmp);
}

}  // namespace LAMMPS_NS
