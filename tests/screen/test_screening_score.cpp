// The ranking score (src/screen/screening_score.hpp) against scores worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "screen/screening_score.hpp"

using anodekmc::screen::rank_rows;
using nlohmann::json;

namespace {

json row(const std::string &element, const json &descriptors) {
  return {{"element", element}, {"descriptors", descriptors}};
}

}  // namespace

TEST(ScreeningScore, WeightedMinMaxScoresMatchAHandCalculation) {
  // E_ads: -0.3, -0.1, 0.1 -> z = 0, 0.5, 1; weight -2 prefers low: s = 1, 0.5, 0.
  // D: 1e-10, 1e-9, 1e-8 (log10: -10, -9, -8) -> z = 0, 0.5, 1; weight +1: s = 0, 0.5, 1.
  // score = (2 s_ads + 1 s_D) / 3 = (2, 1.5, 1) / 3.
  const std::vector<json> rows = {row("A", {{"E_ads_Li_eV", -0.3}, {"D_surf_m2_per_s", 1e-10}}),
                                  row("B", {{"E_ads_Li_eV", -0.1}, {"D_surf_m2_per_s", 1e-9}}),
                                  row("C", {{"E_ads_Li_eV", 0.1}, {"D_surf_m2_per_s", 1e-8}})};
  const auto ranked = rank_rows(rows, {{"E_ads_Li_eV", -2.0}, {"D_surf_m2_per_s", 1.0}});
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_NEAR(ranked[0].score, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(ranked[1].score, 1.5 / 3.0, 1e-12);
  EXPECT_NEAR(ranked[2].score, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_EQ(ranked[1].rank, 2);
  EXPECT_EQ(ranked[2].rank, 3);
  EXPECT_NEAR(ranked[1].normalized.at("D_surf_m2_per_s"), 0.5, 1e-12) << "D is normalized in log10";
}

TEST(ScreeningScore, MissingValuesAreNeutralAndTiesKeepRowOrder) {
  // B lacks E_ads: s = 1/2 there. A: s_ads = 1 (lowest), C: 0. Every row has the same
  // E_sol: 1/2 for all. Scores: A (1 + 0.5)/2, B (0.5 + 0.5)/2, C (0 + 0.5)/2.
  const std::vector<json> rows = {row("A", {{"E_ads_Li_eV", -0.2}, {"E_sol_bulk_eV", 0.1}}),
                                  row("B", {{"E_sol_bulk_eV", 0.1}, {"complexion_bcc100", "clean"}}),
                                  row("C", {{"E_ads_Li_eV", 0.2}, {"E_sol_bulk_eV", 0.1}})};
  const auto ranked = rank_rows(rows, {{"E_ads_Li_eV", -1.0}, {"E_sol_bulk_eV", -1.0}, {"X_surface_bcc100", 0.0}});
  EXPECT_NEAR(ranked[0].score, 0.75, 1e-12);
  EXPECT_NEAR(ranked[1].score, 0.5, 1e-12);
  EXPECT_NEAR(ranked[2].score, 0.25, 1e-12);
  // Two equal scores: the earlier row ranks first.
  const auto tied = rank_rows({row("X", {{"E_sol_bulk_eV", 0.0}}), row("Y", {{"E_sol_bulk_eV", 0.0}})},
                              {{"E_sol_bulk_eV", 1.0}});
  EXPECT_EQ(tied[0].rank, 1);
  EXPECT_EQ(tied[1].rank, 2);
  EXPECT_DOUBLE_EQ(tied[0].score, 0.5);
}
