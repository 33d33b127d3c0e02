// MD throughput of pair_style eam/analytic (tabulated and exact) against stock eam/alloy with
// the setfl export of the same model (issue figure: eam/analytic >= 0.9x eam/alloy), on a
// 16,000-atom two-element Li-In-like crystal: bcc (or fcc) lattice, host element with a
// random fraction of solute, NVE at 600 K initial (about 300 K after equipartition), 1 fs.
// Same machine, same instance setup, same initial state; the variants are run in turn
// `repeats` times and the median is printed.
//
// Usage (any number of MPI ranks):
//   build/bench/bench_pair_eam_analytic [database [host solute [solute_fraction [steps [repeats]]]]]
// Defaults: potentials/anodekmc_LiM.eamdb Li In 0.2 200 3 (the Li-In figure). The
// lattice is the host's reference structure (hcp is run as fcc with the same nearest-neighbour
// distance), the lattice constant Vegard's law between the two references.
#include "lammps/register_styles.h"

#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"
#include "potential/setfl_writer.hpp"

#include "input.h"
#include "lammps.h"
#include "library.h"

#include <mpi.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#ifndef ANODEKMC_SOURCE_DIR
#error "ANODEKMC_SOURCE_DIR must name the source tree"
#endif

namespace {

namespace pot = anodekmc::potential;

struct Problem {
  std::string database, host, solute;
  double solute_fraction = 0.2;
  std::string lattice;  // bcc or fcc
  double lattice_constant_A = 0;
  int cells = 0;
  long atoms = 0;
  int steps = 200;
  double timestep_ps = 0.001;
};

struct Variant {
  std::string name, pair_style, pair_coeff;
  int steps = 0;
  std::vector<double> steps_per_s;
  double energy_per_atom = 0;
};

// Nearest-neighbour distance of a reference structure -> lattice constant of `lattice`.
double lattice_constant(const pot::ElementRecord &r, const std::string &lattice) {
  double nn = r.lattice_constant_A;                       // hcp: a is the nn distance
  if (r.reference_structure == "bcc") nn = r.lattice_constant_A * std::sqrt(3.0) / 2.0;
  if (r.reference_structure == "fcc") nn = r.lattice_constant_A / std::sqrt(2.0);
  return lattice == "bcc" ? nn * 2.0 / std::sqrt(3.0) : nn * std::sqrt(2.0);
}

// Timesteps per second of one run of `v` (fresh instance, same initial state every time).
double run_once(const Problem &p, Variant &v) {
  std::vector<std::string> args = {"bench", "-log", "none", "-screen", "none", "-nocite"};
  std::vector<char *> argv;
  for (auto &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto *lmp = new LAMMPS_NS::LAMMPS(static_cast<int>(args.size()), argv.data(), MPI_COMM_WORLD);
  anodekmc::register_styles(lmp);
  auto cmd = [&](const std::string &line) { lmp->input->one(line); };
  const std::string n = std::to_string(p.cells);
  cmd("units metal");
  cmd("atom_style atomic");
  cmd("lattice " + p.lattice + " " + std::to_string(p.lattice_constant_A));
  cmd("region box block 0 " + n + " 0 " + n + " 0 " + n);
  cmd("create_box 2 box");
  cmd("create_atoms 1 box");
  cmd("set group all type/fraction 2 " + std::to_string(p.solute_fraction) + " 4711");
  cmd("pair_style " + v.pair_style);
  cmd(v.pair_coeff);
  cmd("velocity all create 600 87287 mom yes rot yes dist gaussian");
  cmd("fix integrate all nve");
  cmd("timestep " + std::to_string(p.timestep_ps));
  cmd("thermo_style custom step pe ke etotal");
  cmd("thermo 1000000");
  cmd("run 0");
  v.energy_per_atom = lammps_get_thermo(lmp, "pe") / static_cast<double>(p.atoms);
  cmd("run 20 post no");  // warm-up: first neighbour builds, caches
  MPI_Barrier(MPI_COMM_WORLD);
  const double t0 = MPI_Wtime();
  cmd("run " + std::to_string(v.steps) + " pre no post no");
  MPI_Barrier(MPI_COMM_WORLD);
  const double seconds = MPI_Wtime() - t0;
  delete lmp;
  return v.steps / seconds;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, nprocs = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nprocs);

  Problem p;
  p.database = argc > 1 ? argv[1] : std::string(ANODEKMC_SOURCE_DIR) + "/potentials/anodekmc_LiM.eamdb";
  p.host = argc > 2 ? argv[2] : "Li";
  p.solute = argc > 3 ? argv[3] : "In";
  p.solute_fraction = argc > 4 ? std::atof(argv[4]) : 0.2;
  p.steps = argc > 5 ? std::atoi(argv[5]) : 200;
  const int repeats = argc > 6 ? std::atoi(argv[6]) : 3;

  const pot::EamDatabase db = pot::EamDatabase::read(p.database);
  const pot::EamModel model(db, {p.host, p.solute});
  p.lattice = model.record(0).reference_structure == "bcc" ? "bcc" : "fcc";
  const int basis = p.lattice == "bcc" ? 2 : 4;
  p.cells = static_cast<int>(std::lround(std::cbrt(16000.0 / basis)));
  p.atoms = static_cast<long>(basis) * p.cells * p.cells * p.cells;
  p.lattice_constant_A = (1.0 - p.solute_fraction) * lattice_constant(model.record(0), p.lattice) +
                         p.solute_fraction * lattice_constant(model.record(1), p.lattice);

  // The setfl export for stock eam/alloy, written once by rank 0.
  long pid = static_cast<long>(getpid());
  MPI_Bcast(&pid, 1, MPI_LONG, 0, MPI_COMM_WORLD);
  const std::string setfl = "/tmp/anodekmc_bench_" + std::to_string(pid) + ".eam.alloy";
  if (rank == 0) {
    std::ofstream out(setfl);
    out << pot::setfl_text(model, pot::SetflGrid{}, "bench_pair_eam_analytic export");
  }
  MPI_Barrier(MPI_COMM_WORLD);

  const std::string elements = " " + p.host + " " + p.solute;
  std::vector<Variant> variants = {
      {"eam/alloy (setfl export)", "eam/alloy", "pair_coeff * * " + setfl + elements, p.steps, {}, 0},
      {"eam/analytic (tabulated)", "eam/analytic", "pair_coeff * * " + p.database + elements, p.steps, {}, 0},
      {"eam/analytic exact", "eam/analytic exact", "pair_coeff * * " + p.database + elements,
       std::max(10, p.steps / 4), {}, 0},
  };
  for (int r = 0; r < repeats; ++r)
    for (auto &v : variants) v.steps_per_s.push_back(run_once(p, v));
  if (rank == 0) std::remove(setfl.c_str());

  if (rank == 0) {
    std::printf("pair_style eam/analytic vs eam/alloy: %ld atoms (%s %d^3 cells, a = %.4f A), %s with %.0f %% %s, "
                "cutoff %.3f A (+ 2 A skin), NVE 1 fs from 600 K, %d MPI rank(s), median of %d runs\n",
                p.atoms, p.lattice.c_str(), p.cells, p.lattice_constant_A, p.host.c_str(), 100 * p.solute_fraction,
                p.solute.c_str(), model.max_cutoff_A(), nprocs, repeats);
    std::printf("database %s\n", p.database.c_str());
    std::printf("%-26s %7s %12s %10s %12s %14s\n", "pair style", "steps", "timesteps/s", "ns/day", "vs eam/alloy",
                "E0 (eV/atom)");
    const double reference = median(variants[0].steps_per_s);
    for (const auto &v : variants) {
      const double s = median(v.steps_per_s);
      const double ns_per_day = s * p.timestep_ps * 1e-3 * 86400.0;
      std::printf("%-26s %7d %12.2f %10.3f %12.3f %14.9f\n", v.name.c_str(), v.steps, s, ns_per_day, s / reference,
                  v.energy_per_atom);
    }
    std::printf("single runs (timesteps/s):");
    for (const auto &v : variants) {
      std::printf("  %s:", v.pair_style.c_str());
      for (double s : v.steps_per_s) std::printf(" %.2f", s);
    }
    std::printf("\n");
  }
  MPI_Finalize();
  return 0;
}
