// The barrier catalog reader and the rate table built from it.
#include "kmc/barrier_catalog.hpp"
#include "kmc/rate_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

using namespace anodekmc::kmc;

namespace {

std::string write_temp(const std::string &name, const std::string &text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

const std::string kHeader = std::string(BarrierCatalog::kHeader) + "\n";

void expect_error(const std::string &body, const std::string &fragment) {
  const EnvironmentIndex index(4, 2);
  BarrierCatalog catalog(index, {"Li", "In"});
  const std::string path = write_temp("bad_catalog.csv", body);
  try {
    catalog.read(path);
    ADD_FAILURE() << "no error for: " << body;
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << "message names the file: " << e.what();
  }
}

}  // namespace

TEST(BarrierCatalog, ReadsRowsAndBuildsRates) {
  const EnvironmentIndex index(4, 2);
  BarrierCatalog catalog(index, {"Li", "In"});
  catalog.read(write_temp("good_catalog.csv", "# test catalog\n" + kHeader +
                                                  "0,0,flat,Li,Li,Li,0.050,,NEB cycle 1\n"
                                                  "0,0,flat,Li,In,Li,0.120,2e12,NEB\n"
                                                  "1,0,down,Li,Li,Li,0.200,,bond counting\n"
                                                  "0,0,flat,In,Li,Li,0.400,,NEB\n"));
  EXPECT_EQ(catalog.row_count(), 4u);
  HopEnvironment e;
  e.below_initial = 1;
  EXPECT_TRUE(catalog.entry(e).present);
  EXPECT_DOUBLE_EQ(catalog.entry(e).barrier_eV, 0.12);
  EXPECT_DOUBLE_EQ(catalog.entry(e).prefactor_per_s, 2e12);

  BondCountingModel fallback;
  fallback.enabled = true;
  fallback.base_barrier_eV = {0.07, 0.3, NAN, NAN};  // Li over Li, Li over In; In movers not given
  fallback.bond_eV = 0.1;
  fallback.ehrlich_schwoebel_eV = 0.05;
  const double T = 300.0, kT = kBoltzmann_eV_per_K * T;
  RateTable rates(index, &catalog, fallback, DesorptionModel{}, T, 1e13);
  EXPECT_DOUBLE_EQ(rates.hop_rate(index(0, 0, StepKind::kFlat, 0, 0, 0)), 1e13 * std::exp(-0.05 / kT));
  EXPECT_DOUBLE_EQ(rates.hop_rate(index(0, 0, StepKind::kFlat, 0, 1, 0)), 2e12 * std::exp(-0.12 / kT));
  EXPECT_EQ(rates.source(index(0, 0, StepKind::kFlat, 0, 0, 0)), RateSource::kCatalog);
  // an In adatom (after an exchange) has its own row
  EXPECT_DOUBLE_EQ(rates.hop_rate(index(0, 0, StepKind::kFlat, 1, 0, 0)), 1e13 * std::exp(-0.4 / kT));
  // not in the catalog: bond counting E0(Li over In) + 2 bonds + ES
  EXPECT_DOUBLE_EQ(rates.hop_rate(index(2, 1, StepKind::kDown, 0, 1, 0)), 1e13 * std::exp(-(0.3 + 0.2 + 0.05) / kT));
  EXPECT_EQ(rates.source(index(2, 1, StepKind::kDown, 0, 1, 0)), RateSource::kBondCounting);
  // an In mover without a catalog row or a base barrier: missing
  EXPECT_TRUE(std::isnan(rates.hop_rate(index(1, 0, StepKind::kFlat, 1, 0, 0))));
  // without a fallback the environment is missing
  RateTable strict(index, &catalog, BondCountingModel{}, DesorptionModel{}, T, 1e13);
  EXPECT_TRUE(std::isnan(strict.hop_rate(index(2, 1, StepKind::kDown, 0, 1, 0))));
  EXPECT_EQ(strict.source(index(2, 1, StepKind::kDown, 0, 1, 0)), RateSource::kMissing);
  // exchange rates
  ExchangeModel exchange;
  exchange.barrier_eV = {NAN, 0.5, 0.6, NAN};
  RateTable with_exchange(index, &catalog, fallback, DesorptionModel{}, T, 1e13, exchange);
  EXPECT_DOUBLE_EQ(with_exchange.exchange_rate(0, 1), 1e13 * std::exp(-0.5 / kT));
  EXPECT_DOUBLE_EQ(with_exchange.exchange_rate(1, 0), 1e13 * std::exp(-0.6 / kT));
  EXPECT_EQ(with_exchange.exchange_rate(0, 0), 0.0);
}

TEST(BarrierCatalog, BadFilesGiveOneClearErrorWithFileAndLine) {
  expect_error("", "empty barrier catalog");
  expect_error("n_initial,n_final,step,below,barrier\n", "expected the header line");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,0.05,\n", ":2: expected 9 comma-separated fields");
  expect_error(kHeader + "0,0,sideways,Li,Li,Li,0.05,,x\n", "step must be flat, down or up");
  expect_error(kHeader + "0,0,flat,Li,Sn,Li,0.05,,x\n", "below_initial: unknown species 'Sn'");
  expect_error(kHeader + "0,0,flat,Ga,Li,Li,0.05,,x\n", "moving: unknown species 'Ga'");
  expect_error(kHeader + "5,0,flat,Li,Li,Li,0.05,,x\n", "n_initial must be between 0 and 4");
  expect_error(kHeader + "x,0,flat,Li,Li,Li,0.05,,x\n", "n_initial: expected an integer");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,-0.05,,x\n", "barrier_eV must be finite and >= 0");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,nan,,x\n", "barrier_eV must be finite and >= 0");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,0.05,-1,x\n", "prefactor_per_s must be finite and >= 0");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,0.05,0,x\n", "prefactor_per_s must be positive");
  expect_error(kHeader + "0,0,flat,Li,Li,Li,0.05,,x\n0,0,flat,Li,Li,Li,0.06,,y\n", ":3: duplicate row");
  const EnvironmentIndex index(4, 2);
  BarrierCatalog catalog(index, {"Li", "In"});
  EXPECT_THROW(catalog.read("/no/such/catalog.csv"), std::runtime_error);
}

