// Rejection-free (BKL / n-fold way) event selection over N indexed channels by
// composition-rejection (Slepoy, Thompson & Plimpton, J. Chem. Phys. 128, 205101 (2008)).
// Same interface as SumTreeSelector, so the engine can be templated on either.
//
// Channels with a non-zero rate are grouped into classes by the binary exponent of their rate:
// class k holds rates in [2^(k-1), 2^k) (k = ilogb(rate) + 1, the exponent std::frexp returns).
// Each class keeps an unordered member list (O(1) insert and swap-with-last removal; every
// channel remembers its position) and the sum of its rates. select() picks a class by a linear
// scan over the non-empty classes weighted by their sums ("composition"; a handful of classes
// in practice), then a uniform member of that class, accepted with probability rate / 2^k >=
// 1/2 and redrawn otherwise ("rejection"). Expected cost O(number of classes), independent of N.
// Zero-rate channels belong to no class.
//
// Class sums are exact. Every rate of class k is an integer multiple of 2^(k-53): rate =
// m * 2^(k-53) with m its 53-bit significand, m in [2^52, 2^53). Each class therefore keeps the
// integer sum of its members' significands (128 bits: room for 2^75 members), updated by integer
// addition and subtraction. This is as cheap as adding doubles but never drifts, so no periodic
// re-summation is needed, and a class sum depends only on the current rates, not on the order of
// updates. The double class sums and the total are formed from the integers when next needed.
//
// Reproducibility: the order of members inside a class depends on the history of updates, and
// select() depends on that order, so a checkpoint must keep it: write_state() / read_state() save
// and restore the member lists as they are. (recompute_totals() rebuilds every list in channel
// order, which makes the state a function of the rates alone, but calling it changes the
// draws that follow.)
//
// Not thread-safe, even for const calls: total_rate() and select() refresh cached sums.
#pragma once

#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <vector>

#include "kmc/huge_page_allocator.hpp"
#include "kmc/random.hpp"

namespace anodekmc::kmc {

class CompositionRejectionSelector {
 public:
  CompositionRejectionSelector();
  /// `channel_count` channels (at most 2^32 - 1), all with rate 0.
  explicit CompositionRejectionSelector(std::size_t channel_count);

  /// Resizes to `channel_count` channels and sets every rate to 0; std::length_error above
  /// 2^32 - 1 channels.
  void reset(std::size_t channel_count);
  /// Resizes to rates_per_s.size() channels and loads all rates in O(N), in canonical order (as
  /// recompute_totals()). Throws std::invalid_argument, leaving the selector unchanged, if any
  /// rate is invalid.
  void assign_rates(const std::vector<double> &rates_per_s);

  std::size_t size() const { return slots_.size(); }

  /// Sets the rate of one channel (1/s). Throws std::out_of_range for channel >= size() and
  /// std::invalid_argument for a negative, NaN or infinite rate.
  void set_rate(std::size_t channel, double rate_per_s);
  /// Rate of one channel (1/s); std::out_of_range for channel >= size().
  double rate(std::size_t channel) const;
  /// Hint that rate(channel) or set_rate(channel) follows soon (no effect on results).
  void prefetch(std::size_t channel) const { __builtin_prefetch(slots_.data() + channel); }
  /// Sum of all rates (1/s): the sum of the class sums.
  double total_rate() const {
    if (totals_stale_) refresh_totals();
    return total_per_s_;
  }

  /// Channel i with probability rate_i / total_rate(). Throws std::logic_error unless
  /// 0 < total_rate() < infinity. Never returns a channel whose rate is 0.
  template <class Urng>
  std::size_t select(Urng &rng) const;

  /// Rebuilds every class (member lists in channel order, exact sums) from the stored rates.
  void recompute_totals();

  /// Checkpoint: writes the state (binary, this machine's byte order): a tag, the channel count
  /// and every non-empty class with its members in list order, which select() depends on.
  /// Writing does not change the selector, so a run that checkpoints draws the same trajectory
  /// as one that does not.
  void write_state(std::ostream &out) const;
  /// Restores what write_state() wrote; the selector then draws exactly as the one written.
  /// Throws std::runtime_error (leaving the selector unchanged) on truncated or corrupt input or
  /// on the state of another selector type.
  void read_state(std::istream &in);

 private:
  // Class index c = k + 1074 (k = std::ilogb(rate) + 1, from -1073 to 1024), read from the IEEE
  // bits because that is cheaper than the library call: a rate with biased exponent e > 0 lies
  // in class e + 52, a subnormal one with its highest set bit at p in class p + 1. Class 0
  // means "no class" (rate 0).
  static constexpr int kNoClass = 0;
  static constexpr int kClassCount = 2099;

  struct Member {
    double rate_per_s;
    std::uint32_t channel;
  };
  // The rate is kept here as well as in the member list: the engine asks for the rates of the
  // columns around every event, and one record per channel makes that one memory access
  // instead of two dependent ones (slot, then member) on a large net.
  struct Slot {
    double rate_per_s;       // 0 when in no class
    std::uint32_t position;  // index in the member list of its class
    std::int32_t class_index;
  };
  struct RateClass {
    SiteVector<Member> members;
    detail::uint128 significand_sum = 0;  // sum of members' 53-bit significands (exact)
    mutable bool sum_stale = false;       // class_sum_per_s_ not yet refreshed from it
  };

