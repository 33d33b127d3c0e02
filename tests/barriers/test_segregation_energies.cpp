// `anodekmc segregate energies` on LAMMPS (runs on 1 and 2 MPI ranks):
//  - dE_seg(0) of In in Li(100) from the job equals the same energy from an independent,
//    hand-written deck (lattice/create_atoms/`set atom N type 2`/minimize) to 1e-6 eV;
//  - a "dopant" that is the host element (both LAMMPS types mapped to Li) gives dE_seg = 0 and
//    w = 0 exactly: the definitions subtract identical relaxations;
//  - a slab narrower than twice the cutoff is refused before LAMMPS runs.
#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "barriers/segregation_energy_job.hpp"
#include "lammps/lammps_session.h"
#include "library.h"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;

const char *kDatabase = ANODEKMC_SOURCE_DIR "/potentials/anodekmc_LiM.eamdb";

double li_lattice_constant_A() {
  return anodekmc::potential::EamDatabase::read(kDatabase).find_element("Li")->lattice_constant_A;
}

SegregationEnergyConfig small_config(const std::string &dopant) {
  SegregationEnergyConfig c;
  c.database_path = kDatabase;
  c.host = "Li";
  c.dopant = dopant;
  c.facet = "bcc100";
  c.lattice_constant_A = li_lattice_constant_A();
  c.surface_layers = 1;
  c.slab_layers = 5;
  c.check_slab_size = false;
  c.relax.force_tolerance_eV_A = 1e-5;
  c.source_path = "test";
  return c;
}

// The hand-written deck: a bcc(100) slab of `layers` planes (z from 0 to (layers-1) a/2) in a
// box with 20+ Å of vacuum, one atom of type 2 in the plane at height z_plane (lattice units),
// relaxed by conjugate gradients. Nothing from the job's slab builder or relaxer is used.
double deck_energy_eV(int cells, int layers, double z_plane) {
  const double a = li_lattice_constant_A();
  anodekmc::LammpsSession lmp(MPI_COMM_WORLD);
  const double top = 0.5 * (layers - 1);
  char line[256];
  std::snprintf(line, sizeof line, "lattice bcc %.17g", a);
  lmp.command(line);
  std::snprintf(line, sizeof line, "region box block 0 %d 0 %d -3 %.3f", cells, cells, top + 3.0);
  lmp.command(line);
  lmp.command("create_box 2 box");
  std::snprintf(line, sizeof line, "region slab block INF INF INF INF -0.1 %.3f", top + 0.1);
  lmp.command(line);
  lmp.command("create_atoms 1 region slab");
  lmp.commands({"pair_style eam/analytic", std::string("pair_coeff * * ") + kDatabase + " Li In"});
  // The dopant: an atom of the requested plane (all are equivalent by translation).
  const int n = static_cast<int>(lmp.atom_count());
  EXPECT_EQ(n, cells * cells * layers);
  std::vector<double> x(3 * static_cast<std::size_t>(n));
  char name[] = "x";
  lammps_gather_atoms(lmp.lammps(), name, 1, 3, x.data());
  int id = 0;
  for (int k = 0; k < n; ++k)
    if (std::fabs(x[3 * static_cast<std::size_t>(k) + 2] / a - z_plane) < 1e-6) {
      id = k + 1;  // gathered in atom-ID order
      break;
    }
  EXPECT_GT(id, 0);
  lmp.commands({"set atom " + std::to_string(id) + " type 2", "thermo_style custom step pe fnorm", "min_style cg",
                "minimize 0.0 1e-8 100000 1000000"});
  return lmp.thermo("pe");
}

TEST(SegregationEnergies, LayerZeroEqualsAHandWrittenDeck) {
  const SegregationEnergyResult r = compute_segregation_energies(small_config("In"), MPI_COMM_WORLD, nullptr);
  const auto *top = r.table.find("segregation", 0);
  ASSERT_NE(top, nullptr);
  EXPECT_TRUE(top->converged);
  EXPECT_EQ(top->nx, top->ny);
  // Planes at z = 0 .. 2 (lattice units): the top one is 2.0, the centre 1.0.
  const double deck = deck_energy_eV(top->nx, 5, 2.0) - deck_energy_eV(top->nx, 5, 1.0);
  EXPECT_NEAR(top->value_eV, deck, 1e-6);
  EXPECT_GT(std::fabs(deck), 1e-3);  // a real, non-zero energy is compared
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) std::printf("  In in Li(100): dE_seg(0) job %.8f eV, deck %.8f eV\n", top->value_eV, deck);
}

TEST(SegregationEnergies, HostAsDopantGivesExactZeros) {
  const SegregationEnergyResult r = compute_segregation_energies(small_config("Li"), MPI_COMM_WORLD, nullptr);
  ASSERT_GE(r.table.rows.size(), 4u);
  for (const auto &row : r.table.rows) {
    EXPECT_EQ(row.value_eV, 0.0) << row.kind << " " << row.layer;
    EXPECT_TRUE(row.converged) << row.kind;
  }
  ASSERT_NE(r.table.find("pair_surface"), nullptr);
  ASSERT_NE(r.table.find("pair_bulk"), nullptr);
  // bcc(100): the in-plane pair is a second-neighbour pair (a), the bulk one a first (sqrt(3) a/2).
  EXPECT_NEAR(r.table.find("pair_surface")->pair_distance_A, li_lattice_constant_A(), 1e-9);
  EXPECT_NEAR(r.table.find("pair_bulk")->pair_distance_A, 0.5 * std::sqrt(3.0) * li_lattice_constant_A(), 1e-9);
}

TEST(SegregationEnergies, NarrowSlabIsRefusedBeforeLammps) {
  SegregationEnergyConfig c = small_config("In");
  c.nx = c.ny = 3;
  EXPECT_THROW(compute_segregation_energies(c, MPI_COMM_WORLD, nullptr), std::invalid_argument);
}

}  // namespace
