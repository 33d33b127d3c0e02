// Event selection (BKL / n-fold way): both selectors must draw channel i with probability
// rate_i / total, keep exact totals under updates, and reject bad input the same way. Every
// typed test runs for SumTreeSelector and CompositionRejectionSelector.
//
// Statistics: Pearson chi-square at fixed seeds, compared with the critical value of the
// chi-square distribution for a false-alarm probability p = 1e-4 at the stated degrees of
// freedom. Channels expecting fewer than 5 draws are pooled into one bin (merged into the
// smallest bin if the pool itself expects fewer than 5), so the binning depends only on the
// rates and the number of draws, never on the data, and each test checks that its degrees of
// freedom are the ones stated. Critical values were computed from the regularised upper
// incomplete gamma function Q(df/2, x/2) = 1e-4.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/random.hpp"
#include "kmc/sum_tree_selector.hpp"

namespace anodekmc::kmc {
namespace {

// ---------------------------------------------------------------- statistics helpers

// Pooled bins: bin index per channel (-1 for rate 0) and the expected count of each bin.
struct Binning {
  std::vector<int> bin_of_channel;
  std::vector<double> expected;  // per bin, for `draws` draws
};

Binning pool_bins(const std::vector<double> &rates_per_s, std::uint64_t draws) {
  long double total = 0.0L;
  for (double rate : rates_per_s) total += rate;
  Binning binning;
  binning.bin_of_channel.assign(rates_per_s.size(), -1);
  std::vector<std::size_t> pooled;
  double pooled_expected = 0.0;
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    if (rates_per_s[channel] == 0.0) continue;
    const double expected =
        static_cast<double>(static_cast<long double>(draws) * rates_per_s[channel] / total);
    if (expected >= 5.0) {
      binning.bin_of_channel[channel] = static_cast<int>(binning.expected.size());
      binning.expected.push_back(expected);
    } else {
      pooled.push_back(channel);
      pooled_expected += expected;
    }
  }
  if (!pooled.empty()) {
    int pool_bin = static_cast<int>(binning.expected.size());
    if (pooled_expected >= 5.0 || binning.expected.empty()) {
      binning.expected.push_back(pooled_expected);
    } else {
      pool_bin = 0;
      for (std::size_t bin = 1; bin < binning.expected.size(); ++bin) {
        if (binning.expected[bin] < binning.expected[static_cast<std::size_t>(pool_bin)]) {
          pool_bin = static_cast<int>(bin);
        }
      }
      binning.expected[static_cast<std::size_t>(pool_bin)] += pooled_expected;
    }
    for (std::size_t channel : pooled) binning.bin_of_channel[channel] = pool_bin;
  }
  return binning;
}

std::vector<std::uint64_t> bin_counts(const Binning &binning,
                                      const std::vector<std::uint64_t> &counts) {
  std::vector<std::uint64_t> binned(binning.expected.size(), 0);
  for (std::size_t channel = 0; channel < counts.size(); ++channel) {
    const int bin = binning.bin_of_channel[channel];
    if (bin >= 0) binned[static_cast<std::size_t>(bin)] += counts[channel];
  }
  return binned;
}

struct ChiSquare {
  double statistic = 0.0;
  int degrees_of_freedom = 0;
};

// Goodness of fit of one histogram to the rates: sum (O - E)^2 / E, df = bins - 1.
ChiSquare goodness_of_fit(const std::vector<std::uint64_t> &counts,
                          const std::vector<double> &rates_per_s, std::uint64_t draws) {
  const Binning binning = pool_bins(rates_per_s, draws);
  const std::vector<std::uint64_t> observed = bin_counts(binning, counts);
  ChiSquare result;
  for (std::size_t bin = 0; bin < observed.size(); ++bin) {
    const double deviation = static_cast<double>(observed[bin]) - binning.expected[bin];
    result.statistic += deviation * deviation / binning.expected[bin];
  }
  result.degrees_of_freedom = static_cast<int>(observed.size()) - 1;
  return result;
}

// Two histograms of equal size drawn from the same distribution: sum (A - B)^2 / (A + B),
// df = bins - 1 (same pooled bins as the goodness of fit, from the rates).
ChiSquare two_sample(const std::vector<std::uint64_t> &counts_a,
                     const std::vector<std::uint64_t> &counts_b,
                     const std::vector<double> &rates_per_s, std::uint64_t draws) {
  const Binning binning = pool_bins(rates_per_s, draws);
  const std::vector<std::uint64_t> a = bin_counts(binning, counts_a);
  const std::vector<std::uint64_t> b = bin_counts(binning, counts_b);
  ChiSquare result;
  for (std::size_t bin = 0; bin < a.size(); ++bin) {
    const double difference = static_cast<double>(a[bin]) - static_cast<double>(b[bin]);
    const double sum = static_cast<double>(a[bin] + b[bin]);
    if (sum > 0.0) result.statistic += difference * difference / sum;
  }
  result.degrees_of_freedom = static_cast<int>(a.size()) - 1;
  return result;
}

template <class Selector>
std::vector<std::uint64_t> histogram(Selector &selector, std::uint64_t draws, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::uint64_t> counts(selector.size(), 0);
  for (std::uint64_t draw = 0; draw < draws; ++draw) ++counts[selector.select(rng)];
  return counts;
}

template <class Selector>
void load(Selector &selector, const std::vector<double> &rates_per_s) {
  selector.reset(rates_per_s.size());
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    selector.set_rate(channel, rates_per_s[channel]);
  }
}

