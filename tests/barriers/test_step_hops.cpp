// Step (Ehrlich-Schwoebel) hops: the key the barrier engine gives a hop on an SOS height map
// (sos_hop_key) against the kMC engine itself on kMC-grown multilayer surfaces, and the bcc(100)
// and bcc(110) strip configurations and their keys (the step-down NEBs: test_step_neb.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "barriers/eam_surface.hpp"
#include "barriers/fire_minimizer.hpp"
#include "barriers/neb.hpp"
#include "barriers/sos_hop_key.hpp"
#include "barriers/step_hop_bcc100.hpp"
#include "barriers/step_hop_bcc110.hpp"
#include "kmc/barrier_catalog.hpp"
#include "kmc/kmc_engine.hpp"
#include "kmc/rate_table.hpp"
#include "kmc/sum_tree_selector.hpp"
#include "potential/eam_database.hpp"

namespace {

using namespace anodekmc::barriers;
namespace kmc = anodekmc::kmc;

// Every environment of a 2-species net gets its own barrier (0.45-0.65 eV, golden-ratio
// scrambled so that no two slots and no small sums of rates coincide): a column's total rate
// then identifies which environments its hops were filed under.
std::string distinct_catalog(const kmc::EnvironmentIndex &index, const std::vector<std::string> &species) {
  std::string text = std::string(kmc::BarrierCatalog::kHeader) + "\n";
  char line[160];
  for (std::size_t slot = 0; slot < index.size(); ++slot) {
    const kmc::HopEnvironment e = index.environment(slot);
    const double frac = std::fmod(0.6180339887 * static_cast<double>(slot + 1), 1.0);
    std::snprintf(line, sizeof line, "%d,%d,%s,%s,%s,%s,%.9f,,test\n", e.n_initial, e.n_final, kmc::step_name(e.step),
                  species[static_cast<std::size_t>(e.moving)].c_str(),
                  species[static_cast<std::size_t>(e.below_initial)].c_str(),
                  species[static_cast<std::size_t>(e.below_final)].c_str(), 0.45 + 0.2 * frac);
    text += line;
  }
  return text;
}

// At each sample, every occupied column's rate from the engine must equal the sum over its hop
// directions of the rates of the keys sos_hop_key gives (read from the same rate table).
class KeyChecker : public kmc::KmcObserver {
 public:
  KeyChecker(const kmc::KmcEngine<kmc::SumTreeSelector> &engine, const std::vector<std::string> &species)
      : engine_(engine), species_(species) {}
  void sample(double, const kmc::SurfaceState &state, const kmc::EventCounters &) override {
    const kmc::KmcModel &model = engine_.model();
    SosSurface sos{model.net, std::vector<int>(state.height.begin(), state.height.end()), {}, species_[0]};
    for (std::uint8_t s : state.substrate) sos.substrate.push_back(species_[s]);
    auto index_of = [&](const std::string &symbol) {
      return static_cast<int>(std::find(species_.begin(), species_.end(), symbol) - species_.begin());
    };
    for (std::uint32_t c = 0; c < model.net.site_count(); ++c) {
      if (state.height[c] == 0) continue;
      double expected = 0;
      for (int k = 0; k < model.net.hop_count(); ++k) {
        HopKey key;
        if (!sos_hop_key(sos, c, k, key)) continue;
        kmc::StepKind step = kmc::StepKind::kFlat;
        ASSERT_TRUE(kmc::parse_step(key.step, step));
        ++seen_[key.step];
        expected += model.rates.hop_rate(model.rates.index()(key.n_initial, key.n_final, step, index_of(key.moving),
                                                             index_of(key.below_initial), index_of(key.below_final)));
      }
      const double actual = engine_.column_rate(c);
      ++columns_;
      if (std::abs(actual - expected) > 1e-12 * std::abs(actual)) {
        ++mismatches_;
        if (mismatches_ < 5) ADD_FAILURE() << "column " << c << ": engine " << actual << " /s, sos_hop_key " << expected;
      }
    }
  }
  std::map<std::string, int> seen_;
  int columns_ = 0, mismatches_ = 0;

