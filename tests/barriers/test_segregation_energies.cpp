// `anodekmc segregate energies` on LAMMPS (runs on 1 and 2 MPI ranks):
//  - dE_seg(0) and both pair energies of In in Li(100) from the job equal the same energies
//    from an independent, hand-written deck (lattice/create_atoms/`set atom N type 2`/minimize)
//    to 1e-6 eV;
//  - a "dopant" that is the host element (both LAMMPS types mapped to Li) gives dE_seg = 0 and
//    w = 0 exactly on bcc100 and bcc110: the definitions subtract identical relaxations;
//  - a slab narrower than twice the cutoff is refused before LAMMPS runs.
#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include <Eigen/Dense>

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
// box with 20+ Å of vacuum, type 2 on the atoms at the given lattice coordinates (x, y, z in
// units of a), relaxed by conjugate gradients. Nothing from the job's slab builder or relaxer
// is used.
double deck_energy_eV(int cells, int layers, const std::vector<Eigen::Vector3d> &dopants_lattice) {
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
  const int n = static_cast<int>(lmp.atom_count());
  EXPECT_EQ(n, cells * cells * layers);
  std::vector<double> x(3 * static_cast<std::size_t>(n));
  char name[] = "x";
  lammps_gather_atoms(lmp.lammps(), name, 1, 3, x.data());  // in atom-ID order
  for (const Eigen::Vector3d &d : dopants_lattice) {
    int id = 0;
    for (int k = 0; k < n && id == 0; ++k) {
      const Eigen::Vector3d r(x[3 * static_cast<std::size_t>(k)], x[3 * static_cast<std::size_t>(k) + 1],
                              x[3 * static_cast<std::size_t>(k) + 2]);
      if ((r / a - d).norm() < 1e-6) id = k + 1;
    }
    EXPECT_GT(id, 0) << d.transpose();
    lmp.command("set atom " + std::to_string(id) + " type 2");
  }
  lmp.commands({"thermo_style custom step pe fnorm", "min_style cg", "minimize 0.0 1e-8 100000 1000000"});
  return lmp.thermo("pe");
}

TEST(SegregationEnergies, LayerZeroAndPairsEqualAHandWrittenDeck) {
  const SegregationEnergyResult r = compute_segregation_energies(small_config("In"), MPI_COMM_WORLD, nullptr);
  const auto *top = r.table.find("segregation", 0);
  ASSERT_NE(top, nullptr);
  EXPECT_TRUE(top->converged);
  EXPECT_EQ(top->nx, top->ny);
  // Planes at z = 0 .. 2 (lattice units): the top one (layer 0) is 2.0, the centre (layer 2)
  // 1.0, the plane below it 0.5. Every atom of a plane is equivalent by translation.
  const int cells = top->nx;
  const double none = deck_energy_eV(cells, 5, {});
  const double at_top = deck_energy_eV(cells, 5, {{1, 1, 2}}), at_centre = deck_energy_eV(cells, 5, {{1, 1, 1}});
  const double below_centre = deck_energy_eV(cells, 5, {{1.5, 1.5, 0.5}});
  const double deck = at_top - at_centre;
  EXPECT_NEAR(top->value_eV, deck, 1e-6);
  EXPECT_GT(std::fabs(deck), 1e-3);  // a real, non-zero energy is compared
  // Pair energies, w = E(pair) - E(a) - E(b) + E(none): in the top plane at distance a, and a
  // first-neighbour pair across the centre.
  const double w_surface = deck_energy_eV(cells, 5, {{1, 1, 2}, {2, 1, 2}}) - 2 * at_top + none;
  const double w_bulk = deck_energy_eV(cells, 5, {{1, 1, 1}, {1.5, 1.5, 0.5}}) - at_centre - below_centre + none;
  ASSERT_NE(r.table.find("pair_surface"), nullptr);
  ASSERT_NE(r.table.find("pair_bulk"), nullptr);
  EXPECT_NEAR(r.table.find("pair_surface")->value_eV, w_surface, 1e-6);
  EXPECT_NEAR(r.table.find("pair_bulk")->value_eV, w_bulk, 1e-6);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0)
    std::printf("  In in Li(100), 5 layers: dE_seg(0) job %.8f deck %.8f; w_surface job %.8f deck %.8f; w_bulk job %.8f "
                "deck %.8f eV\n",
                top->value_eV, deck, r.table.find("pair_surface")->value_eV, w_surface,
                r.table.find("pair_bulk")->value_eV, w_bulk);
}

TEST(SegregationEnergies, HostAsDopantGivesExactZeros) {
  const SegregationEnergyResult r = compute_segregation_energies(small_config("Li"), MPI_COMM_WORLD, nullptr);
  // bcc110 too: its in-plane pair is a first-neighbour pair.
  SegregationEnergyConfig c110 = small_config("Li");
  c110.facet = "bcc110";
  const SegregationEnergyResult r110 = compute_segregation_energies(c110, MPI_COMM_WORLD, nullptr);
  for (const auto &row : r110.table.rows) EXPECT_EQ(row.value_eV, 0.0) << "bcc110 " << row.kind << " " << row.layer;
  ASSERT_NE(r110.table.find("pair_surface"), nullptr);
  EXPECT_NEAR(r110.table.find("pair_surface")->pair_distance_A, 0.5 * std::sqrt(3.0) * li_lattice_constant_A(), 1e-9);
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
