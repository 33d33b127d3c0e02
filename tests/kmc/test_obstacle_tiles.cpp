// ObstacleTiles (the first-passage kMC's obstacle bitmaps) against site-by-site brute force on
// nets whose sides are not multiples of the tile size, so partial tiles and the periodic wrap
// are exercised.
#include "kmc/obstacle_tiles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <random>
#include <set>
#include <tuple>
#include <vector>

using anodekmc::kmc::ObstacleTiles;

namespace {

struct Net {
  int nx, ny, species;
  std::vector<int> occupied, guarded, substrate;  // per site i + nx j
  int at(int i, int j) const { return i + nx * j; }
};

int wrapped(int v, int n) { return ((v % n) + n) % n; }

Net random_net(int nx, int ny, int species, double density, std::mt19937 &rng) {
  Net net{nx, ny, species, std::vector<int>(nx * ny), std::vector<int>(nx * ny), std::vector<int>(nx * ny)};
  std::bernoulli_distribution hit(density);
  std::uniform_int_distribution<int> pick(0, species - 1);
  for (int s = 0; s < nx * ny; ++s) {
    net.occupied[s] = hit(rng);
    net.guarded[s] = hit(rng);
    net.substrate[s] = hit(rng) ? pick(rng) : 0;
  }
  return net;
}

void load(const Net &net, ObstacleTiles &tiles) {
  tiles.reset(net.nx, net.ny, net.species);
  for (int j = 0; j < net.ny; ++j)
    for (int i = 0; i < net.nx; ++i) {
      tiles.set_occupied(i, j, net.occupied[net.at(i, j)] != 0);
      tiles.set_guarded(i, j, net.guarded[net.at(i, j)] != 0);
      tiles.set_substrate(i, j, net.substrate[net.at(i, j)]);
    }
}

bool obstacle(const Net &net, int i, int j, int species0) {
  const int s = net.at(i, j);
  return net.occupied[s] || net.guarded[s] || net.substrate[s] != species0;
}

}  // namespace

TEST(ObstacleTiles, VisitsExactlyTheObstaclesOfEveryBoxWithTheirOffsets) {
  std::mt19937 rng(7);
  for (const auto &[nx, ny] : {std::pair{21, 13}, std::pair{16, 24}, std::pair{9, 30}}) {
    const Net net = random_net(nx, ny, 3, 0.15, rng);
    ObstacleTiles tiles;
    load(net, tiles);
    for (int trial = 0; trial < 200; ++trial) {
      const int ic = std::uniform_int_distribution<int>(0, nx - 1)(rng);
      const int jc = std::uniform_int_distribution<int>(0, ny - 1)(rng);
      const int reach_i = std::uniform_int_distribution<int>(0, (nx - 1) / 2)(rng);
      const int reach_j = std::uniform_int_distribution<int>(0, (ny - 1) / 2)(rng);
      const int species0 = std::uniform_int_distribution<int>(0, 2)(rng);
      std::set<std::tuple<int, int>> expected, found;
      for (int dj = -reach_j; dj <= reach_j; ++dj)
        for (int di = -reach_i; di <= reach_i; ++di)
          if (obstacle(net, wrapped(ic + di, nx), wrapped(jc + dj, ny), species0)) expected.insert({di, dj});
      tiles.for_each_obstacle_near(
          ic, jc, reach_i, reach_j, species0, [](int, int) { return false; },
          [&](int di, int dj, int i, int j) {
            // The site and its offset must agree, and the site must be an obstacle.
            ASSERT_EQ(wrapped(ic + di, nx), i);
            ASSERT_EQ(wrapped(jc + dj, ny), j);
            ASSERT_TRUE(obstacle(net, i, j, species0));
            if (std::abs(di) <= reach_i && std::abs(dj) <= reach_j) found.insert({di, dj});
          });
      ASSERT_EQ(found, expected) << "net " << nx << "x" << ny << " centre (" << ic << ", " << jc << ") reach "
                                 << reach_i << ", " << reach_j;
    }
  }
}

