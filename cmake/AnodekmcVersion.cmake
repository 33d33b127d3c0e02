# Version and git sha of this build, written into a generated header so every run can record
# them (provenance). The sha is read at configure time; "unknown" outside a git checkout.
find_package(Git QUIET)
set(ANODEKMC_GIT_SHA "unknown")
if(GIT_FOUND AND EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD
                  WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                  OUTPUT_VARIABLE _sha OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE _rc ERROR_QUIET)
  if(_rc EQUAL 0)
    set(ANODEKMC_GIT_SHA "${_sha}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
                    WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                    OUTPUT_VARIABLE _dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_dirty)
      string(APPEND ANODEKMC_GIT_SHA "-dirty")
    endif()
  endif()
endif()
set(ANODEKMC_VERSION_STRING "${PROJECT_VERSION}")
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/src/core/version.hpp.in"
               "${CMAKE_CURRENT_BINARY_DIR}/generated/anodekmc/version.hpp" @ONLY)
