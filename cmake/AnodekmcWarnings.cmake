# Warning and sanitizer flags, applied through the interface target anodekmc::warnings so
# they reach only anodekmc's own code (never LAMMPS's headers, which are included as SYSTEM).
add_library(anodekmc_warnings INTERFACE)
add_library(anodekmc::warnings ALIAS anodekmc_warnings)
target_compile_options(anodekmc_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       $<$<BOOL:${ANODEKMC_WERROR}>:-Werror>)

if(ANODEKMC_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${_san})
  add_link_options(-fsanitize=address,undefined)
endif()
