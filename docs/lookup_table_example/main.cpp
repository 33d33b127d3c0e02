// Looks up surface diffusivities in an anodekmc table, as a continuum code would.
// Build against the installed package: see CMakeLists.txt here and docs/lookup_table.md.
#include <anodekmc/lookup_table.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s TABLE.json\n", argv[0]);
    return 2;
  }
  try {
    const anodekmc::LookupTable table = anodekmc::LookupTable::load(argv[1]);
    const auto clamp = anodekmc::Extrapolation::clamp;
    for (double T_K : {260.0, 300.0, 390.0})
      std::printf("T = %5.1f K  D(Li on Li(100)) = %.4g m^2/s  D(Li on Li-In(100), x = 0.03) = %.4g m^2/s\n", T_K,
                  table.D_m2_per_s("Li", "bcc100", "tracer", T_K, 0.0, clamp),
                  table.D_m2_per_s("LiIn", "bcc100", "tracer", T_K, 0.03, clamp));
    // Below the tabulated range: continue along the fitted Arrhenius slope.
    std::printf("T = 200.0 K  D(Li on Li(100)) = %.4g m^2/s (Arrhenius extrapolation)\n",
                table.D_m2_per_s("Li", "bcc100", "tracer", 200.0, 0.0, anodekmc::Extrapolation::arrhenius));
    return 0;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