  static int class_of(double rate_per_s);
  static std::uint64_t significand_of(double rate_per_s);
  static bool valid_rate(double rate_per_s) { return rate_per_s >= 0.0 && rate_per_s <= DBL_MAX; }
  [[noreturn]] static void throw_bad_channel(std::size_t channel, std::size_t channel_count);
  [[noreturn]] static void throw_bad_rate(std::size_t channel, double rate_per_s);
  [[noreturn]] static void throw_no_rate(double total_rate_per_s);

  void add_member(std::uint32_t channel, double rate_per_s, int class_index);
  void remove_member(Slot &slot);
  void mark_stale(int class_index);
  void activate(int class_index);
  void deactivate(int class_index);
  void refresh_totals() const;

  SiteVector<Slot> slots_;                    // per channel
  std::vector<RateClass> classes_;            // kClassCount entries
  // significand_sum * 2^(k-53) per class (1/s), refreshed lazily; dense, as select() and the
  // total scan it.
  mutable std::vector<double> class_sum_per_s_;
  std::vector<int> active_classes_;           // non-empty classes, fastest rates first
  mutable std::vector<int> stale_classes_;    // classes whose class_sum_per_s_ is out of date
  mutable double total_per_s_ = 0.0;
  mutable bool totals_stale_ = false;
};

inline int CompositionRejectionSelector::class_of(double rate_per_s) {
  std::uint64_t bits;
  std::memcpy(&bits, &rate_per_s, sizeof bits);
  const auto biased_exponent = static_cast<int>(bits >> 52);  // sign bit is 0 for rates
  if (biased_exponent != 0) return biased_exponent + 52;
  return 64 - __builtin_clzll(bits);  // subnormal: highest set bit + 1 (bits != 0 here)
}

inline std::uint64_t CompositionRejectionSelector::significand_of(double rate_per_s) {
  std::uint64_t bits;
  std::memcpy(&bits, &rate_per_s, sizeof bits);
  constexpr std::uint64_t kFractionMask = (std::uint64_t{1} << 52) - 1;
  if ((bits >> 52) != 0) return (bits & kFractionMask) | (std::uint64_t{1} << 52);
  return bits << (__builtin_clzll(bits) - 11);  // subnormal: normalise into [2^52, 2^53)
}

inline void CompositionRejectionSelector::mark_stale(int class_index) {
  RateClass &rate_class = classes_[static_cast<std::size_t>(class_index)];
  if (!rate_class.sum_stale) {
    rate_class.sum_stale = true;
    stale_classes_.push_back(class_index);
  }
  totals_stale_ = true;
}

inline void CompositionRejectionSelector::set_rate(std::size_t channel, double rate_per_s) {
  if (channel >= slots_.size()) throw_bad_channel(channel, slots_.size());
  if (!valid_rate(rate_per_s)) throw_bad_rate(channel, rate_per_s);
  Slot &slot = slots_[channel];
  if (slot.rate_per_s == rate_per_s) return;  // re-rating that changes nothing
  const int new_class = rate_per_s > 0.0 ? class_of(rate_per_s) : kNoClass;
  if (new_class == slot.class_index) {
    // Same (non-empty) class: update the member in place.
    RateClass &rate_class = classes_[static_cast<std::size_t>(new_class)];
    Member &member = rate_class.members[slot.position];
    rate_class.significand_sum -= significand_of(member.rate_per_s);
    rate_class.significand_sum += significand_of(rate_per_s);
    member.rate_per_s = rate_per_s;
    slot.rate_per_s = rate_per_s;
    mark_stale(new_class);
    return;
  }
  if (slot.class_index != kNoClass) remove_member(slot);
  if (new_class != kNoClass) add_member(static_cast<std::uint32_t>(channel), rate_per_s, new_class);
}

inline double CompositionRejectionSelector::rate(std::size_t channel) const {
  if (channel >= slots_.size()) throw_bad_channel(channel, slots_.size());
  return slots_[channel].rate_per_s;
}

template <class Urng>
std::size_t CompositionRejectionSelector::select(Urng &rng) const {
  const double total = total_rate();
  if (!(total > 0.0 && total <= DBL_MAX)) throw_no_rate(total);
  // Composition: class with probability class sum / total. If round-off lets u run past the
  // last class sum, the last (slowest) class is taken: the neighbour of the end of the range.
  double u = uniform01_from(rng) * total;
  const std::size_t active_count = active_classes_.size();
  std::size_t pick = active_count - 1;
  for (std::size_t a = 0; a + 1 < active_count; ++a) {
    const double class_sum = class_sum_per_s_[static_cast<std::size_t>(active_classes_[a])];
    if (u < class_sum) {
      pick = a;
      break;
    }
    u -= class_sum;
  }
  const SiteVector<Member> &members =
      classes_[static_cast<std::size_t>(active_classes_[pick])].members;
  // A lone member is accepted with certainty after any number of rejections: skip the draws.
  if (members.size() == 1) return members[0].channel;
  // Rejection: accept member j with probability rate_j / 2^k = significand_j / 2^53, tested
  // exactly in integers against 53 random bits.
  for (;;) {
    const Member &member = members[uniform_below(rng, members.size())];
    if ((detail::draw_u64(rng) >> 11) < significand_of(member.rate_per_s)) return member.channel;
  }
}

}  // namespace anodekmc::kmc