void expect_zero_rate_channels_never_drawn(const std::vector<std::uint64_t> &counts,
                                           const std::vector<double> &rates_per_s) {
  for (std::size_t channel = 0; channel < counts.size(); ++channel) {
    if (rates_per_s[channel] == 0.0) {
      EXPECT_EQ(counts[channel], 0u) << "channel " << channel;
    }
  }
}

// Exact reference sum: Neumaier-compensated in long double.
double exact_sum(const std::vector<double> &values) {
  long double sum = 0.0L;
  long double compensation = 0.0L;
  for (double value : values) {
    const long double t = sum + value;
    if (std::fabs(sum) >= std::fabs(static_cast<long double>(value))) {
      compensation += (sum - t) + value;
    } else {
      compensation += (static_cast<long double>(value) - t) + sum;
    }
    sum = t;
  }
  return static_cast<double>(sum + compensation);
}

// log-uniform rate in [10^lo_decade, 10^hi_decade)
double log_uniform_rate(Rng &rng, double lo_decade, double hi_decade) {
  return std::pow(10.0, lo_decade + (hi_decade - lo_decade) * uniform01(rng));
}

// ---------------------------------------------------------------- typed suite

template <class Selector>
class SelectorTest : public ::testing::Test {};

struct SelectorName {
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, SumTreeSelector>) {
      return "SumTree";
    } else {
      return "CompositionRejection";
    }
  }
};

using SelectorTypes = ::testing::Types<SumTreeSelector, CompositionRejectionSelector>;
TYPED_TEST_SUITE(SelectorTest, SelectorTypes, SelectorName);

TYPED_TEST(SelectorTest, StartsEmptyAndResets) {
  TypeParam selector;
  EXPECT_EQ(selector.size(), 0u);
  EXPECT_EQ(selector.total_rate(), 0.0);
  selector.reset(5);
  EXPECT_EQ(selector.size(), 5u);
  selector.set_rate(4, 2.5);
  EXPECT_EQ(selector.rate(4), 2.5);
  EXPECT_EQ(selector.total_rate(), 2.5);
  selector.reset(3);
  EXPECT_EQ(selector.size(), 3u);
  EXPECT_EQ(selector.total_rate(), 0.0);
  for (std::size_t channel = 0; channel < 3; ++channel) EXPECT_EQ(selector.rate(channel), 0.0);
}

TYPED_TEST(SelectorTest, SingleChannelAlwaysDrawn) {
  TypeParam selector(1);
  selector.set_rate(0, 7.0);
  Rng rng(1);
  for (int draw = 0; draw < 100; ++draw) ASSERT_EQ(selector.select(rng), 0u);
}

