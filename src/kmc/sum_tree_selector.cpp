#include "kmc/sum_tree_selector.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>

namespace anodekmc::kmc {

namespace {

constexpr char kStateTag[8] = {'B', 'K', 'L', 'T', 'R', 'E', 'E', '1'};

[[noreturn]] void throw_bad_state(const std::string &what) {
  throw std::runtime_error("SumTreeSelector::read_state: " + what);
}

}  // namespace

SumTreeSelector::SumTreeSelector(std::size_t channel_count) { reset(channel_count); }

void SumTreeSelector::reset(std::size_t channel_count) {
  std::size_t padded = 1;
  bool odd_depth = false;
  while (padded < channel_count) {
    padded *= 2;
    odd_depth = !odd_depth;
  }
  channel_count_ = channel_count;
  leaf_offset_ = padded;
  odd_depth_ = odd_depth;
  tree_.assign(2 * padded, 0.0);
}

void SumTreeSelector::assign_rates(const std::vector<double> &rates_per_s) {
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    if (!valid_rate(rates_per_s[channel])) throw_bad_rate(channel, rates_per_s[channel]);
  }
  reset(rates_per_s.size());
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    tree_[leaf_offset_ + channel] = rates_per_s[channel] + 0.0;  // + 0.0: no -0.0 leaves
  }
  recompute_totals();
}

void SumTreeSelector::recompute_totals() {
  // Children have larger indices than their parent, so one backward sweep is bottom-up.
  for (std::size_t node = leaf_offset_ - 1; node >= 1; --node) {
    tree_[node] = tree_[2 * node] + tree_[2 * node + 1];
  }
}

void SumTreeSelector::write_state(std::ostream &out) const {
  out.write(kStateTag, sizeof kStateTag);
  const std::uint64_t channel_count = channel_count_;
  out.write(reinterpret_cast<const char *>(&channel_count), sizeof channel_count);
  out.write(reinterpret_cast<const char *>(tree_.data() + leaf_offset_),
            static_cast<std::streamsize>(channel_count_ * sizeof(double)));
}

void SumTreeSelector::read_state(std::istream &in) {
  char tag[sizeof kStateTag];
  in.read(tag, sizeof tag);
  if (!in) throw_bad_state("input is truncated");
  if (std::memcmp(tag, kStateTag, sizeof tag) != 0) {
    throw_bad_state("not the state of a SumTreeSelector");
  }
  std::uint64_t channel_count = 0;
  in.read(reinterpret_cast<char *>(&channel_count), sizeof channel_count);
  if (!in) throw_bad_state("input is truncated");
  // Read in blocks, so a corrupt count cannot make us allocate more than the input holds.
  constexpr std::uint64_t kBlock = std::uint64_t{1} << 16;
  std::vector<double> rates_per_s;
  while (rates_per_s.size() < channel_count) {
    const std::size_t done = rates_per_s.size();
    const auto block = static_cast<std::size_t>(std::min(kBlock, channel_count - done));
    rates_per_s.resize(done + block);
    in.read(reinterpret_cast<char *>(rates_per_s.data() + done),
            static_cast<std::streamsize>(block * sizeof(double)));
    if (!in) throw_bad_state("input is truncated");
  }
  for (std::size_t channel = 0; channel < rates_per_s.size(); ++channel) {
    if (!valid_rate(rates_per_s[channel])) {
      std::ostringstream message;
      message.precision(17);
      message << "corrupt input: channel " << channel << " has rate " << rates_per_s[channel];
      throw_bad_state(message.str());
    }
  }
  // The tree is a function of the leaves alone: rebuilding it restores it bit for bit.
  assign_rates(rates_per_s);
}

void SumTreeSelector::throw_bad_channel(std::size_t channel, std::size_t channel_count) {
  std::ostringstream message;
  message << "SumTreeSelector: channel " << channel << " out of range (" << channel_count
          << " channels)";
  throw std::out_of_range(message.str());
}

void SumTreeSelector::throw_bad_rate(std::size_t channel, double rate_per_s) {
  std::ostringstream message;
  message.precision(17);
  message << "SumTreeSelector: rate of channel " << channel << " is " << rate_per_s
          << " 1/s; a rate must be finite and >= 0";
  throw std::invalid_argument(message.str());
}

void SumTreeSelector::throw_no_rate(double total_rate_per_s) {
  std::ostringstream message;
  message.precision(17);
  message << "SumTreeSelector::select: total rate is " << total_rate_per_s
          << " 1/s; selection needs 0 < total < infinity (no event can happen)";
  throw std::logic_error(message.str());
}

}  // namespace anodekmc::kmc
