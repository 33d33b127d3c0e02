#include "kmc/composition_rejection_selector.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace anodekmc::kmc {

namespace {

// Lower bound 2^(k-1) of every class, indexed by class (k = class - 1074). The upper bound 2^k
// of the top class overflows a double, the lower bound never does (2^-1074 ... 2^1023).
constexpr int kTableSize = 2099;
const std::array<double, kTableSize> &class_lower_bounds_per_s() {
  static const std::array<double, kTableSize> table = [] {
    std::array<double, kTableSize> bounds{};
    for (int c = 1; c < kTableSize; ++c) {
      bounds[static_cast<std::size_t>(c)] = std::ldexp(1.0, c - 1075);
    }
    return bounds;
  }();
  return table;
}

constexpr char kStateTag[8] = {'B', 'K', 'L', 'C', 'R', 'E', 'J', '1'};

[[noreturn]] void throw_bad_state(const std::string &what) {
  throw std::runtime_error("CompositionRejectionSelector::read_state: " + what);
}

template <class T>
void put_raw(std::ostream &out, const T &value) {
  out.write(reinterpret_cast<const char *>(&value), sizeof value);
}

template <class T>
T get_raw(std::istream &in) {
  T value{};
  in.read(reinterpret_cast<char *>(&value), sizeof value);
  if (!in) throw_bad_state("input is truncated");
  return value;
}

}  // namespace

CompositionRejectionSelector::CompositionRejectionSelector()
    : classes_(kClassCount), class_sum_per_s_(kClassCount, 0.0) {
  static_assert(kClassCount == kTableSize, "one lower bound per class");
}

CompositionRejectionSelector::CompositionRejectionSelector(std::size_t channel_count)
    : CompositionRejectionSelector() {
  reset(channel_count);
}

void CompositionRejectionSelector::reset(std::size_t channel_count) {
  if (channel_count > std::numeric_limits<std::uint32_t>::max()) {
    std::ostringstream message;
    message << "CompositionRejectionSelector: " << channel_count
            << " channels requested; at most 2^32 - 1 are supported";
    throw std::length_error(message.str());
  }
  slots_.assign(channel_count, Slot{0.0, 0, kNoClass});
  for (RateClass &rate_class : classes_) rate_class = RateClass{};  // also frees the lists
  class_sum_per_s_.assign(kClassCount, 0.0);
  active_classes_.clear();
  stale_classes_.clear();
  total_per_s_ = 0.0;
  totals_stale_ = false;
}

void CompositionRejectionSelector::assign_rates(const std::vector<double> &rates_per_s) {
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    if (!valid_rate(rates_per_s[channel])) throw_bad_rate(channel, rates_per_s[channel]);
  }
  reset(rates_per_s.size());
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    if (rates_per_s[channel] > 0.0) {
      add_member(static_cast<std::uint32_t>(channel), rates_per_s[channel],
                 class_of(rates_per_s[channel]));
    }
  }
  refresh_totals();
}

void CompositionRejectionSelector::recompute_totals() {
  std::vector<double> rates_per_s(slots_.size(), 0.0);
  for (const int class_index : active_classes_) {
    for (const Member &member : classes_[static_cast<std::size_t>(class_index)].members) {
      rates_per_s[member.channel] = member.rate_per_s;
    }
  }
  assign_rates(rates_per_s);
}

void CompositionRejectionSelector::add_member(std::uint32_t channel, double rate_per_s,
                                              int class_index) {
  RateClass &rate_class = classes_[static_cast<std::size_t>(class_index)];
  slots_[channel] = Slot{rate_per_s, static_cast<std::uint32_t>(rate_class.members.size()), class_index};
  rate_class.members.push_back(Member{rate_per_s, channel});
  rate_class.significand_sum += significand_of(rate_per_s);
  if (rate_class.members.size() == 1) activate(class_index);
  mark_stale(class_index);
}

void CompositionRejectionSelector::remove_member(Slot &slot) {
  const int class_index = slot.class_index;
  RateClass &rate_class = classes_[static_cast<std::size_t>(class_index)];
  const std::uint32_t position = slot.position;
  rate_class.significand_sum -= significand_of(rate_class.members[position].rate_per_s);
  // Swap with the last member; harmless when the removed member is the last one.
  const Member last = rate_class.members.back();
  rate_class.members[position] = last;
  slots_[last.channel].position = position;
  rate_class.members.pop_back();
  slot = Slot{0.0, 0, kNoClass};
  if (rate_class.members.empty()) deactivate(class_index);
  mark_stale(class_index);
}

void CompositionRejectionSelector::activate(int class_index) {
  // Sorted fastest class first: the scan in select() then usually stops at the first classes.
  const auto position = std::find_if(active_classes_.begin(), active_classes_.end(),
                                     [class_index](int other) { return other < class_index; });
  active_classes_.insert(position, class_index);
}

void CompositionRejectionSelector::deactivate(int class_index) {
  active_classes_.erase(std::find(active_classes_.begin(), active_classes_.end(), class_index));
}