TYPED_TEST(SelectorTest, ManyEqualRatesWithGaps) {
  // 2000 channels, every fourth at rate 0, the other 1500 at 3 /s: 1000 expected draws each.
  std::vector<double> rates(2000, 3.0);
  for (std::size_t channel = 0; channel < rates.size(); channel += 4) rates[channel] = 0.0;
  TypeParam selector;
  load(selector, rates);
  EXPECT_DOUBLE_EQ(selector.total_rate(), 4500.0);
  const std::uint64_t draws = 1'500'000;
  const auto counts = histogram(selector, draws, 11);
  expect_zero_rate_channels_never_drawn(counts, rates);
  const ChiSquare chi = goodness_of_fit(counts, rates, draws);
  // df = 1499, critical value at p = 1e-4: 1711.2
  ASSERT_EQ(chi.degrees_of_freedom, 1499);
  EXPECT_LT(chi.statistic, 1711.2);
}

TYPED_TEST(SelectorTest, RatesSpanningTwelveDecades) {
  // 200 non-zero rates log-spaced from 1e-6 /s to 1e6 /s (about 40 binary classes), each
  // followed by a zero-rate channel. The 79 fastest expect >= 5 of the 2e6 draws each; the
  // other 121 are pooled into one bin (34 expected draws): 80 bins.
  std::vector<double> rates(400, 0.0);
  for (std::size_t i = 0; i < 200; ++i) {
    rates[2 * i] = std::pow(10.0, -6.0 + 12.0 * static_cast<double>(i) / 199.0);
  }
  TypeParam selector;
  load(selector, rates);
  const std::uint64_t draws = 2'000'000;
  const auto counts = histogram(selector, draws, 12);
  expect_zero_rate_channels_never_drawn(counts, rates);
  const ChiSquare chi = goodness_of_fit(counts, rates, draws);
  // df = 79, critical value at p = 1e-4: 134.49
  ASSERT_EQ(chi.degrees_of_freedom, 79);
  EXPECT_LT(chi.statistic, 134.49);
}

TYPED_TEST(SelectorTest, RatesOnBinaryClassBoundaries) {
  // Powers of two and their lower neighbours: the edges of the composition-rejection classes.
  const std::vector<double> rates = {0.5, std::nextafter(1.0, 0.0), 1.0, std::nextafter(2.0, 0.0),
                                     2.0, 3.0, std::nextafter(4.0, 0.0), 4.0, 1.5, 0.75};
  TypeParam selector;
  load(selector, rates);
  const std::uint64_t draws = 1'000'000;
  const ChiSquare chi = goodness_of_fit(histogram(selector, draws, 13), rates, draws);
  // df = 9, critical value at p = 1e-4: 33.720
  ASSERT_EQ(chi.degrees_of_freedom, 9);
  EXPECT_LT(chi.statistic, 33.720);
}

TYPED_TEST(SelectorTest, SubnormalAndHugeRates) {
  const std::uint64_t draws = 200'000;
  {
    // The smallest subnormal is pooled with the 1e-310 channel (it expects ~1e-8 draws).
    const std::vector<double> rates = {std::numeric_limits<double>::denorm_min(), 1e-310, 0.0,
                                       2e-310};
    TypeParam selector;
    load(selector, rates);
    const auto counts = histogram(selector, draws, 14);
    expect_zero_rate_channels_never_drawn(counts, rates);
    const ChiSquare chi = goodness_of_fit(counts, rates, draws);
    // df = 1, critical value at p = 1e-4: 15.137
    ASSERT_EQ(chi.degrees_of_freedom, 1);
    EXPECT_LT(chi.statistic, 15.137);
  }
  {
    const std::vector<double> rates = {1e307, 0.0, 5e307, 1e308};  // total 1.6e308 < DBL_MAX
    TypeParam selector;
    load(selector, rates);
    const auto counts = histogram(selector, draws, 15);
    expect_zero_rate_channels_never_drawn(counts, rates);
    const ChiSquare chi = goodness_of_fit(counts, rates, draws);
    // df = 2, critical value at p = 1e-4: 18.421
    ASSERT_EQ(chi.degrees_of_freedom, 2);
    EXPECT_LT(chi.statistic, 18.421);
  }
}

