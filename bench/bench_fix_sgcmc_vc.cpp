// Trial flips per second of fix sgcmc/vc (energy local and energy full) against stock
// fix atom/swap with `semi-grand yes` (issue figure: sgcmc/vc >= 20x faster per trial flip on a
// 10,000-atom EAM slab). Problem: bcc Li(100) slab, a = 3.49 Å, 20 x 20 x 12 cells (9,600 atoms)
// under 8 cells of vacuum, 5 % In at random, pair eam/analytic with the shipped database,
// Monte Carlo only (no integrator: every timestep is one cycle), T = 600 K, Δμ(In − Li) = −0.3 eV.
// Each variant runs in a fresh LAMMPS instance on the same initial configuration; the timing
// covers the cycles only (each cycle includes its re-neighbouring and energy set-up).
//
// Usage (any number of MPI ranks): build/bench/bench_fix_sgcmc_vc [database]
#include "lammps/register_styles.h"

#include "input.h"
#include "lammps.h"
#include "library.h"

#include <mpi.h>

#include <cstdio>
#include <string>
#include <vector>

#ifndef ANODEKMC_SOURCE_DIR
#error "ANODEKMC_SOURCE_DIR must name the source tree"
#endif

namespace {

struct Variant {
  std::string name;
  std::string fix_line;  // the Monte Carlo fix, ID mc
  int cycles = 1;
  double trials = 0, seconds = 0;
};

constexpr int kCells = 20, kLayersCells = 12;

void run(const std::string &database, Variant &v) {
  std::vector<std::string> args = {"bench", "-log", "none", "-screen", "none", "-nocite"};
  std::vector<char *> argv;
  for (auto &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto *lmp = new LAMMPS_NS::LAMMPS(static_cast<int>(args.size()), argv.data(), MPI_COMM_WORLD);
  anodekmc::register_styles(lmp);
  auto cmd = [&](const std::string &line) { lmp->input->one(line); };
  const std::string n = std::to_string(kCells);
  for (const std::string &line :
       {std::string("units metal"), std::string("atom_style atomic"), std::string("atom_modify map array"),
        std::string("processors * * 1"), std::string("lattice bcc 3.49"),
        "region box block 0 " + n + " 0 " + n + " 0 " + std::to_string(kLayersCells + 8),
        "region slab block 0 " + n + " 0 " + n + " 0 " + std::to_string(kLayersCells), std::string("create_box 2 box"),
        std::string("create_atoms 1 region slab"), std::string("mass 1 6.94"), std::string("mass 2 114.82"),
        std::string("set type 1 type/fraction 2 0.05 4711"), std::string("pair_style eam/analytic"),
        "pair_coeff * * " + database + " Li In", std::string("thermo 1000000"), std::string("run 0")})
    cmd(line);
  cmd(v.fix_line);
  cmd("run 1 post no");  // warm-up: neighbour lists, tables, caches
  // Global vector entry 1 of both fixes: cumulative trial flips (atom/swap: attempts).
  auto trials_so_far = [&] {
    auto *p = static_cast<double *>(lammps_extract_fix(lmp, "mc", 0, 1, 0, 0));
    const double t = *p;
    lammps_free(p);
    return t;
  };
  const double before = trials_so_far();
  MPI_Barrier(MPI_COMM_WORLD);
  const double t0 = MPI_Wtime();
  cmd("run " + std::to_string(v.cycles) + " pre no post no");
  MPI_Barrier(MPI_COMM_WORLD);
  v.seconds = MPI_Wtime() - t0;
  v.trials = trials_so_far() - before;
  delete lmp;
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, nprocs = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
  const std::string database =
      argc > 1 ? argv[1] : std::string(ANODEKMC_SOURCE_DIR) + "/potentials/anodekmc_LiM.eamdb";
  const int atoms = kCells * kCells * kLayersCells * 2;

  std::vector<Variant> variants = {
      {"sgcmc/vc energy local", "fix mc all sgcmc/vc 1 1.0 600 4711 types 1 2 deltamu -0.3", 5},
      {"sgcmc/vc energy full", "fix mc all sgcmc/vc 1 0.003 600 4711 types 1 2 deltamu -0.3 energy full", 2},
      {"atom/swap semi-grand", "fix mc all atom/swap 1 30 4711 600 semi-grand yes types 1 2 mu 0.0 -0.3", 2},
  };
  for (auto &v : variants) run(database, v);

  if (rank == 0) {
    std::printf("fix sgcmc/vc benchmark: bcc Li(100) slab %dx%dx%d cells, %d atoms, 5%% In, eam/analytic "
                "(anodekmc_LiM), T = 600 K, MC only, %d MPI rank(s)\n",
                kCells, kCells, kLayersCells, atoms, nprocs);
    std::printf("%-24s %12s %10s %16s\n", "variant", "trials", "seconds", "trial flips/s");
    for (const auto &v : variants)
      std::printf("%-24s %12.0f %10.3f %16.1f\n", v.name.c_str(), v.trials, v.seconds, v.trials / v.seconds);
    const double local = variants[0].trials / variants[0].seconds;
    const double swap = variants[2].trials / variants[2].seconds;
    std::printf("speed-up per trial flip, sgcmc/vc (local) over atom/swap semi-grand: %.0fx (issue figure: >= 20x)\n",
                local / swap);
  }
  MPI_Finalize();
  return 0;
}
