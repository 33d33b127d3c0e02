// Rejection-free (BKL / n-fold way) event selection over N indexed channels with a sum tree.
//
// In the engine a channel is a lattice column and its rate is the sum of that column's event
// rates; select() returns channel i with probability rate_i / total_rate(), and the engine then
// picks the event inside the column.
//
// Layout: a complete binary tree in one flat array, 1-based heap order (node i has children 2i
// and 2i+1, the root is node 1). The leaves, one per channel, sit at [leaf_offset_, 2 *
// leaf_offset_) with leaf_offset_ the channel count rounded up to a power of two; padding
// leaves hold 0 and are never selected. Every internal node holds exactly fl(left + right).
//
// Round-off: set_rate() recomputes each node on the path to the root as left + right instead of
// adding the change of the leaf. Each node is then a fixed function of the leaves below it, so
// no error accumulates however many updates are made, and the tree (and hence the trajectory)
// depends only on the current rates, not on the order of past updates: rebuilding from the
// stored rates after a restart gives the same tree bit for bit. The same invariant allows an
// exact early stop: when a recomputed node keeps its old value, every node above it is already
// right.
//
// Costs: set_rate O(log N) (often less, thanks to the early stop), select O(log N), memory two
// doubles per padded leaf (16 bytes * N rounded up to a power of two). select() is the slow part
// for large N: a chain of dependent loads down the tree. It walks two levels per step and
// prefetches the levels ahead (see select()); composition-rejection selects faster.
#pragma once

#include <cfloat>
#include <cstddef>
#include <istream>
#include <new>
#include <ostream>
#include <vector>

#include "kmc/huge_page_allocator.hpp"
#include "kmc/random.hpp"

namespace anodekmc::kmc {

class SumTreeSelector {
 public:
  SumTreeSelector() = default;
  /// `channel_count` channels, all with rate 0.
  explicit SumTreeSelector(std::size_t channel_count);

  /// Resizes to `channel_count` channels and sets every rate to 0.
  void reset(std::size_t channel_count);
  /// Resizes to rates_per_s.size() channels and loads all rates in O(N) (bulk load, restart).
  /// Throws std::invalid_argument, leaving the selector unchanged, if any rate is invalid.
  void assign_rates(const std::vector<double> &rates_per_s);

  std::size_t size() const { return channel_count_; }

  /// Sets the rate of one channel (1/s). Throws std::out_of_range for channel >= size() and
  /// std::invalid_argument for a negative, NaN or infinite rate.
  void set_rate(std::size_t channel, double rate_per_s);
  /// Hint that rate(channel) or set_rate(channel) follows soon (no effect on results).
  void prefetch(std::size_t channel) const { __builtin_prefetch(tree_.data() + leaf_offset_ + channel); }
  /// Rate of one channel (1/s); std::out_of_range for channel >= size().
  double rate(std::size_t channel) const;
  /// Sum of all rates (1/s).
  double total_rate() const { return tree_[1]; }

  /// Channel i with probability rate_i / total_rate(); draws one 64-bit number from `rng`.
  /// Throws std::logic_error unless 0 < total_rate() < infinity. Never returns a channel whose
  /// rate is 0.
  template <class Urng>
  std::size_t select(Urng &rng) const;

  /// Rebuilds every internal node from the stored rates. The invariant node = left + right
  /// always holds, so this changes nothing; it exists so both selectors share one interface.
  void recompute_totals();

  /// Checkpoint: writes the state (binary, this machine's byte order): a tag, the channel count
  /// and the rates. Writing does not change the selector, so a run that checkpoints draws the
  /// same trajectory as one that does not.
  void write_state(std::ostream &out) const;
  /// Restores what write_state() wrote; the selector then draws exactly as the one written.
  /// Throws std::runtime_error (leaving the selector unchanged) on truncated or corrupt input or
  /// on the state of another selector type.
  void read_state(std::istream &in);

 private:
  [[noreturn]] static void throw_bad_channel(std::size_t channel, std::size_t channel_count);
  [[noreturn]] static void throw_bad_rate(std::size_t channel, double rate_per_s);
  [[noreturn]] static void throw_no_rate(double total_rate_per_s);
  static bool valid_rate(double rate_per_s) { return rate_per_s >= 0.0 && rate_per_s <= DBL_MAX; }
  // One level of the descent from `node`; updates u, returns the child entered.
  static std::size_t descend_one_level(const double *tree, std::size_t node, double &u);

  // Measured on a 2-core AMD EPYC (1 MB L2 per core, 32 MB L3): levels below node 2^10 (8 kB of
  // tree above them) are worth prefetching one step ahead, below 2^14 two steps ahead.
  static constexpr std::size_t kPrefetchNextFromNode = std::size_t{1} << 10;
  static constexpr std::size_t kPrefetchAfterNextFromNode = std::size_t{1} << 14;