TYPED_TEST(SelectorTest, UpdatesChangeTheDistribution) {
  Rng setup(21);
  std::vector<double> rates(500);
  for (double &rate : rates) rate = log_uniform_rate(setup, -2.0, 2.0);
  TypeParam selector;
  load(selector, rates);

  // Only one channel left: it is always drawn.
  for (std::size_t channel = 0; channel < rates.size(); ++channel) {
    if (channel != 123) selector.set_rate(channel, 0.0);
  }
  Rng rng(22);
  for (int draw = 0; draw < 1000; ++draw) ASSERT_EQ(selector.select(rng), 123u);
  EXPECT_EQ(selector.total_rate(), rates[123]);
  for (std::size_t channel = 0; channel < rates.size(); ++channel) {
    selector.set_rate(channel, rates[channel]);
  }

  // Zero 100 channels, raise 50 by 30x, lower 50 by 30x, revive 20 zeroed ones.
  for (std::size_t channel = 0; channel < 100; ++channel) rates[channel * 5] = 0.0;
  for (std::size_t channel = 1; channel < 100; channel += 2) rates[channel] *= 30.0;
  for (std::size_t channel = 200; channel < 300; channel += 2) rates[channel] /= 30.0;
  for (std::size_t channel = 0; channel < 20; ++channel) {
    rates[channel * 25] = log_uniform_rate(setup, -1.0, 3.0);
  }
  for (std::size_t channel = 0; channel < rates.size(); ++channel) {
    selector.set_rate(channel, rates[channel]);
  }
  for (std::size_t channel = 0; channel < rates.size(); ++channel) {
    ASSERT_EQ(selector.rate(channel), rates[channel]) << "channel " << channel;
  }
  EXPECT_NEAR(selector.total_rate(), exact_sum(rates), 1e-13 * exact_sum(rates));

  const std::uint64_t draws = 1'000'000;
  const auto counts = histogram(selector, draws, 23);
  expect_zero_rate_channels_never_drawn(counts, rates);
  const ChiSquare chi = goodness_of_fit(counts, rates, draws);
  // 420 non-zero rates; pooling the slowest leaves 309 bins:
  // df = 308, critical value at p = 1e-4: 408.96
  ASSERT_EQ(chi.degrees_of_freedom, 308);
  EXPECT_LT(chi.statistic, 408.96);
}

TYPED_TEST(SelectorTest, TotalStaysExactOverAMillionRandomUpdates) {
  // Rates over 12 decades, a quarter of the updates to 0; the total is compared with a fresh
  // compensated sum every 100000 updates.
  const std::size_t channel_count = 1000;
  std::vector<double> rates(channel_count, 0.0);
  TypeParam selector(channel_count);
  Rng rng(31);
  for (int update = 1; update <= 1'000'000; ++update) {
    const auto channel = static_cast<std::size_t>(uniform_below(rng, channel_count));
    const double rate = uniform01(rng) < 0.25 ? 0.0 : log_uniform_rate(rng, -6.0, 6.0);
    rates[channel] = rate;
    selector.set_rate(channel, rate);
    if (update % 100'000 == 0) {
      const double exact = exact_sum(rates);
      ASSERT_NEAR(selector.total_rate(), exact, 1e-12 * exact) << "after " << update;
    }
  }
  for (std::size_t channel = 0; channel < channel_count; ++channel) {
    ASSERT_EQ(selector.rate(channel), rates[channel]);
  }
  // The sums are exact functions of the current rates: a rebuild changes nothing, bit for bit.
  const double before = selector.total_rate();
  selector.recompute_totals();
  EXPECT_EQ(selector.total_rate(), before);
}

TYPED_TEST(SelectorTest, SameRatesGiveSameDrawsWhateverTheHistory) {
  // What a bit-for-bit restart needs: a selector that reached its rates through many updates,
  // after recompute_totals(), draws exactly like one bulk-loaded with the same rates.
  const std::size_t channel_count = 3000;
  std::vector<double> rates(channel_count, 0.0);
  TypeParam updated(channel_count);
  Rng rng(41);
  for (int update = 0; update < 50'000; ++update) {
    const auto channel = static_cast<std::size_t>(uniform_below(rng, channel_count));
    const double rate = uniform01(rng) < 0.5 ? 0.0 : log_uniform_rate(rng, -3.0, 3.0);
    rates[channel] = rate;
    updated.set_rate(channel, rate);
  }
  updated.recompute_totals();
  TypeParam loaded;
  loaded.assign_rates(rates);
  TypeParam loaded_one_by_one;
  load(loaded_one_by_one, rates);
  loaded_one_by_one.recompute_totals();
  ASSERT_EQ(updated.total_rate(), loaded.total_rate());
  ASSERT_EQ(updated.total_rate(), loaded_one_by_one.total_rate());
  Rng rng_a(42);
  Rng rng_b(42);
  Rng rng_c(42);
  for (int draw = 0; draw < 20'000; ++draw) {
    const std::size_t a = updated.select(rng_a);
    ASSERT_EQ(a, loaded.select(rng_b)) << "draw " << draw;
    ASSERT_EQ(a, loaded_one_by_one.select(rng_c)) << "draw " << draw;
  }
}

