// The lattice model of src/segregation against fix sgcmc/vc on one real dilute system: In in a
// rigid Li(100) slab with the shipped potential at 700 K.
//
// Both sample the semi-grand-canonical ensemble of the same slab (8 x 8 sites per plane, 16
// planes, atoms fixed on the ideal bcc sites: fix sgcmc/vc runs Monte Carlo only). The lattice
// model's parameters come from the potential through LAMMPS here: the flip energy of one In at
// each depth (segregation energy = flip energy at that depth minus the bulk one) and the
// first-shell In-In pair energy in bulk. What the lattice model leaves out is the EAM's
// interaction between In atoms beyond the first shell (in this potential the second and third
// shells repel about as much as the first: +0.072, +0.061, +0.046 eV) and the change of the
// pair energies near the surface. At a bulk fraction of about 0.4 % these shift the In chemical
// potential by a few meV uniformly, which changes the bulk fraction reached at a given
// chemical potential by several per cent but cancels, to first order, in the depth profile
// relative to the bulk. The test therefore compares the relative excess R = sum over the
// non-bulk planes of (X_l / X_bulk - 1) (the surface excess per unit bulk fraction, in planes;
// Gamma = R X_bulk n_plane / A) within four combined standard errors from batch means, and
// prints both bulk fractions and excesses.
#include "lammps_fixture.h"

#include "segregation/layer_energies.hpp"
#include "segregation/sgc_monte_carlo.hpp"
#include "segregation/slab_lattice.hpp"

#include "library.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#ifndef ANODEKMC_SOURCE_DIR
#error "ANODEKMC_SOURCE_DIR must name the source tree (for potentials/anodekmc_LiM.eamdb)"
#endif

namespace {

using anodekmc::test::LammpsTest;

const std::string kDatabase = std::string(ANODEKMC_SOURCE_DIR) + "/potentials/anodekmc_LiM.eamdb";
constexpr double kLatticeA = 3.4898;  // bcc Li at 0 K with the shipped potential (Å)
constexpr int kCells = 8, kPlanes = 16, kSitesPerPlane = kCells * kCells;
constexpr int kBulkFirst = 4, kBulkLast = 11;  // planes (0-based) of the bulk reference: depths 4 to 7
constexpr double kTemperatureK = 700.0;
constexpr double kTargetBulkFraction = 0.004;
constexpr int kBatches = 20;

// Per-batch mean In count in each plane.
using Profile = std::vector<double>;

double bulk_fraction(const Profile &counts) {
  double n = 0.0;
  for (int l = kBulkFirst; l <= kBulkLast; ++l) n += counts[l];
  return n / ((kBulkLast - kBulkFirst + 1) * kSitesPerPlane);
}

// R = sum over non-bulk planes of (X_l / X_bulk - 1).
double relative_excess(const Profile &counts) {
  const double xb = bulk_fraction(counts);
  double r = 0.0;
  for (int l = 0; l < kPlanes; ++l)
    if (l < kBulkFirst || l > kBulkLast) r += counts[l] / kSitesPerPlane / xb - 1.0;
  return r;
}

struct MeanAndError {
  double mean = 0.0, standard_error = 0.0;
};

MeanAndError batch_statistics(const std::vector<double> &values) {
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double ss = 0.0;
  for (double v : values) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1.0) / n)};
}

class SgcmcVsLattice : public LammpsTest {
 protected:
  double pe() { return lammps_get_thermo(lmp_, "pe"); }

  // Rigid slab of kPlanes (100) planes, plane l at z = l a/2, vacuum of 4 cells on each side.
  void build_slab() {
    const std::string n = std::to_string(kCells), top = std::to_string(0.5 * (kPlanes - 1) + 0.01);
    cmds({"units metal", "atom_style atomic", "atom_modify map array", "boundary p p p",
          "lattice bcc " + std::to_string(kLatticeA),
          "region box block 0 " + n + " 0 " + n + " -4 " + std::to_string(0.5 * (kPlanes - 1) + 4),
          "create_box 2 box", "region slab block 0 " + n + " 0 " + n + " -0.01 " + top,
          "create_atoms 1 region slab", "mass 1 6.941", "mass 2 114.818", "pair_style eam/analytic",
          "pair_coeff * * " + kDatabase + " Li In", "thermo_style custom step pe"});
  }