  std::size_t channel_count_ = 0;
  std::size_t leaf_offset_ = 1;  // padded leaf count (a power of two, >= 1)
  bool odd_depth_ = false;       // log2(leaf_offset_) is odd: select() takes one single level
  // [0] unused, [1] root = total, [leaf_offset_, 2 leaf_offset_) the rates.
  // Cache-line aligned (the 8 nodes [8n, 8n + 8) at one depth then fill exactly one line,
  // which select() relies on when it prefetches) and on huge pages when large.
  SiteVector<double> tree_ = SiteVector<double>(2, 0.0);
};

inline void SumTreeSelector::set_rate(std::size_t channel, double rate_per_s) {
  if (channel >= channel_count_) throw_bad_channel(channel, channel_count_);
  if (!valid_rate(rate_per_s)) throw_bad_rate(channel, rate_per_s);
  double *const tree = tree_.data();
  std::size_t node = leaf_offset_ + channel;
  // + 0.0 turns -0.0 into +0.0, so equal values are also equal bit patterns (early stop below).
  double value = rate_per_s + 0.0;
  if (tree[node] == value) return;  // re-rating that changes nothing
  tree[node] = value;
  // The new value of each node is carried up in a register instead of being re-read from the
  // array: the sibling loads do not depend on the previous level, so they overlap, and the
  // critical path is one addition per level. value + sibling equals left + right bit for bit
  // (IEEE addition is commutative).
  while (node > 1) {
    const double sum = value + tree[node ^ 1];
    node >>= 1;
    if (sum == tree[node]) break;  // nothing above this node can change
    tree[node] = sum;
    value = sum;
  }
}

inline double SumTreeSelector::rate(std::size_t channel) const {
  if (channel >= channel_count_) throw_bad_channel(channel, channel_count_);
  return tree_[leaf_offset_ + channel];
}

inline std::size_t SumTreeSelector::descend_one_level(const double *tree, std::size_t node,
                                                     double &u) {
  const std::size_t left = 2 * node;
  const double left_sum = tree[left];
  // Round-off guard: in exact arithmetic u < left + right, so u >= left implies right > 0.
  // Rounded sums can break that by an ulp; requiring right > 0 then sends the walk left, to the
  // nearest non-zero leaf. Every node entered has a positive sum (a sum of non-negative numbers
  // is zero only if all are), so the walk never ends on a zero-rate channel. Written without
  // branches: the direction is a coin flip the branch predictor cannot learn.
  const bool go_right = (u >= left_sum) & (tree[left + 1] > 0.0);
  u -= go_right ? left_sum : 0.0;
  return left + static_cast<std::size_t>(go_right);
}

template <class Urng>
std::size_t SumTreeSelector::select(Urng &rng) const {
  const double *const tree = tree_.data();
  const double total = tree[1];
  if (!(total > 0.0 && total <= DBL_MAX)) throw_no_rate(total);
  // u in [0, total); descend, keeping u within the current node's sum.
  double u = uniform01_from(rng) * total;
  std::size_t node = 1;
  if (odd_depth_) node = descend_one_level(tree, node, u);
  const std::size_t tree_size = 2 * leaf_offset_;
  while (node < leaf_offset_) {
    // Two levels per step, the same decisions as descend_one_level() twice: the children and
    // all four grandchildren are loaded together, so the step waits for memory once, not twice.
    //
    // Deep in a large tree every step misses the cache. Prefetch what the next step reads (the
    // children and grandchildren of node's grandchildren: [8n, 8n+8) and [16n, 16n+16), whole
    // cache lines as the array is 64-byte aligned) and, deeper still, the step after it. The
    // top of the tree stays cached, and prefetching there only costs issue slots.
    if (node >= kPrefetchNextFromNode && 16 * node + 16 <= tree_size) {
      __builtin_prefetch(tree + 8 * node);
      __builtin_prefetch(tree + 16 * node);
      __builtin_prefetch(tree + 16 * node + 8);
      if (node >= kPrefetchAfterNextFromNode && 64 * node + 64 <= tree_size) {
        for (std::size_t line = 0; line < 4; ++line) {
          __builtin_prefetch(tree + 32 * node + 8 * line);
        }
        for (std::size_t line = 0; line < 8; ++line) {
          __builtin_prefetch(tree + 64 * node + 8 * line);
        }
      }
    }
    const double left_sum = tree[2 * node];
    const double right_sum = tree[2 * node + 1];
    const double *const grandchildren = tree + 4 * node;
    const double g0 = grandchildren[0];
    const double g1 = grandchildren[1];
    const double g2 = grandchildren[2];
    const double g3 = grandchildren[3];
    const bool go_right = (u >= left_sum) & (right_sum > 0.0);  // guard: see descend_one_level
    u -= go_right ? left_sum : 0.0;
    const double inner_left = go_right ? g2 : g0;
    const double inner_right = go_right ? g3 : g1;
    const bool inner_go_right = (u >= inner_left) & (inner_right > 0.0);
    u -= inner_go_right ? inner_left : 0.0;
    node = 4 * node + 2 * static_cast<std::size_t>(go_right) +
           static_cast<std::size_t>(inner_go_right);
  }
  return node - leaf_offset_;
}

}  // namespace anodekmc::kmc
