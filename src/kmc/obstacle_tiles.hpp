// Where the first-passage kMC may not put a protective domain, as bitmaps in 8 x 8 tiles of
// a periodic nx x ny net: one 64-bit word per tile and per property, bit (i mod 8) + 8 (j mod 8).
//
// A site is an obstacle for a walker standing on substrate species s0 when its column is
// occupied, when it lies in another walker's guard box, or when its substrate species is not
// s0 (kmc_engine_first_passage.cpp). Placing a domain means finding the nearest obstacle
// around the walker. Scanning the box site by site costs O(L^2) reads per domain, about as
// many as the hops the domain saves; with tiles, an obstacle-free 8 x 8 tile is one OR of three
// words, and only the set bits of the others are visited.
//
// The bitmaps mirror the engine's state; the engine updates them wherever a column becomes
// empty or occupied, a substrate species changes or a guard box is marked (and rebuilds them
// after a checkpoint is read), so every query sees the same obstacles a site-by-site scan
// would.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace anodekmc::kmc {

class ObstacleTiles {
 public:
  /// Empty bitmaps for an nx x ny net whose substrate species are 0 .. species_count - 1, all
  /// sites on species 0.
  void reset(int nx, int ny, int species_count);

  void set_occupied(int i, int j, bool on) { set_bit(occupied_, i, j, on); }
  void set_guarded(int i, int j, bool on) { set_bit(guarded_, i, j, on); }
  /// The substrate species of site (i, j) becomes `species` (< species_count).
  void set_substrate(int i, int j, int species);
  bool guarded(int i, int j) const { return (guarded_[tile_of(i, j)] >> bit_of(i, j)) & 1u; }
  /// Marks (on) or clears the `count` sites (i_start + k, j), k = 0 .. count - 1 (i_start
  /// unwrapped, count <= nx): a row of a guard box, a few word operations per tile.
  void set_guarded_run(int i_start, int count, int j, bool on);

  /// Which guard boxes meet each tile, to find a guarded site's domain without a per-site
  /// owner map: add_domain / remove_domain list `id` in every tile meeting the box
  /// |di| <= reach_i, |dj| <= reach_j around (ic, jc); domains_at lists those of (i, j)'s tile
  /// (in no particular order; the caller tests which one holds the site).
  void add_domain(int ic, int jc, int reach_i, int reach_j, std::uint32_t id);
  void remove_domain(int ic, int jc, int reach_i, int reach_j, std::uint32_t id);
  const std::vector<std::uint32_t> &domains_at(int i, int j) const { return tile_domains_[tile_of(i, j)]; }

  /// Calls visit_tile(occupied, other, di0, dj0, i0, j0) for the tiles that meet the box
  /// |di| <= reach_i, |dj| <= reach_j around site (ic, jc) (each reach less than half a period)
  /// and hold an obstacle for substrate species `species0`, nearest tiles first. `occupied` has
  /// the bits of occupied columns, `other` those of guarded sites and of other substrate
  /// species; bit b is site (i0 + b % 8, j0 + b / 8), at offset (di0 + b % 8, dj0 + b / 8) from
  /// (ic, jc) through this tile. Whole tiles are visited, so an offset can lie outside the box,
  /// and a tile can be met twice; the caller filters and must not mind repeats. Before each
  /// strip of tiles and each tile, too_far(min |di|, min |dj|) over it is asked: true skips it
  /// and everything farther along that axis (it may tighten as visit_tile runs).
  template <class TooFar, class VisitTile>
  void for_each_obstacle_tile_near(int ic, int jc, int reach_i, int reach_j, int species0, TooFar too_far,
                                   VisitTile visit_tile) const {
    const std::uint64_t *not_species0 = not_substrate_.data() + static_cast<std::size_t>(species0) * tile_count_;
    std::vector<Piece> &rows = row_pieces_, &cols = column_pieces_;
    pieces(jc, reach_j, ny_, rows);
    pieces(ic, reach_i, nx_, cols);
    for (const Piece &row : rows) {
      if (too_far(0, row.distance)) break;
      const std::size_t row_start = static_cast<std::size_t>(row.wrapped >> 3) * tiles_x_;
      const int j_start = row.wrapped & ~7;
      for (const Piece &col : cols) {
        if (too_far(col.distance, row.distance)) break;
        const std::size_t t = row_start + static_cast<std::size_t>(col.wrapped >> 3);
        const std::uint64_t occupied = occupied_[t], other = guarded_[t] | not_species0[t];
        if ((occupied | other) == 0) continue;
        const int i_start = col.wrapped & ~7;
        visit_tile(occupied, other, col.offset + (i_start - col.wrapped), row.offset + (j_start - row.wrapped), i_start,
                   j_start);
      }
    }
  }