TYPED_TEST(SelectorTest, SavedStateContinuesBitForBit) {
  // A selector shaped by a long history of updates is saved mid-run; the restored copy must
  // draw exactly as the original under the same further updates and the same generator state.
  const std::size_t channel_count = 2000;
  TypeParam original(channel_count);
  Rng history(43);
  for (int update = 0; update < 30'000; ++update) {
    const auto channel = static_cast<std::size_t>(uniform_below(history, channel_count));
    original.set_rate(channel,
                      uniform01(history) < 0.5 ? 0.0 : log_uniform_rate(history, -3.0, 3.0));
  }
  std::stringstream saved;
  original.write_state(saved);
  TypeParam restored(7);
  restored.read_state(saved);
  ASSERT_EQ(restored.size(), channel_count);
  ASSERT_EQ(restored.total_rate(), original.total_rate());
  for (std::size_t channel = 0; channel < channel_count; ++channel) {
    ASSERT_EQ(restored.rate(channel), original.rate(channel));
  }
  Rng rng_original(44);
  Rng rng_restored(44);
  Rng updates(45);
  for (int event = 0; event < 20'000; ++event) {
    const std::size_t drawn = original.select(rng_original);
    ASSERT_EQ(restored.select(rng_restored), drawn) << "event " << event;
    for (int k = 0; k < 3; ++k) {
      const auto channel = (drawn + static_cast<std::size_t>(k)) % channel_count;
      const double rate = uniform01(updates) < 0.5 ? 0.0 : log_uniform_rate(updates, -3.0, 3.0);
      original.set_rate(channel, rate);
      restored.set_rate(channel, rate);
    }
    if (original.total_rate() == 0.0) {
      original.set_rate(drawn, 1.0);
      restored.set_rate(drawn, 1.0);
    }
  }
  EXPECT_EQ(restored.total_rate(), original.total_rate());
}

TYPED_TEST(SelectorTest, CorruptStateThrowsAndChangesNothing) {
  TypeParam source(50);
  for (std::size_t channel = 0; channel < 50; channel += 3) source.set_rate(channel, 2.0);
  std::ostringstream saved;
  source.write_state(saved);
  const std::string text = saved.str();

  TypeParam target(4);
  target.set_rate(1, 5.0);
  auto expect_unchanged = [&target] {
    EXPECT_EQ(target.size(), 4u);
    EXPECT_EQ(target.rate(1), 5.0);
    EXPECT_EQ(target.total_rate(), 5.0);
  };
  for (const std::size_t length : {std::size_t{0}, std::size_t{5}, std::size_t{12},
                                   text.size() / 2, text.size() - 1}) {
    std::istringstream truncated(text.substr(0, length));
    EXPECT_THROW(target.read_state(truncated), std::runtime_error) << "length " << length;
    expect_unchanged();
  }
  // The state of the other selector type is recognised as such.
  std::ostringstream other;
  if constexpr (std::is_same_v<TypeParam, SumTreeSelector>) {
    CompositionRejectionSelector(3).write_state(other);
  } else {
    SumTreeSelector(3).write_state(other);
  }
  std::istringstream wrong_type(other.str());
  EXPECT_THROW(target.read_state(wrong_type), std::runtime_error);
  expect_unchanged();
  // A rate that is not a rate (the last 8 bytes are a rate in both formats).
  std::string bad_rate = text;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::memcpy(&bad_rate[bad_rate.size() - sizeof nan], &nan, sizeof nan);
  std::istringstream corrupt(bad_rate);
  EXPECT_THROW(target.read_state(corrupt), std::runtime_error);
  expect_unchanged();
}

