# Version and git sha of this build, in a generated header so every run can record them
# (provenance). The header is regenerated at every build (not only at configure time), so the
# sha is that of the sources actually compiled; "-dirty" marks uncommitted changes, "unknown"
# a build outside a git checkout. The file is only rewritten when its content changes.
set(ANODEKMC_VERSION_STRING "${PROJECT_VERSION}")
set(ANODEKMC_VERSION_HEADER "${CMAKE_CURRENT_BINARY_DIR}/generated/anodekmc/version.hpp")
find_package(Git QUIET)
add_custom_target(anodekmc_version_header ALL
  COMMAND ${CMAKE_COMMAND}
          -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
          -DGIT_EXECUTABLE=${GIT_EXECUTABLE}
          -DVERSION=${ANODEKMC_VERSION_STRING}
          -DTEMPLATE=${CMAKE_CURRENT_SOURCE_DIR}/src/core/version.hpp.in
          -DOUTPUT=${ANODEKMC_VERSION_HEADER}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteVersionHeader.cmake
  BYPRODUCTS ${ANODEKMC_VERSION_HEADER}
  COMMENT "anodekmc version header (git sha)")