TEST(ObstacleTiles, PruningByDistanceStillFindsTheNearestObstacle) {
  std::mt19937 rng(11);
  const Net net = random_net(37, 29, 2, 0.02, rng);
  ObstacleTiles tiles;
  load(net, tiles);
  for (int trial = 0; trial < 500; ++trial) {
    const int ic = std::uniform_int_distribution<int>(0, net.nx - 1)(rng);
    const int jc = std::uniform_int_distribution<int>(0, net.ny - 1)(rng);
    const int radius = std::uniform_int_distribution<int>(1, 14)(rng);
    int brute = radius + 1;
    for (int dj = -radius; dj <= radius; ++dj)
      for (int di = -radius; di <= radius; ++di) {
        const int d = std::max(std::abs(di), std::abs(dj));
        if (d > 0 && obstacle(net, wrapped(ic + di, net.nx), wrapped(jc + dj, net.ny), 0)) brute = std::min(brute, d);
      }
    int nearest = radius + 1;
    tiles.for_each_obstacle_near(
        ic, jc, radius, radius, 0,
        [&](int min_di, int min_dj) { return std::max(min_di, min_dj) > std::min(nearest, radius); },
        [&](int di, int dj, int, int) {
          const int d = std::max(std::abs(di), std::abs(dj));
          if (d > 0 && d <= radius) nearest = std::min(nearest, d);
        });
    ASSERT_EQ(nearest, brute) << "centre (" << ic << ", " << jc << ") radius " << radius;
  }
}

TEST(ObstacleTiles, GuardRunsEqualSiteBySiteMarksAndDomainListsCoverTheirBoxes) {
  const int nx = 27, ny = 19;
  ObstacleTiles runs, sites;
  runs.reset(nx, ny, 1);
  sites.reset(nx, ny, 1);
  // Runs that start left of 0 or wrap past nx, and one that is the whole row.
  const std::vector<std::tuple<int, int, int>> marks = {{-3, 9, 0}, {20, 12, 5}, {0, 27, 18}, {5, 3, 7}};
  for (const auto &[start, count, j] : marks) {
    runs.set_guarded_run(start, count, j, true);
    for (int k = 0; k < count; ++k) sites.set_guarded(wrapped(start + k, nx), j, true);
  }
  runs.set_guarded_run(22, 4, 5, false);  // clear part of one again
  for (int k = 0; k < 4; ++k) sites.set_guarded(wrapped(22 + k, nx), 5, false);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) ASSERT_EQ(runs.guarded(i, j), sites.guarded(i, j)) << i << ", " << j;

  // A box around (25, 1) wraps across both edges: every site of it lists the domain.
  runs.add_domain(25, 1, 6, 4, 42);
  runs.add_domain(10, 10, 2, 2, 7);
  for (int dj = -4; dj <= 4; ++dj)
    for (int di = -6; di <= 6; ++di) {
      const auto &ids = runs.domains_at(wrapped(25 + di, nx), wrapped(1 + dj, ny));
      ASSERT_EQ(std::count(ids.begin(), ids.end(), 42u), 1) << di << ", " << dj;
    }
  runs.remove_domain(25, 1, 6, 4, 42);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const auto &ids = runs.domains_at(i, j);
      ASSERT_EQ(std::count(ids.begin(), ids.end(), 42u), 0);
    }
  const auto &ids = runs.domains_at(10, 10);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 7u), 1);
}

TEST(ObstacleTiles, NearestInRowEqualsTheMinimumOverEveryBit) {
  for (const bool hexagonal : {false, true})
    for (unsigned mask = 0; mask < 256; ++mask)
      for (int di0 = -20; di0 <= 12; ++di0)
        for (int dj = -10; dj <= 10; ++dj) {
          int brute = INT_MAX;
          for (int b = 0; b < 8; ++b)
            if (mask & (1u << b)) {
              const int di = di0 + b;
              int d = std::max(std::abs(di), std::abs(dj));
              if (hexagonal) d = std::max(d, std::abs(di + dj));
              brute = std::min(brute, d);
            }
          ASSERT_EQ(ObstacleTiles::nearest_in_row(mask, di0, dj, hexagonal), brute)
              << "mask " << mask << " di0 " << di0 << " dj " << dj << (hexagonal ? " hexagonal" : " square");
        }
}
