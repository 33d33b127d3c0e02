// compute layer/excess on constructed slabs whose planes and compositions are known exactly.
// Runs on 1 and on 2 MPI ranks (ctest registers both); every expectation must hold on both.
#include "lammps_fixture.h"

#include "lammps/compute_layer_excess.h"

#include "compute.h"
#include "domain.h"
#include "variable.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

using anodekmc::ComputeLayerExcess;
using anodekmc::test::LammpsTest;

constexpr double kLatticeA = 3.51;              // bcc Li (Nadler & Kempter 1959), Angstrom
constexpr double kPlaneSpacing = kLatticeA / 2;  // bcc(100) interplanar spacing

class LayerExcess : public LammpsTest {
 protected:
  // bcc(100) slab of `cells` x `cells` conventional cells in-plane (cells^2 atoms per plane:
  // each cell puts one atom in each of its two (100) planes) and `nplanes` planes, plane k at
  // z = k * a/2, vacuum above and below, `ntypes` atom types (all atoms type 1).
  void build_slab(int cells, int nplanes, int ntypes, const std::string &zboundary = "p") {
    const double top = (nplanes - 1) * 0.5;
    cmds({"units metal", "atom_style atomic", "boundary p p " + zboundary, "lattice bcc 3.51",
          "region box block 0 " + std::to_string(cells) + " 0 " + std::to_string(cells) + " -4 " +
              std::to_string(top + 4),
          "create_box " + std::to_string(ntypes) + " box",
          "region slab block 0 " + std::to_string(cells) + " 0 " + std::to_string(cells) + " -0.01 " +
              std::to_string(top + 0.01),
          "create_atoms 1 region slab", "mass * 6.94"});
    cells_ = cells;
    nplanes_ = nplanes;
    ntypes_ = ntypes;
  }
  // A region holding exactly plane k (0-based) of the slab.
  std::string plane_region(const std::string &id, int k) {
    return "region " + id + " block INF INF INF INF " + std::to_string(k * 0.5 - 0.1) + " " +
           std::to_string(k * 0.5 + 0.1);
  }
  ComputeLayerExcess *compute(const std::string &id) {
    const int i = lmp_->modify->find_compute(id.c_str());
    EXPECT_GE(i, 0);
    return dynamic_cast<ComputeLayerExcess *>(lmp_->modify->compute[i]);
  }
  double area() const { return std::pow(cells_ * kLatticeA, 2); }

  // Independent reference: counts per plane and type, from the construction (plane k holds the
  // atoms with round((z - z0) / spacing) == k), summed over all ranks. `z_cut`: coordinates
  // below it are shifted up by one box length (for a slab across the periodic boundary).
  std::vector<std::vector<long long>> reference_counts(double z0, double z_cut = -1e300) {
    std::vector<long long> local(static_cast<std::size_t>(nplanes_) * ntypes_, 0), all(local.size());
    const auto *atom = lmp_->atom;
    for (int i = 0; i < atom->nlocal; ++i) {
      double z = atom->x[i][2];
      if (z < z_cut) z += lmp_->domain->zprd;
      const long k = std::lround((z - z0) / kPlaneSpacing);
      EXPECT_GE(k, 0);
      EXPECT_LT(k, nplanes_);
      local[static_cast<std::size_t>(k) * ntypes_ + atom->type[i] - 1] += 1;
    }
    MPI_Allreduce(local.data(), all.data(), static_cast<int>(all.size()), MPI_LONG_LONG, MPI_SUM,
                  MPI_COMM_WORLD);
    std::vector<std::vector<long long>> counts(nplanes_, std::vector<long long>(ntypes_));
    for (int k = 0; k < nplanes_; ++k)
      for (int t = 0; t < ntypes_; ++t) counts[k][t] = all[static_cast<std::size_t>(k) * ntypes_ + t];
    return counts;
  }

