#include "kmc/obstacle_tiles.hpp"

#include <algorithm>
#include <stdexcept>

namespace anodekmc::kmc {

void ObstacleTiles::reset(int nx, int ny, int species_count) {
  if (nx < 1 || ny < 1 || species_count < 1 || species_count > 256)
    throw std::invalid_argument("ObstacleTiles: the net and the species count must be positive (at most 256 species)");
  nx_ = nx;
  ny_ = ny;
  species_count_ = species_count;
  tiles_x_ = static_cast<std::size_t>((nx + 7) / 8);
  tile_count_ = tiles_x_ * static_cast<std::size_t>((ny + 7) / 8);
  occupied_.assign(tile_count_, 0);
  guarded_.assign(tile_count_, 0);
  tile_domains_.assign(tile_count_, {});
  // Every site on species 0: set "not species k" for k > 0 on the sites that exist (the bits
  // of a partial tile beyond the net's edge stay 0, so they are never reported).
  not_substrate_.assign(tile_count_ * static_cast<std::size_t>(species_count), 0);
  for (int k = 1; k < species_count; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) set_not_substrate(k, i, j, true);
}

void ObstacleTiles::set_substrate(int i, int j, int species) {
  if (species < 0 || species >= species_count_) throw std::out_of_range("ObstacleTiles: substrate species out of range");
  for (int k = 0; k < species_count_; ++k) set_not_substrate(k, i, j, k != species);
}

void ObstacleTiles::set_guarded_run(int i_start, int count, int j, bool on) {
  const std::size_t row = static_cast<std::size_t>(j >> 3) * tiles_x_;
  const int shift_j = 8 * (j & 7);
  int i = wrap(i_start, nx_);
  while (count > 0) {
    const int in_tile = std::min({8 - (i & 7), nx_ - i, count});
    const std::uint64_t mask = ((std::uint64_t(1) << in_tile) - 1) << (shift_j + (i & 7));
    std::uint64_t &word = guarded_[row + static_cast<std::size_t>(i >> 3)];
    word = on ? (word | mask) : (word & ~mask);
    count -= in_tile;
    i += in_tile;
    if (i == nx_) i = 0;
  }
}

template <class Edit>
void ObstacleTiles::for_each_domain_list(int ic, int jc, int reach_i, int reach_j, Edit edit) {
  std::vector<Piece> &rows = row_pieces_, &cols = column_pieces_;
  pieces(jc, reach_j, ny_, rows);
  pieces(ic, reach_i, nx_, cols);
  for (const Piece &row : rows)
    for (const Piece &col : cols)
      edit(tile_domains_[static_cast<std::size_t>(row.wrapped >> 3) * tiles_x_ + static_cast<std::size_t>(col.wrapped >> 3)]);
}

void ObstacleTiles::add_domain(int ic, int jc, int reach_i, int reach_j, std::uint32_t id) {
  for_each_domain_list(ic, jc, reach_i, reach_j, [id](std::vector<std::uint32_t> &list) {
    // A box can meet a tile through two pieces when it spans the whole period: list it once.
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  });
}

void ObstacleTiles::remove_domain(int ic, int jc, int reach_i, int reach_j, std::uint32_t id) {
  for_each_domain_list(ic, jc, reach_i, reach_j, [id](std::vector<std::uint32_t> &list) {
    const auto it = std::find(list.begin(), list.end(), id);
    if (it != list.end()) {
      *it = list.back();
      list.pop_back();
    }
  });
}

void ObstacleTiles::pieces(int c, int reach, int n, std::vector<Piece> &out) {
  out.clear();
  const int lo = c - reach, hi = c + reach;
  // The piece holding c: from its tile's start (or lo) to its tile's end (or hi).
  const int wc = wrap(c, n);
  const int first = std::max(c - (wc & 7), lo);
  const int tile_end = std::min((wc & ~7) + 8, n);  // one past the tile's last wrapped site
  const int first_end = std::min(c + (tile_end - 1 - wc), hi);
  out.push_back({wrap(first, n), first - c, 0});
  // Then the pieces on the right (distance = their first offset) and on the left (distance =
  // minus their last offset), merged in order of distance.
  int right = first_end + 1, left = first - 1;
  while (right <= hi || left >= lo) {
    if (right <= hi && (left < lo || right - c <= c - left)) {
      const int w = wrap(right, n);
      const int end = std::min(right + (std::min((w & ~7) + 8, n) - 1 - w), hi);
      out.push_back({w, right - c, right - c});
      right = end + 1;
    } else {
      const int w = wrap(left, n);
      const int start = std::max(left - (w & 7), lo);
      out.push_back({wrap(start, n), start - c, c - left});
      left = start - 1;
    }
  }
}

}  // namespace anodekmc::kmc