// A generator whose first output is fixed (then pcg64): forces the extreme u = 0 and
// u = (1 - 2^-53) * total, where round-off could push a walk onto a zero-rate channel.
class FirstDrawFixed {
 public:
  using result_type = std::uint64_t;
  FirstDrawFixed(std::uint64_t first, std::uint64_t seed) : first_(first), rest_(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    if (used_first_) return rest_();
    used_first_ = true;
    return first_;
  }

 private:
  std::uint64_t first_;
  Rng rest_;
  bool used_first_ = false;
};

TYPED_TEST(SelectorTest, ExtremeDrawsNeverPickAZeroRateChannel) {
  {
    // A known round-off trap: with u = (1 - 2^-53) * total, an unguarded sum-tree descent over
    // these rates subtracts its way past 0.1 + 0.6 + 3.0 and ends on the zero-rate channel 3.
    const std::vector<double> rates = {0.1, 0.6, 3.0, 0.0};
    TypeParam selector;
    load(selector, rates);
    FirstDrawFixed rng(std::numeric_limits<std::uint64_t>::max(), 50);
    const std::size_t channel = selector.select(rng);
    EXPECT_GT(rates[channel], 0.0) << "channel " << channel;
  }
  Rng setup(51);
  for (int config = 0; config < 300; ++config) {
    std::vector<double> rates(37, 0.0);
    for (double &rate : rates) {
      if (uniform01(setup) < 0.4) rate = log_uniform_rate(setup, -6.0, 6.0);
    }
    rates[uniform_below(setup, rates.size())] = log_uniform_rate(setup, -6.0, 6.0);
    TypeParam selector;
    load(selector, rates);
    for (std::uint64_t first : {std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max()}) {
      FirstDrawFixed rng(first, static_cast<std::uint64_t>(config));
      const std::size_t channel = selector.select(rng);
      ASSERT_GT(rates[channel], 0.0) << "config " << config << " first draw " << first;
    }
  }
}