  // Checks the compute's array and vector against reference counts with bulk planes
  // [first, last] (0-based) and solute type `solute`.
  void expect_matches(ComputeLayerExcess *c, const std::vector<std::vector<long long>> &ref, int first,
                      int last, int solute) {
    c->compute_array();
    c->compute_vector();
    ASSERT_EQ(c->size_array_rows, nplanes_);
    ASSERT_EQ(c->size_array_cols, 4 + ntypes_);
    long long bulk_n = 0, bulk_s = 0;
    for (int k = first; k <= last; ++k) {
      for (int t = 0; t < ntypes_; ++t) bulk_n += ref[k][t];
      bulk_s += ref[k][solute - 1];
    }
    const double xb = static_cast<double>(bulk_s) / static_cast<double>(bulk_n);
    double lower = 0, upper = 0, total = 0;
    for (int k = 0; k < nplanes_; ++k) {
      long long n = 0;
      for (int t = 0; t < ntypes_; ++t) {
        n += ref[k][t];
        EXPECT_EQ(c->array[k][2 + t], static_cast<double>(ref[k][t])) << "plane " << k << " type " << t + 1;
      }
      EXPECT_EQ(c->array[k][1], static_cast<double>(n)) << "plane " << k;
      const double ns = static_cast<double>(ref[k][solute - 1]);
      EXPECT_NEAR(c->array[k][2 + ntypes_], ns / n, 1e-15);
      const double ex = (ns - xb * n) / area();
      EXPECT_NEAR(c->array[k][3 + ntypes_], ex, 1e-15);
      if (k < first) lower += ex;
      if (k > last) upper += ex;
      total += ex;
    }
    EXPECT_EQ(c->vector[ComputeLayerExcess::kPlaneCount], nplanes_);
    EXPECT_EQ(c->vector[ComputeLayerExcess::kBulkPlaneCount], last - first + 1);
    EXPECT_NEAR(c->vector[ComputeLayerExcess::kBulkSoluteFraction], xb, 1e-15);
    EXPECT_NEAR(c->vector[ComputeLayerExcess::kExcessLower], lower, 1e-14);
    EXPECT_NEAR(c->vector[ComputeLayerExcess::kExcessUpper], upper, 1e-14);
    EXPECT_NEAR(c->vector[ComputeLayerExcess::kExcessTotal], total, 1e-14);
    EXPECT_NEAR(c->vector[ComputeLayerExcess::kArea], area(), 1e-9);
  }

  int cells_ = 0, nplanes_ = 0, ntypes_ = 0;
};

TEST_F(LayerExcess, PureSlabHasExactCountsPositionsAndNoExcess) {
  build_slab(4, 12, 2);
  cmds({"compute lx all layer/excess z 2 bulk layers 5 8", "run 0"});
  auto *c = compute("lx");
  c->compute_array();
  c->compute_vector();
  ASSERT_EQ(c->size_array_rows, 12);
  for (int k = 0; k < 12; ++k) {
    EXPECT_NEAR(c->array[k][0], k * kPlaneSpacing, 1e-8) << "plane " << k;
    EXPECT_EQ(c->array[k][1], 16.0);  // 4 x 4 cells, one atom per cell per (100) plane
    EXPECT_EQ(c->array[k][2], 16.0);
    EXPECT_EQ(c->array[k][3], 0.0);
    EXPECT_EQ(c->array[k][4], 0.0);
    EXPECT_EQ(c->array[k][5], 0.0);
  }
  EXPECT_EQ(c->vector[ComputeLayerExcess::kExcessTotal], 0.0);
  EXPECT_EQ(c->vector[ComputeLayerExcess::kBulkSoluteFraction], 0.0);
}

TEST_F(LayerExcess, DopedPlanesGiveExactExcess) {
  build_slab(4, 12, 2);
  cmds({plane_region("top", 11), "set region top type 2",          // all 16 sites of the top plane
        plane_region("second", 1), "group second region second",
        "set group second type/subset 2 5 4711",                    // exactly 5 of 16 in plane 2
        "compute lx all layer/excess z 2 bulk layers 5 8", "run 0"});
  auto *c = compute("lx");
  c->compute_array();
  c->compute_vector();
  EXPECT_EQ(c->array[11][3], 16.0);
  EXPECT_EQ(c->array[1][3], 5.0);
  EXPECT_DOUBLE_EQ(c->array[11][4], 1.0);
  EXPECT_DOUBLE_EQ(c->array[1][4], 5.0 / 16.0);
  EXPECT_DOUBLE_EQ(c->vector[ComputeLayerExcess::kExcessUpper], 16.0 / area());
  EXPECT_DOUBLE_EQ(c->vector[ComputeLayerExcess::kExcessLower], 5.0 / area());
  EXPECT_DOUBLE_EQ(c->vector[ComputeLayerExcess::kExcessTotal], 21.0 / area());
  expect_matches(c, reference_counts(0.0), 4, 7, 2);
}