  /// The smallest distance, max(|di|, |dj|) (or max(|di|, |dj|, |di + dj|) if `hexagonal`),
  /// over the set bits b of the 8-bit row `mask` at offsets (di0 + b, dj); INT_MAX if none.
  /// The distance is convex in di and equals |dj| on [lo, hi] = [0, 0] (or between 0 and -dj),
  /// so the nearest bit is inside that range or the closest one on either side of it: a few
  /// bit operations instead of one distance per bit.
  static int nearest_in_row(unsigned mask, int di0, int dj, bool hexagonal) {
    const auto distance = [&](int di) {
      const int d = std::max(std::abs(di), std::abs(dj));
      return hexagonal ? std::max(d, std::abs(di + dj)) : d;
    };
    const int lo = hexagonal ? std::min(0, -dj) : 0, hi = hexagonal ? std::max(0, -dj) : 0;
    const int b_lo = lo - di0, b_hi = hi - di0;  // bit columns of [lo, hi]
    if (b_hi >= 0 && b_lo <= 7) {
      const int from = std::max(b_lo, 0), to = std::min(b_hi, 7);
      const unsigned inside = ((2u << to) - 1u) & ~((1u << from) - 1u);
      if (mask & inside) return std::abs(dj);
    }
    int d = INT_MAX;
    if (b_lo > 0) {
      const unsigned below = mask & (b_lo >= 8 ? 0xFFu : ((1u << b_lo) - 1u));
      if (below != 0) d = std::min(d, distance(di0 + (31 - __builtin_clz(below))));
    }
    if (b_hi < 7) {
      const unsigned above = b_hi < 0 ? mask : (mask >> (b_hi + 1)) << (b_hi + 1);
      if (above != 0) d = std::min(d, distance(di0 + __builtin_ctz(above)));
    }
    return d;
  }

  /// The same, one obstacle at a time: visit(di, dj, i, j) for each set bit.
  template <class TooFar, class Visit>
  void for_each_obstacle_near(int ic, int jc, int reach_i, int reach_j, int species0, TooFar too_far,
                              Visit visit) const {
    for_each_obstacle_tile_near(ic, jc, reach_i, reach_j, species0, too_far,
                                [&](std::uint64_t occupied, std::uint64_t other, int di0, int dj0, int i0, int j0) {
                                  std::uint64_t word = occupied | other;
                                  while (word != 0) {
                                    const int bit = __builtin_ctzll(word);
                                    word &= word - 1;
                                    visit(di0 + (bit & 7), dj0 + (bit >> 3), i0 + (bit & 7), j0 + (bit >> 3));
                                  }
                                });
  }

 private:
  // A run of one tile's sites along one axis inside [c - reach, c + reach]: its first site
  // (wrapped coordinate and offset from c) and the smallest |offset| in it.
  struct Piece {
    int wrapped, offset, distance;
  };
  // The pieces of [c - reach, c + reach] (unwrapped, reach < n) along an axis of n sites, in
  // order of distance from c, into `out`.
  static void pieces(int c, int reach, int n, std::vector<Piece> &out);
  // edit(list) for the domain list of every tile meeting the box (as for_each_obstacle_tile_near).
  template <class Edit>
  void for_each_domain_list(int ic, int jc, int reach_i, int reach_j, Edit edit);
  // v in [-n, 2n) (offsets of less than one period) into [0, n).
  static int wrap(int v, int n) { return v < 0 ? v + n : (v >= n ? v - n : v); }
  std::size_t tile_of(int i, int j) const {
    return static_cast<std::size_t>(j >> 3) * tiles_x_ + static_cast<std::size_t>(i >> 3);
  }
  static int bit_of(int i, int j) { return (i & 7) + 8 * (j & 7); }
  static void assign_bit(std::uint64_t &word, int bit, bool on) {
    const std::uint64_t mask = std::uint64_t(1) << bit;
    word = on ? (word | mask) : (word & ~mask);
  }
  void set_bit(std::vector<std::uint64_t> &bits, int i, int j, bool on) { assign_bit(bits[tile_of(i, j)], bit_of(i, j), on); }
  void set_not_substrate(int species, int i, int j, bool on) {
    assign_bit(not_substrate_[static_cast<std::size_t>(species) * tile_count_ + tile_of(i, j)], bit_of(i, j), on);
  }

  int nx_ = 0, ny_ = 0, species_count_ = 0;
  std::size_t tiles_x_ = 0, tile_count_ = 0;
  std::vector<std::uint64_t> occupied_;       // column height > 0
  std::vector<std::uint64_t> guarded_;        // in a protected walker's guard box
  std::vector<std::uint64_t> not_substrate_;  // [species * tile_count_ + tile]: substrate != species
  std::vector<std::vector<std::uint32_t>> tile_domains_;  // per tile: ids of the guard boxes meeting it
  // Scratch of for_each_obstacle_near (kept to avoid an allocation per query; not thread-safe).
  mutable std::vector<Piece> row_pieces_, column_pieces_;
};

}  // namespace anodekmc::kmc