TYPED_TEST(SelectorTest, InvalidRatesThrowAndChangeNothing) {
  TypeParam selector(4);
  selector.set_rate(3, 1.25);
  for (double bad : {-1.0, -1e-300, std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
    try {
      selector.set_rate(3, bad);
      ADD_FAILURE() << "no exception for rate " << bad;
    } catch (const std::invalid_argument &error) {
      EXPECT_NE(std::string(error.what()).find("channel 3"), std::string::npos) << error.what();
    }
    EXPECT_EQ(selector.rate(3), 1.25);
    EXPECT_EQ(selector.total_rate(), 1.25);
  }
  std::vector<double> with_nan = {1.0, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(selector.assign_rates(with_nan), std::invalid_argument);
  EXPECT_EQ(selector.size(), 4u);
  // -0.0 is a valid zero rate.
  EXPECT_NO_THROW(selector.set_rate(3, -0.0));
  EXPECT_EQ(selector.total_rate(), 0.0);
}

TYPED_TEST(SelectorTest, OutOfRangeChannelThrows) {
  TypeParam selector(10);
  EXPECT_THROW(selector.set_rate(10, 1.0), std::out_of_range);
  EXPECT_THROW(selector.set_rate(std::numeric_limits<std::size_t>::max(), 1.0),
               std::out_of_range);
  EXPECT_THROW(static_cast<void>(selector.rate(10)), std::out_of_range);
  TypeParam empty;
  EXPECT_THROW(empty.set_rate(0, 1.0), std::out_of_range);
}

TYPED_TEST(SelectorTest, SelectWithoutRateThrows) {
  Rng rng(61);
  TypeParam empty;
  EXPECT_THROW(static_cast<void>(empty.select(rng)), std::logic_error);
  TypeParam selector(8);
  EXPECT_THROW(static_cast<void>(selector.select(rng)), std::logic_error);
  selector.set_rate(2, 1.0);
  selector.set_rate(5, 3.0);
  EXPECT_NO_THROW(static_cast<void>(selector.select(rng)));
  selector.set_rate(2, 0.0);
  selector.set_rate(5, 0.0);
  EXPECT_EQ(selector.total_rate(), 0.0);
  EXPECT_THROW(static_cast<void>(selector.select(rng)), std::logic_error);
}

// ---------------------------------------------------------------- the two selectors agree

TEST(SelectorAgreement, SameRatesSameDistribution) {
  // Many equal slow rates, a spread of fast ones, and zeros: 3000 channels.
  Rng setup(71);
  std::vector<double> rates(3000, 0.0);
  for (std::size_t channel = 0; channel < rates.size(); ++channel) {
    const double u = uniform01(setup);
    if (u < 0.5) {
      rates[channel] = 0.5;
    } else if (u < 0.8) {
      rates[channel] = log_uniform_rate(setup, -1.0, 3.0);
    }
  }
  SumTreeSelector tree;
  CompositionRejectionSelector composition;
  load(tree, rates);
  load(composition, rates);
  EXPECT_NEAR(tree.total_rate(), composition.total_rate(), 1e-13 * tree.total_rate());

  const std::uint64_t draws = 2'000'000;
  const auto tree_counts = histogram(tree, draws, 72);
  const auto composition_counts = histogram(composition, draws, 73);
  expect_zero_rate_channels_never_drawn(tree_counts, rates);
  expect_zero_rate_channels_never_drawn(composition_counts, rates);
  const ChiSquare fit_tree = goodness_of_fit(tree_counts, rates, draws);
  const ChiSquare fit_composition = goodness_of_fit(composition_counts, rates, draws);
  const ChiSquare between = two_sample(tree_counts, composition_counts, rates, draws);
  // df = 2314 for all three, critical value at p = 1e-4: 2575.6
  ASSERT_EQ(fit_tree.degrees_of_freedom, 2314);
  ASSERT_EQ(fit_composition.degrees_of_freedom, 2314);
  ASSERT_EQ(between.degrees_of_freedom, 2314);
  EXPECT_LT(fit_tree.statistic, 2575.6);
  EXPECT_LT(fit_composition.statistic, 2575.6);
  EXPECT_LT(between.statistic, 2575.6);
}

// ---------------------------------------------------------------- random helpers

TEST(RandomHelpers, UnitIntervalsAndBoundedIntegers) {
  Rng rng(81);
  double smallest = 1.0;
  double largest = 0.0;
  for (int draw = 0; draw < 100'000; ++draw) {
    const double u = uniform01(rng);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    const double v = uniform_open01(rng);
    ASSERT_GT(v, 0.0);
    ASSERT_LE(v, 1.0);
    smallest = std::min(smallest, u);
    largest = std::max(largest, u);
    ASSERT_LT(uniform_below(rng, 7), 7u);
  }
  EXPECT_LT(smallest, 1e-3);
  EXPECT_GT(largest, 1.0 - 1e-3);
}

TEST(RandomHelpers, StateRoundTripsThroughText) {
  Rng rng(91, 5);
  for (int draw = 0; draw < 1000; ++draw) rng();
  std::ostringstream saved;
  write_rng_state(saved, rng);
  std::vector<std::uint64_t> expected;
  for (int draw = 0; draw < 100; ++draw) expected.push_back(rng());

  Rng restored(1234);  // another seed and stream: everything must be overwritten
  std::istringstream input(saved.str());
  read_rng_state(input, restored);
  ASSERT_FALSE(input.fail()) << saved.str();
  for (int draw = 0; draw < 100; ++draw) ASSERT_EQ(restored(), expected[draw]);
  EXPECT_TRUE(restored == rng);
  // Three decimal integers, the format of pcg's own operator<<.
  EXPECT_NE(saved.str().find(' '), std::string::npos);
  EXPECT_EQ(saved.str().find_first_not_of("0123456789 "), std::string::npos) << saved.str();
}

TEST(RandomHelpers, MalformedStateIsRejected) {
  const Rng original(7);
  for (const std::string text : {"", "12 34", "1 2 x", "1 3 5", "-1 3 5",
                                 "999999999999999999999999999999999999999999 1 1"}) {
    Rng rng = original;
    std::istringstream input(text);
    read_rng_state(input, rng);
    EXPECT_TRUE(input.fail()) << "'" << text << "'";
    EXPECT_TRUE(rng == original) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace anodekmc::kmc
