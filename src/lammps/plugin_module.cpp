// C entry points of the shared module libanodekmc_styles.so.
//
// - anodekmc_register_styles(void *lmp): for any LAMMPS of this version that has no PLUGIN
//   package, e.g. Debian's stock `lmp` (through its `python` command) and Python's `lammps`
//   module: load this module with ctypes and pass the LAMMPS pointer. Recipe:
//   docs/using_styles_from_stock_lammps.md.
// - lammpsplugin_init(): the PLUGIN package's loader interface (`plugin load
//   libanodekmc_styles.so` in a PLUGIN-enabled LAMMPS 29Sep2021).
#include "lammps/register_styles.h"

#include "lammps.h"
#include "lammpsplugin.h"
#include "version.h"

#include <anodekmc/version.hpp>

extern "C" {

/// Registers every anodekmc style in the LAMMPS instance `lmp` (a LAMMPS_NS::LAMMPS *).
/// Returns 0 on success, 1 if `lmp` is null.
__attribute__((visibility("default"))) int anodekmc_register_styles(void *lmp) {
  if (lmp == nullptr) return 1;
  anodekmc::register_styles(static_cast<LAMMPS_NS::LAMMPS *>(lmp));
  return 0;
}

/// anodekmc version string, so a loader can report which build it loaded.
__attribute__((visibility("default"))) const char *anodekmc_version() { return anodekmc::kVersion; }

/// PLUGIN package entry point: hands each style to LAMMPS's registration callback.
__attribute__((visibility("default"))) void lammpsplugin_init(void *lmp, void *handle, void *regfunc) {
  auto register_one = reinterpret_cast<lammpsplugin_regfunc>(regfunc);
  for (const auto &s : anodekmc::style_list()) {
    lammpsplugin_t plugin{};
    plugin.version = LAMMPS_VERSION;
    plugin.style = s.kind.c_str();
    plugin.name = s.name.c_str();
    plugin.info = s.info.c_str();
    plugin.author = "anodekmc developers";
    plugin.handle = handle;
    // The loader casts these back to the exact LAMMPS creator types before calling them.
    if (s.pair_creator) plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1 *>(s.pair_creator);
    if (s.command_creator) plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1 *>(s.command_creator);
    if (s.fix_creator) plugin.creator.v2 = reinterpret_cast<lammpsplugin_factory2 *>(s.fix_creator);
    if (s.compute_creator) plugin.creator.v2 = reinterpret_cast<lammpsplugin_factory2 *>(s.compute_creator);
    register_one(&plugin, lmp);
  }
}

}  // extern "C"