 private:
  const kmc::KmcEngine<kmc::SumTreeSelector> &engine_;
  std::vector<std::string> species_;
};

// The reverse hop in the SOS picture (the atom back at the foot, the edge column one lower)
// has the up key, the reverse of the step's down key.
void expect_sos_reverse_is_up_key(const StepHop &step) {
  SosSurface after = step.sos;
  const std::uint32_t foot = after.net.hop_target(step.from_column, step.direction);
  after.height[step.from_column] -= 1;
  after.height[foot] += 1;
  HopKey back;
  ASSERT_TRUE(sos_hop_key(after, foot, after.net.reverse_hop(step.direction), back));
  const HopKey up = reversed(step.key);
  EXPECT_EQ(back.n_initial, up.n_initial);
  EXPECT_EQ(back.n_final, up.n_final);
  EXPECT_EQ(back.step, "up");
}

TEST(StepHops, SosHopKeyIsTheKeyOfTheKmcEngine) {
  for (const std::string facet : {"bcc100", "fcc111", "bcc110"}) {
    SCOPED_TRACE(facet);
    const std::vector<std::string> species = {"Li", "In"};
    const auto net = anodekmc::lattice::SurfaceNet::for_facet(facet, 3.5, 12, 12);
    const kmc::EnvironmentIndex index(net.lateral_count(), 2);
    const std::string path = ::testing::TempDir() + "distinct_catalog_" + facet + ".csv";
    std::ofstream(path) << distinct_catalog(index, species);
    kmc::BarrierCatalog catalog(index, species);
    catalog.read(path);
    const kmc::RateTable rates(index, &catalog, kmc::BondCountingModel{}, kmc::DesorptionModel{}, 300.0, 1e13);
    // A quarter of the substrate columns In (fixed pattern), Li deposited at 1e3 ML/s: a few
    // hundred hops per atom per monolayer, so islands, second-layer islands and steps form.
    std::vector<std::uint8_t> substrate(net.site_count(), 0);
    for (std::uint32_t c = 0; c < net.site_count(); c += 4) substrate[c] = 1;
    const kmc::KmcModel model{net, species, substrate, rates, 1e3, 0};
    kmc::KmcEngine<kmc::SumTreeSelector> engine(model, 20261202);
    KeyChecker checker(engine, species);
    kmc::RunLimits limits;
    limits.max_deposited_ml = 3.0;
    limits.sample_interval_s = 3.0 / 1e3 / 60.0;  // 60 samples
    engine.run(limits, &checker);
    EXPECT_EQ(checker.mismatches_, 0) << "of " << checker.columns_ << " columns";
    // The comparison covered steps in both directions, not only flat hops.
    EXPECT_GT(checker.seen_["down"], 100);
    EXPECT_GT(checker.seen_["up"], 100);
    EXPECT_GT(checker.seen_["flat"], 1000);
    std::printf("[ measured ] %s: %d columns compared; hops flat %d, down %d, up %d\n", facet.c_str(), checker.columns_,
                checker.seen_["flat"], checker.seen_["down"], checker.seen_["up"]);
  }
}

TEST(StepHops, StripOnBcc100HasTheKmcKeysAndGeometry) {
  const double a = 3.49;
  const Slab slab = build_slab(SlabSpec{"bcc100", a, 8, 5, 5, 2, 12.0});
  for (StepPath path : {StepPath::kHop, StepPath::kExchange}) {
    SCOPED_TRACE(step_path_name(path));
    const StepHop step = build_step_down_bcc100(slab, 4, path, {"Li"});
    // The kMC's key: nothing beside the adatom on the upper terrace, one bond (the edge column)
    // at the foot of the step; Li under it (a deposited atom) and Li substrate after.
    EXPECT_EQ(step.key.n_initial, 0);
    EXPECT_EQ(step.key.n_final, 1);
    EXPECT_EQ(step.key.step, "down");
    EXPECT_EQ(step.key.below_initial, "Li");
    EXPECT_EQ(step.key.below_final, "Li");
    const HopKey up = reversed(step.key);
    EXPECT_EQ(up.step, "up");
    EXPECT_EQ(up.n_initial, 1);
    EXPECT_EQ(up.n_final, 0);
    expect_sos_reverse_is_up_key(step);

    const HopConfiguration &c = step.configuration;
    EXPECT_EQ(c.structure.size(), slab.structure.size() + 4 * 5 + 1);  // 4 rows x 5 cells of strip + adatom
    const auto m = static_cast<Eigen::Index>(3 * c.moving_atom);
    const Eigen::Vector3d from = c.initial_A.segment<3>(m), to = c.final_A.segment<3>(m);
    EXPECT_NEAR(from.z() - slab.top_z_A, a, 1e-9);  // two layer spacings up: on the strip
    // Every strip atom within the bulk nearest-neighbour distance of the adatom (4 of them: a
    // 4-fold site on the strip, not on its edge).
    int supporters = 0;
    for (std::size_t k = step.first_added_atom; k < c.moving_atom; ++k)
      supporters += (c.initial_A.segment<3>(static_cast<Eigen::Index>(3 * k)) - from).norm() < 0.87 * a + 1e-9;
    EXPECT_EQ(supporters, 4);
    if (path == StepPath::kHop) {
      EXPECT_NEAR(to.x() - from.x(), 1.5 * a, 1e-9);
      EXPECT_NEAR(to.y() - from.y(), 0.5 * a, 1e-9);
      EXPECT_NEAR(to.z() - slab.top_z_A, 0.5 * a, 1e-9);
      EXPECT_EQ((c.final_A - c.initial_A).norm(), (to - from).norm()) << "only the adatom moves";
    } else {
      EXPECT_NEAR(to.x() - from.x(), 0.5 * a, 1e-9);  // into the edge atom's place
      int moved = 0;
      for (std::size_t k = 0; k < c.structure.size(); ++k)
        moved += (c.final_A - c.initial_A).segment<3>(static_cast<Eigen::Index>(3 * k)).norm() > 1e-9;
      EXPECT_EQ(moved, 2);
    }
  }
  // The start one row in: the 4-fold site ((i_e - 1) a, j a), four strip supporters, same foot.
  const StepHop inner = build_step_down_bcc100(slab, 4, StepPath::kHop, {"Li"}, 0, StepStart::kInner);
  const HopConfiguration &ci = inner.configuration;
  const auto mi = static_cast<Eigen::Index>(3 * ci.moving_atom);
  int inner_supporters = 0;
  for (std::size_t k = inner.first_added_atom; k < ci.moving_atom; ++k)
    inner_supporters +=
        (ci.initial_A.segment<3>(static_cast<Eigen::Index>(3 * k)) - ci.initial_A.segment<3>(mi)).norm() < 0.87 * a + 1e-9;
  EXPECT_EQ(inner_supporters, 4);
  EXPECT_NEAR(ci.final_A.segment<3>(mi).x() - ci.initial_A.segment<3>(mi).x(), 2.5 * a, 1e-9);
  EXPECT_THROW(build_step_down_bcc100(slab, 2, StepPath::kHop, {"Li"}, 0, StepStart::kInner), std::invalid_argument);
  EXPECT_THROW(build_step_down_bcc100(slab, 1, StepPath::kHop, {"Li"}), std::invalid_argument);
  EXPECT_THROW(build_step_down_bcc100(slab, 6, StepPath::kHop, {"Li"}), std::invalid_argument);
  EXPECT_THROW(build_step_down_bcc100(build_slab(SlabSpec{"fcc111", 4.4, 5, 3, 5, 2, 12.0}), 2, StepPath::kHop, {"Li"}),
               std::invalid_argument);
}

TEST(StepHops, StripOnBcc110HasTheKmcKeysAndGeometry) {
  const double a = 3.49;
  // 4 cells along the step (x, [001]), 4 cells = 8 net rows across it: a 4-row strip leaves 4.
  const Slab slab = build_slab(SlabSpec{"bcc110", a, 4, 4, 5, 2, 12.0});
  const double nn = 0.5 * std::sqrt(3.0) * a;
  for (StepPath path : {StepPath::kHop, StepPath::kExchange}) {
    SCOPED_TRACE(step_path_name(path));
    const StepHop step = build_step_down_bcc110(slab, 4, path, {"Li", "In"}, 1);
    // The kMC's key of the (-1, +1) hop off the edge column: nothing beside the adatom on the
    // strip; at the foot the edge column left behind and the edge column (i - 1, W).
    EXPECT_EQ(step.key.n_initial, 0);
    EXPECT_EQ(step.key.n_final, 2);
    EXPECT_EQ(step.key.step, "down");
    EXPECT_EQ(step.key.below_initial, "Li");  // the deposited species, whatever the edge atom is
    EXPECT_EQ(step.key.below_final, "Li");
    // The mirror-image hop (0, +1) off the same column has the same key.
    HopKey mirror;
    ASSERT_TRUE(sos_hop_key(step.sos, step.from_column, hop_direction(step.sos.net, 0, 1), mirror));
    EXPECT_EQ(mirror.n_initial, step.key.n_initial);
    EXPECT_EQ(mirror.n_final, step.key.n_final);
    EXPECT_EQ(mirror.step, "down");
    expect_sos_reverse_is_up_key(step);

    const HopConfiguration &c = step.configuration;
    EXPECT_EQ(c.structure.size(), slab.structure.size() + 4 * 4 + 1);  // 4 rows x 4 atoms of strip + adatom
    EXPECT_EQ(c.structure.species[step.edge_atom], 1);
    const auto m = static_cast<Eigen::Index>(3 * c.moving_atom);
    const Eigen::Vector3d from = c.initial_A.segment<3>(m), to = c.final_A.segment<3>(m);
    EXPECT_NEAR(from.z() - slab.top_z_A, std::sqrt(2.0) * a, 1e-9);  // two layer spacings up: on the strip
    // On the edge: two strip atoms at the nearest-neighbour distance (the edge atoms, one of
    // them the In edge atom), one at a (the strip row behind), and no fourth within a.
    int nearest = 0, second = 0;
    bool on_edge_atom = false;
    for (std::size_t k = step.first_added_atom; k < c.moving_atom; ++k) {
      const double r = (c.initial_A.segment<3>(static_cast<Eigen::Index>(3 * k)) - from).norm();
      nearest += r < nn + 1e-9;
      second += r > nn + 1e-9 && r < a + 1e-9;
      on_edge_atom = on_edge_atom || (k == step.edge_atom && r < nn + 1e-9);
    }
    EXPECT_EQ(nearest, 2);
    EXPECT_EQ(second, 1);
    EXPECT_TRUE(on_edge_atom);
    const Eigen::Vector3d edge = c.initial_A.segment<3>(static_cast<Eigen::Index>(3 * step.edge_atom));
    if (path == StepPath::kHop) {
      EXPECT_NEAR(to.x() - from.x(), 0.0, 1e-9);  // straight across the [001] step
      EXPECT_NEAR(to.y() - from.y(), a / std::sqrt(2.0), 1e-9);
      EXPECT_NEAR(to.z() - slab.top_z_A, a / std::sqrt(2.0), 1e-9);
      EXPECT_NEAR((to - edge).norm(), nn, 1e-9);  // the foot touches the edge atom
      EXPECT_EQ((c.final_A - c.initial_A).norm(), (to - from).norm()) << "only the adatom moves";
    } else {
      EXPECT_NEAR((to - edge).norm(), 0.0, 1e-9);  // into the edge atom's place
      EXPECT_NEAR((to - from).norm(), nn, 1e-9);
      int moved = 0;
      for (std::size_t k = 0; k < c.structure.size(); ++k)
        moved += (c.final_A - c.initial_A).segment<3>(static_cast<Eigen::Index>(3 * k)).norm() > 1e-9;
      EXPECT_EQ(moved, 2);
      const Eigen::Vector3d pushed_to = c.final_A.segment<3>(static_cast<Eigen::Index>(3 * step.edge_atom));
      EXPECT_NEAR((pushed_to - edge).norm(), nn, 1e-9);  // out to the foot, a nearest-neighbour move
    }
  }
  // The start one row in (StepStart::kInner): above P - e2, every neighbour present (two strip
  // atoms at the nearest-neighbour distance, two at a), the same foot.
  const StepHop inner = build_step_down_bcc110(slab, 4, StepPath::kHop, {"Li"}, 0, StepStart::kInner);
  const HopConfiguration &ci = inner.configuration;
  const auto mi = static_cast<Eigen::Index>(3 * ci.moving_atom);
  const Eigen::Vector3d start = ci.initial_A.segment<3>(mi);
  int inner_nearest = 0, inner_second = 0;
  for (std::size_t k = inner.first_added_atom; k < ci.moving_atom; ++k) {
    const double r = (ci.initial_A.segment<3>(static_cast<Eigen::Index>(3 * k)) - start).norm();
    inner_nearest += r < nn + 1e-9;
    inner_second += r > nn + 1e-9 && r < a + 1e-9;
  }
  EXPECT_EQ(inner_nearest, 2);
  EXPECT_EQ(inner_second, 2);
  const HopConfiguration &edge_start = build_step_down_bcc110(slab, 4, StepPath::kHop, {"Li"}).configuration;
  EXPECT_NEAR((ci.final_A - edge_start.final_A).norm(), 0.0, 1e-9) << "same foot";
  EXPECT_NEAR((start - edge_start.initial_A.segment<3>(mi)).norm(), nn, 1e-9) << "one row in: a nearest-neighbour site";
  EXPECT_THROW(build_step_down_bcc110(slab, 2, StepPath::kHop, {"Li"}, 0, StepStart::kInner), std::invalid_argument);

  // The same step through the facet dispatcher, and its slab spec: two rows per cell along y.
  EXPECT_EQ(build_step_down("bcc110", slab, 4, StepPath::kHop, {"Li"}).key.n_final, 2);
  const SlabSpec widened = step_slab_spec(SlabSpec{"bcc110", a, 4, 3, 5, 2, 12.0}, 3);
  EXPECT_EQ(widened.cells_x, 4);
  EXPECT_EQ(widened.cells_y, 5);
  EXPECT_THROW(build_step_down_bcc110(slab, 1, StepPath::kHop, {"Li"}), std::invalid_argument);
  EXPECT_THROW(build_step_down_bcc110(slab, 6, StepPath::kHop, {"Li"}), std::invalid_argument);  // 2 rows of terrace
  EXPECT_THROW(build_step_down_bcc110(slab, 4, StepPath::kHop, {"Li"}, 1), std::invalid_argument);
  EXPECT_THROW(build_step_down_bcc110(build_slab(SlabSpec{"bcc100", a, 8, 5, 5, 2, 12.0}), 2, StepPath::kHop, {"Li"}),
               std::invalid_argument);
  EXPECT_THROW(build_step_down("fcc111", build_slab(SlabSpec{"fcc111", 4.4, 5, 3, 5, 2, 12.0}), 2, StepPath::kHop, {"Li"}),
               std::invalid_argument);
}

}  // namespace