TEST_F(LayerExcess, RandomCompositionWithThermalNoiseMatchesIndependentCount) {
  build_slab(6, 14, 3);
  cmds({"set group all type/fraction 2 0.2 9001", "set group all type/fraction 3 0.1 9002",
        "displace_atoms all random 0.3 0.3 0.3 777 units box",
        "compute lx all layer/excess z 3 bulk layers 4 10 gap 0.6", "run 0"});
  const auto ref = reference_counts(0.0);
  long long solute = 0;
  for (const auto &row : ref) solute += row[2];
  EXPECT_GT(solute, 0);  // the random arrangement did place solute atoms
  expect_matches(compute("lx"), ref, 3, 9, 3);
}

TEST_F(LayerExcess, SlabAcrossPeriodicBoundaryIsOneSlab) {
  build_slab(4, 12, 2);
  cmds({"set group all type/fraction 2 0.25 31337", "compute lx all layer/excess z 2 bulk layers 5 8",
        "run 0"});
  auto *c = compute("lx");
  c->compute_array();
  std::vector<std::vector<double>> before(12);
  for (int k = 0; k < 12; ++k) before[k].assign(c->array[k], c->array[k] + 6);
  // Move the slab up so it crosses the upper z boundary of the periodic box.
  const double zhi = lmp_->domain->boxhi[2];
  const double shift = zhi - 5.5 * kPlaneSpacing;
  cmds({"displace_atoms all move 0 0 " + std::to_string(shift) + " units box", "run 0"});
  c->compute_array();
  ASSERT_EQ(c->size_array_rows, 12);
  const double applied = std::stod(std::to_string(shift));
  for (int k = 0; k < 12; ++k) {
    EXPECT_NEAR(c->array[k][0], before[k][0] + applied, 1e-6) << "plane " << k;
    for (int col = 1; col < 6; ++col) EXPECT_EQ(c->array[k][col], before[k][col]) << "plane " << k;
  }
  expect_matches(c, reference_counts(applied, zhi - 7 * kPlaneSpacing), 4, 7, 2);
}

TEST_F(LayerExcess, BulkByCoordinateEqualsBulkByLayers) {
  build_slab(4, 12, 2);
  cmds({"set group all type/fraction 2 0.3 5", "compute byidx all layer/excess z 2 bulk layers 5 8",
        // planes 5..8 (1-based) sit at z = 4..7 spacings
        "compute bycoord all layer/excess z 2 bulk coord " + std::to_string(3.5 * kPlaneSpacing) + " " +
            std::to_string(7.5 * kPlaneSpacing),
        "run 0"});
  auto *a = compute("byidx");
  auto *b = compute("bycoord");
  a->compute_vector();
  b->compute_vector();
  for (int i = 0; i < ComputeLayerExcess::kVectorSize; ++i) EXPECT_EQ(a->vector[i], b->vector[i]) << i;
}

TEST_F(LayerExcess, NonPeriodicNormalAndOtherAxes) {
  build_slab(4, 10, 2, "f");
  cmds({"set group all type/fraction 2 0.3 77", "compute lx all layer/excess z 2 bulk layers 4 7", "run 0"});
  expect_matches(compute("lx"), reference_counts(0.0), 3, 6, 2);
}

TEST_F(LayerExcess, OutputsReachThermoVariablesAndFixAveTime) {
  build_slab(3, 8, 2);
  const std::string file = "layer_excess_test_" + std::to_string(nprocs()) + ".dat";
  cmds({plane_region("top", 7), "set region top type 2", "compute lx all layer/excess z 2 bulk layers 3 5",
        "thermo_style custom step c_lx[1] c_lx[4] c_lx[8][4]",
        "fix out all ave/time 1 1 1 c_lx[*] mode vector file " + file, "variable n equal c_lx[1]",
        "variable top equal c_lx[8][5]", "run 0", "unfix out"});
  EXPECT_EQ(lmp_->input->variable->compute_equal("c_lx[1]"), 8.0);
  EXPECT_EQ(lmp_->input->variable->compute_equal("v_top"), 1.0);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) {
    std::ifstream in(file);
    ASSERT_TRUE(in.good());
    std::string line;
    int data_lines = 0;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') ++data_lines;
    EXPECT_EQ(data_lines, 1 + 8);  // "step rows" line and one line per plane
    std::remove(file.c_str());
  }
}

