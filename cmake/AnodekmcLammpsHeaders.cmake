# The full LAMMPS header set of the installed liblammps version.
#
# Debian's liblammps-dev ships only 35 headers; custom styles need more (command.h,
# neigh_request.h, fmt/, ...). scripts/setup.sh fetches the matching source package, checks
# its sha256 and extracts the headers into a cache outside the repository, and records the
# folder in ${ANODEKMC_CACHE}/lammps-headers-dir. Nothing from LAMMPS is in this repository.
set(_cache "$ENV{ANODEKMC_CACHE}")
if(NOT _cache)
  set(_cache "/var/cache/anodekmc")
endif()
if(NOT ANODEKMC_LAMMPS_HEADERS_DIR AND EXISTS "${_cache}/lammps-headers-dir")
  file(STRINGS "${_cache}/lammps-headers-dir" _dir LIMIT_COUNT 1)
  set(ANODEKMC_LAMMPS_HEADERS_DIR "${_dir}" CACHE PATH "LAMMPS headers extracted by scripts/setup.sh")
endif()
if(NOT ANODEKMC_LAMMPS_HEADERS_DIR OR NOT EXISTS "${ANODEKMC_LAMMPS_HEADERS_DIR}/command.h"
   OR NOT EXISTS "${ANODEKMC_LAMMPS_HEADERS_DIR}/fmt/format.h")
  message(FATAL_ERROR
    "LAMMPS headers not found (looked in '${ANODEKMC_LAMMPS_HEADERS_DIR}').\n"
    "Run scripts/setup.sh as root first: it fetches the LAMMPS source package matching the "
    "installed liblammps and extracts its headers into ${_cache}.\n"
    "Or pass -DANODEKMC_LAMMPS_HEADERS_DIR=<folder with command.h and fmt/>.")
endif()

# Styles compile against these headers (first on the include path) and link Debian's library.
add_library(anodekmc_lammps_headers INTERFACE)
target_include_directories(anodekmc_lammps_headers SYSTEM BEFORE INTERFACE "${ANODEKMC_LAMMPS_HEADERS_DIR}")
target_compile_definitions(anodekmc_lammps_headers INTERFACE LAMMPS_SMALLBIG)
target_link_libraries(anodekmc_lammps_headers INTERFACE LAMMPS::lammps MPI::MPI_CXX)