  // Energy change when the atoms at the given lattice positions (lattice units) become In.
  double flip_energy(const std::vector<std::array<double, 3>> &sites) {
    cmd("run 0");
    const double before = pe();
    for (std::size_t k = 0; k < sites.size(); ++k) {
      const auto &s = sites[k];
      auto lo_hi = [](double v) { return std::to_string(v - 0.01) + " " + std::to_string(v + 0.01); };
      cmds({"region flip" + std::to_string(k) + " block " + lo_hi(s[0]) + " " + lo_hi(s[1]) + " " + lo_hi(s[2]),
            "set region flip" + std::to_string(k) + " type 2"});
    }
    cmd("run 0");
    const double after = pe();
    cmd("set group all type 1");
    for (std::size_t k = 0; k < sites.size(); ++k) cmd("region flip" + std::to_string(k) + " delete");
    return after - before;
  }

  // A site of plane l: even planes hold the cube corners, odd planes the body centres.
  static std::array<double, 3> site_in_plane(int l) {
    const double shift = (l % 2) * 0.5;
    return {2.0 + shift, 2.0 + shift, 0.5 * l};
  }
};

TEST_F(SgcmcVsLattice, SurfaceExcessOfDiluteInAtLi100Agrees) {
  if (nprocs() > 1) GTEST_SKIP() << "an 8-cell slab is too narrow to split for parallel flips";
  build_slab();

  // --- lattice-model parameters from the potential ---
  std::vector<double> flip_eV(kPlanes / 2);
  for (int l = 0; l < kPlanes / 2; ++l) flip_eV[l] = flip_energy({site_in_plane(l)});
  const double bulk_flip_eV = flip_eV[kPlanes / 2 - 1];
  anodekmc::segregation::LayerEnergies energies;
  for (int d = 0; d < kPlanes / 2; ++d) energies.segregation_eV.push_back(flip_eV[d] - bulk_flip_eV);
  // First-shell pair in the middle of the slab: a body centre of plane 7 and the corner above.
  const std::array<double, 3> centre = site_in_plane(7), above = {centre[0] + 0.5, centre[1] + 0.5, centre[2] + 0.5};
  const double pair_eV = flip_energy({centre, above}) - flip_energy({centre}) - flip_energy({above});
  energies.pair_bulk_eV = pair_eV;
  energies.pair_surface_eV = pair_eV;  // no first-shell bonds within a bcc(100) plane: unused
  std::printf("segregation energies (rigid, eV):");
  for (double e : energies.segregation_eV) std::printf(" %+.4f", e);
  std::printf("\nfirst-shell In-In pair energy in bulk: %+.4f eV\n", pair_eV);
  // Physical sanity of the inputs: In is pushed away from the surface, bulk reached by depth 4
  // (the bulk reference planes).
  EXPECT_GT(energies.segregation_eV[0], 0.3);
  for (int d = 4; d < kPlanes / 2; ++d) EXPECT_NEAR(energies.segregation_eV[d], 0.0, 1e-4) << "depth " << d;

  // Chemical potentials: the lattice model counts energies from the bulk flip energy.
  const double kT = anodekmc::segregation::kBoltzmann_eV_per_K * kTemperatureK;
  const double dmu_lattice = kT * std::log(kTargetBulkFraction / (1.0 - kTargetBulkFraction));
  const double dmu_lammps = dmu_lattice + bulk_flip_eV;

  // --- fix sgcmc/vc, Monte Carlo only on the rigid slab ---
  constexpr int kCyclesPerBatch = 150;
  cmds({"compute lx all layer/excess z 2 bulk layers 5 12",
        "fix mc all sgcmc/vc 1 0.5 " + std::to_string(kTemperatureK) + " 4711 types 1 2 deltamu " +
            std::to_string(dmu_lammps) + " velocity keep",
        "run " + std::to_string(2 * kCyclesPerBatch)});  // equilibration: each site tried 150 times
  // Batch averages end on multiples of kCyclesPerBatch: equilibration is a whole number of them.
  cmd("fix batch all ave/time 1 " + std::to_string(kCyclesPerBatch) + " " + std::to_string(kCyclesPerBatch) +
      " c_lx[4] mode vector");
  std::vector<Profile> lammps_batches;
  for (int b = 0; b < kBatches; ++b) {
    cmd("run " + std::to_string(kCyclesPerBatch));
    Profile counts(kPlanes);
    for (int l = 0; l < kPlanes; ++l) {
      auto *p = static_cast<double *>(lammps_extract_fix(lmp_, "batch", 0, 1, l, 0));
      ASSERT_NE(p, nullptr);
      counts[l] = *p;
      lammps_free(p);
    }
    lammps_batches.push_back(counts);
  }

  // --- lattice MC with the same parameters ---
  const anodekmc::segregation::SlabLattice lattice("bcc100", kLatticeA, kCells, kCells, kPlanes);
  anodekmc::segregation::SgcMonteCarlo mc(lattice, energies);
  mc.fill(false);
  mc.set_sgc(kTemperatureK, dmu_lattice);
  anodekmc::segregation::Rng rng(20261202u);
  mc.run_sweeps(200, rng);
  constexpr int kSweepsPerBatch = 1000;
  std::vector<Profile> lattice_batches;
  for (int b = 0; b < kBatches; ++b) {
    Profile counts(kPlanes, 0.0);
    for (int s = 0; s < kSweepsPerBatch; ++s) {
      mc.run_sweeps(1, rng);
      const std::vector<long> per_layer = mc.dopants_per_layer();
      for (int l = 0; l < kPlanes; ++l) counts[l] += static_cast<double>(per_layer[l]) / kSweepsPerBatch;
    }
    lattice_batches.push_back(counts);
  }

  auto summarize = [](const std::vector<Profile> &batches, const char *name) {
    std::vector<double> r, xb;
    for (const auto &p : batches) {
      r.push_back(relative_excess(p));
      xb.push_back(bulk_fraction(p));
    }
    const MeanAndError rs = batch_statistics(r), xs = batch_statistics(xb);
    std::printf("%-14s X_bulk = %.5f +- %.5f   R = %.3f +- %.3f planes   Gamma = %.3e 1/A^2 (both surfaces)\n",
                name, xs.mean, xs.standard_error, rs.mean, rs.standard_error,
                rs.mean * xs.mean * kSitesPerPlane / std::pow(kCells * kLatticeA, 2));
    return std::make_pair(rs, xs);
  };
  const auto [r_lammps, x_lammps] = summarize(lammps_batches, "fix sgcmc/vc");
  const auto [r_lattice, x_lattice] = summarize(lattice_batches, "lattice MC");
  // Depletion of the two outer planes of each surface alone gives R < -3 (independent of the
  // lattice model: exp(-0.51 / kT) and exp(-0.18 / kT) are 2e-4 and 0.05 at 700 K).
  EXPECT_LT(r_lammps.mean, -3.0);
  EXPECT_GT(x_lammps.mean, 0.0);
  const double combined = std::hypot(r_lammps.standard_error, r_lattice.standard_error);
  EXPECT_NEAR(r_lammps.mean, r_lattice.mean, 4.0 * combined)
      << "relative excess (planes): fix sgcmc/vc " << r_lammps.mean << " vs lattice " << r_lattice.mean;
}

}  // namespace