// `clear` rebuilds Force and Modify with stock styles only; the anodekmc_styles command (and
// the `anodekmc lammps` driver, tested in tests/driver) bring them back.
// MD-like spread: displacements of up to 0.8 A along z close the gaps between (100) planes
// 1.755 A apart, so gap clustering merges planes, while bins of width a/2 centred on the
// planes (offsets stay below a/4 = 0.8775 A) give exactly the constructed counts.
TEST_F(LayerExcess, BinsKeepPlanesThatThermalSpreadMerges) {
  build_slab(6, 14, 3);
  cmds({"set group all type/fraction 2 0.2 9011", "set group all type/fraction 3 0.1 9012",
        "displace_atoms all random 0.3 0.3 0.8 4321 units box",
        "compute bygap all layer/excess z 3 bulk layers 1 1",
        "compute bybins all layer/excess z 3 bulk layers 4 10 bins " + std::to_string(kPlaneSpacing) + " 0.0",
        "run 0"});
  auto *gap = compute("bygap");
  gap->compute_vector();
  EXPECT_LT(gap->vector[ComputeLayerExcess::kPlaneCount], 14.0);  // the failure bins avoid
  const auto ref = reference_counts(0.0);
  expect_matches(compute("bybins"), ref, 3, 9, 3);
  // Plane positions: the mean coordinate of the plane's atoms, from the construction.
  auto *bins = compute("bybins");
  std::vector<double> local_sum(14, 0.0), sum(14, 0.0);
  for (int i = 0; i < lmp_->atom->nlocal; ++i) {
    const double z = lmp_->atom->x[i][2];
    local_sum[static_cast<std::size_t>(std::lround(z / kPlaneSpacing))] += z;
  }
  MPI_Allreduce(local_sum.data(), sum.data(), 14, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  for (int k = 0; k < 14; ++k) EXPECT_NEAR(bins->array[k][0], sum[k] / bins->array[k][1], 1e-8) << "plane " << k;
}

// Bins on a slab across the periodic boundary: the box (27 plane spacings) is a whole number
// of bins, the slab stays one slab and its planes keep their counts and order.
TEST_F(LayerExcess, BinsFollowASlabAcrossThePeriodicBoundary) {
  build_slab(4, 12, 2);
  const std::string bins = " bins " + std::to_string(kPlaneSpacing);
  cmds({"set group all type/fraction 2 0.25 31338", "compute lx all layer/excess z 2 bulk layers 5 8" + bins + " 0.0",
        "run 0"});
  auto *c = compute("lx");
  c->compute_array();
  std::vector<std::vector<double>> before(12);
  for (int k = 0; k < 12; ++k) before[k].assign(c->array[k], c->array[k] + 6);
  const double zhi = lmp_->domain->boxhi[2];
  const double shift = zhi - 5.5 * kPlaneSpacing + 0.2;
  cmds({"displace_atoms all move 0 0 " + std::to_string(shift) + " units box",
        "compute shifted all layer/excess z 2 bulk layers 5 8" + bins + " " + std::to_string(shift), "run 0"});
  auto *d = compute("shifted");
  d->compute_array();
  ASSERT_EQ(d->size_array_rows, 12);
  const double applied = std::stod(std::to_string(shift));
  for (int k = 0; k < 12; ++k) {
    EXPECT_NEAR(d->array[k][0], before[k][0] + applied, 1e-6) << "plane " << k;
    for (int col = 1; col < 6; ++col) EXPECT_EQ(d->array[k][col], before[k][col]) << "plane " << k;
  }
  expect_matches(d, reference_counts(applied, zhi - 7 * kPlaneSpacing), 4, 7, 2);
}

TEST_F(LayerExcess, StylesComeBackAfterClearWithCommand) {
  EXPECT_TRUE(anodekmc::styles_registered(lmp_));
  cmd("clear");
  EXPECT_FALSE(anodekmc::styles_registered(lmp_));
  cmd("anodekmc_styles");
  EXPECT_TRUE(anodekmc::styles_registered(lmp_));
  build_slab(3, 6, 2);
  cmds({"compute lx all layer/excess z 2 bulk layers 2 4", "run 0"});
  auto *c = compute("lx");
  c->compute_vector();
  EXPECT_EQ(c->vector[ComputeLayerExcess::kPlaneCount], 6.0);
}

// ---- bad input: one clear LAMMPS error each, process exits with status 1 ----

class LayerExcessErrors : public LayerExcess {
 protected:
  void SetUp() override {
    if (nprocs() > 1) GTEST_SKIP() << "death tests run on one rank only";
    LayerExcess::SetUp();
  }
  // Error messages go to stderr so the death test can match them.
  void bad(const std::string &line, const std::string &pattern) {
    EXPECT_EXIT(
        {
          lmp_->screen = stderr;
          cmd(line);
          cmd("run 0");
        },
        ::testing::ExitedWithCode(1), pattern)
        << line;
  }
};

TEST_F(LayerExcessErrors, BadArgumentsAreRejectedWithClearMessages) {
  build_slab(3, 8, 2);
  bad("compute lx all layer/excess z", "Illegal compute layer/excess command: expected");
  bad("compute lx all layer/excess w 2 bulk layers 3 5", "axis must be x, y or z, got 'w'");
  bad("compute lx all layer/excess z 3 bulk layers 3 5", "solute type must be between 1 and 2");
  bad("compute lx all layer/excess z 0 bulk layers 3 5", "solute type must be between 1 and 2");
  bad("compute lx all layer/excess z two bulk layers 3 5", "Expected integer");
  bad("compute lx all layer/excess z 2", "the bulk reference is required");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 colour red", "unknown keyword 'colour'");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 gap 0", "gap must be a positive distance");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 gap -1", "gap must be a positive distance");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 gap", "'gap' expects a distance");
  bad("compute lx all layer/excess z 2 bulk coord 5 2", "bulk coord needs lo < hi");
  bad("compute lx all layer/excess z 2 bulk layers 0 3", "bulk layers needs 1 <= first <= last");
  bad("compute lx all layer/excess z 2 bulk layers 4 3", "bulk layers needs 1 <= first <= last");
  bad("compute lx all layer/excess z 2 bulk slab 1 2", "'bulk' expects 'coord' or 'layers'");
  bad("compute lx all layer/excess z 2 bulk layers 3", "'bulk' expects 'coord <lo> <hi>'");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 bins 0 0.0", "bins width must be a positive distance");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 bins 1.755", "'bins' expects a width and an origin");
  bad("compute lx all layer/excess z 2 bulk layers 3 5 bins 1.755 0 gap 0.4", "either 'gap' .* or 'bins'");
  // the box along z (8 planes + 8 lattice units of vacuum = 11.5 x 3.51 A) is not 10 bins of 4 A
  bad("compute lx all layer/excess z 2 bulk layers 3 5 bins 4.0 0.0", "is not a whole number of plane bin widths");
  // found at run time: the deck asks for more planes than the slab has, or an empty region
  bad("compute lx all layer/excess z 2 bulk layers 3 12", "bulk layers 3 12 but only 8 planes were found");
  bad("compute lx all layer/excess z 2 bulk coord 100 200", "no atomic plane lies in the bulk region");
}