TEST(RateTable, RejectsBadTemperatureAndPrefactor) {
  const EnvironmentIndex index(4, 1);
  BondCountingModel m;
  m.enabled = true;
  m.base_barrier_eV = {0.1};
  EXPECT_THROW(RateTable(index, nullptr, m, DesorptionModel{}, -1.0, 1e13), std::invalid_argument);
  EXPECT_THROW(RateTable(index, nullptr, m, DesorptionModel{}, NAN, 1e13), std::invalid_argument);
  EXPECT_THROW(RateTable(index, nullptr, m, DesorptionModel{}, 300.0, -1e13), std::invalid_argument);
}

TEST(EnvironmentIndex, SplitIndexEqualsTheFullIndexForEveryEnvironment) {
  // The engine adds a per-column part and a per-hop part; every environment of a 6-neighbour,
  // 3-species index must land on the same slot as the one-piece index, and slots stay distinct.
  const EnvironmentIndex index(6, 3);
  std::vector<int> seen(index.size(), 0);
  for (int ni = 0; ni <= 6; ++ni)
    for (int nf = 0; nf <= 6; ++nf)
      for (StepKind step : {StepKind::kFlat, StepKind::kDown, StepKind::kUp})
        for (int mv = 0; mv < 3; ++mv)
          for (int bi = 0; bi < 3; ++bi)
            for (int bf = 0; bf < 3; ++bf) {
              const std::size_t full = index(ni, nf, step, mv, bi, bf);
              ASSERT_EQ(index.column_part(ni, mv, bi) + index.hop_part(nf, step, bf), full);
              ASSERT_LT(full, index.size());
              ++seen[full];
            }
  for (int count : seen) EXPECT_EQ(count, 1);
}