void CompositionRejectionSelector::refresh_totals() const {
  const std::array<double, kTableSize> &lower_bounds = class_lower_bounds_per_s();
  for (const int class_index : stale_classes_) {
    const auto c = static_cast<std::size_t>(class_index);
    const RateClass &rate_class = classes_[c];
    // The integer in two 64-bit halves (converting __int128 directly is a slow library call);
    // the high half is zero below 2^11 members, and the result is then correctly rounded.
    const auto high = static_cast<std::uint64_t>(rate_class.significand_sum >> 64);
    const auto low = static_cast<std::uint64_t>(rate_class.significand_sum);
    const double significand_sum = static_cast<double>(high) * 0x1.0p64 + static_cast<double>(low);
    // sum * 2^(k-53) = (sum * 2^-52) * 2^(k-1): both factors stay inside the double range.
    class_sum_per_s_[c] = significand_sum * 0x1.0p-52 * lower_bounds[c];
    rate_class.sum_stale = false;
  }
  stale_classes_.clear();
  // Four partial sums break the chain of dependent additions (tens of classes when rates span
  // many decades). The order is fixed by the sorted class list, so the total is still a
  // function of the rates alone.
  double partial[4] = {0.0, 0.0, 0.0, 0.0};
  const std::size_t active_count = active_classes_.size();
  std::size_t a = 0;
  for (; a + 4 <= active_count; a += 4) {
    for (std::size_t lane = 0; lane < 4; ++lane) {
      partial[lane] += class_sum_per_s_[static_cast<std::size_t>(active_classes_[a + lane])];
    }
  }
  for (; a < active_count; ++a) {
    partial[0] += class_sum_per_s_[static_cast<std::size_t>(active_classes_[a])];
  }
  total_per_s_ = (partial[0] + partial[1]) + (partial[2] + partial[3]);
  totals_stale_ = false;
}

void CompositionRejectionSelector::write_state(std::ostream &out) const {
  out.write(kStateTag, sizeof kStateTag);
  put_raw(out, static_cast<std::uint64_t>(slots_.size()));
  put_raw(out, static_cast<std::uint64_t>(active_classes_.size()));
  for (const int class_index : active_classes_) {
    const SiteVector<Member> &members = classes_[static_cast<std::size_t>(class_index)].members;
    put_raw(out, static_cast<std::int32_t>(class_index));
    put_raw(out, static_cast<std::uint64_t>(members.size()));
    for (const Member &member : members) {
      put_raw(out, member.channel);
      put_raw(out, member.rate_per_s);
    }
  }
}

void CompositionRejectionSelector::read_state(std::istream &in) {
  char tag[sizeof kStateTag];
  in.read(tag, sizeof tag);
  if (!in) throw_bad_state("input is truncated");
  if (std::memcmp(tag, kStateTag, sizeof tag) != 0) {
    throw_bad_state("not the state of a CompositionRejectionSelector");
  }
  const auto channel_count = get_raw<std::uint64_t>(in);
  const auto class_count = get_raw<std::uint64_t>(in);
  if (channel_count > std::numeric_limits<std::uint32_t>::max() ||
      class_count >= static_cast<std::uint64_t>(kClassCount)) {
    throw_bad_state("corrupt input (channel or class count)");
  }
  // Rebuilt member by member in the saved order; add_member() recomputes the exact sums, the
  // positions and the sorted class list, so nothing else needs saving.
  CompositionRejectionSelector loaded(static_cast<std::size_t>(channel_count));
  for (std::uint64_t k = 0; k < class_count; ++k) {
    const auto class_index = get_raw<std::int32_t>(in);
    const auto member_count = get_raw<std::uint64_t>(in);
    if (class_index <= kNoClass || class_index >= kClassCount || member_count == 0 ||
        member_count > channel_count ||
        !loaded.classes_[static_cast<std::size_t>(class_index)].members.empty()) {
      throw_bad_state("corrupt input (class " + std::to_string(class_index) + ")");
    }
    for (std::uint64_t j = 0; j < member_count; ++j) {
      const auto channel = get_raw<std::uint32_t>(in);
      const auto rate_per_s = get_raw<double>(in);
      if (channel >= channel_count || !(rate_per_s > 0.0 && rate_per_s <= DBL_MAX) ||
          class_of(rate_per_s) != class_index || loaded.slots_[channel].class_index != kNoClass) {
        throw_bad_state("corrupt input (channel " + std::to_string(channel) + ")");
      }
      loaded.add_member(channel, rate_per_s, class_index);
    }
  }
  *this = std::move(loaded);
}

void CompositionRejectionSelector::throw_bad_channel(std::size_t channel,
                                                     std::size_t channel_count) {
  std::ostringstream message;
  message << "CompositionRejectionSelector: channel " << channel << " out of range ("
          << channel_count << " channels)";
  throw std::out_of_range(message.str());
}

void CompositionRejectionSelector::throw_bad_rate(std::size_t channel, double rate_per_s) {
  std::ostringstream message;
  message.precision(17);
  message << "CompositionRejectionSelector: rate of channel " << channel << " is " << rate_per_s
          << " 1/s; a rate must be finite and >= 0";
  throw std::invalid_argument(message.str());
}

void CompositionRejectionSelector::throw_no_rate(double total_rate_per_s) {
  std::ostringstream message;
  message.precision(17);
  message << "CompositionRejectionSelector::select: total rate is " << total_rate_per_s
          << " 1/s; selection needs 0 < total < infinity (no event can happen)";
  throw std::logic_error(message.str());
}

}  // namespace anodekmc::kmc