// A bulk region that, on a periodic axis, catches planes from both ends of a slab across the
// boundary does not select one run of planes: refused, with the way out named.
TEST_F(LayerExcessErrors, BulkRegionMustSelectConsecutivePlanes) {
  build_slab(3, 8, 2);
  // planes at -16, -14.245, ..., -3.715 A in a box from -14.04 to 26.325 A: the two lowest
  // wrap to 24.365 and 26.12 A, above the vacuum; the region below catches all planes but 26.12.
  cmd("displace_atoms all move 0 0 -16 units box");
  EXPECT_EXIT(
      {
        lmp_->screen = stderr;
        cmds({"compute lx all layer/excess z 2 bulk coord -13 26", "run 0"});
      },
      ::testing::ExitedWithCode(1), "but not all planes between them");
}

TEST_F(LayerExcessErrors, NonPeriodicInPlaneDirectionIsRejected) {
  build_slab(3, 8, 2, "f");
  EXPECT_EXIT(
      {
        lmp_->screen = stderr;
        cmd("compute lx all layer/excess x 2 bulk layers 1 2");
      },
      ::testing::ExitedWithCode(1), "must be periodic in the in-plane direction z");
}

TEST_F(LayerExcessErrors, EmptyGroupIsRejected) {
  build_slab(3, 8, 2);
  EXPECT_EXIT(
      {
        lmp_->screen = stderr;
        cmds({"group nobody id 999999", "compute lx nobody layer/excess z 2 bulk layers 1 2", "run 0"});
      },
      ::testing::ExitedWithCode(1), "group nobody has no atoms");
}

}  // namespace
