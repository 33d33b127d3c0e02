// First-passage acceleration of isolated adatoms in KmcEngine (after Oppelstrup et al., PRL 97,
// 230602 (2006)). The method, why it is exact, and its limits: docs/kmc_first_passage.md.
//
// In short: an adatom alone on a flat homogeneous patch hops at the same rate nu to each of its
// hop neighbours wherever it is on the patch. The hops come in opposite pairs, and the net
// count of hops along each pair is an independent 1D continuous-time walk: two walks (a, b)
// along U, V on the square and bcc(110) nets, three along U, V, W = U - V on triangular nets.
// While every count stays within -L..L the walker stays inside the box |a|, |b| <= L (the
// hexagon of radius 2L on triangular nets); the earliest exit of the walks is drawn exactly
// from FirstPassageInterval, the other counts at that moment from their propagators
// conditioned on survival. Nothing else may change the walker's rates while it is inside: the
// guard region (domain plus one or two steps) holds no other atom, and any event that would
// change a height in it first dissolves the domain, placing the walker at its exact position at
// that time (drawn from the propagators conditioned on survival to that time). Where domains
// may go is kept in tile bitmaps (obstacle_tiles.hpp).
#include "kmc/kmc_engine.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>

namespace anodekmc::kmc {

namespace {
// Section marker of the checkpoint: version 2 has 64-byte domain records (with the diagonal
// walks of self-exchange); version 1 (48 bytes, no diagonal walks) is still read.
constexpr char kFirstPassageMarker[8] = "FPKMC-2";
constexpr char kFirstPassageMarkerV1[8] = "FPKMC-1";
constexpr std::size_t kDomainRecordBytesV1 = 48;

// Domain half-widths in use: every L up to 32, then steps of 8. Fewer sizes keep the tables
// (O(L^2) doubles each) small; the loss in domain size above 32 is at most 20 %.
int usable_half_width(int fit) {
  if (fit <= 32) return fit;
  return fit - fit % 8;
}
}  // namespace

template <class Selector>
void KmcEngine<Selector>::enable_first_passage(const FirstPassageOptions &options) {
  if (options.max_half_width < 1 || options.max_half_width > 1024)
    throw std::invalid_argument("first_passage_max_half_width must be between 1 and 1024");
  fp_options_ = options;
  fp_on_ = false;
  if (!options.enabled) return;
  const auto &net = model_.net;
  // Independent walks: the hops come in opposite pairs, one walk per pair. Two pairs (square,
  // bcc(110)): U = hop 0, V the next direction that is not -U. Three pairs (triangular): also
  // W = U - V, which must be the third pair; the basis (U, V) must be unimodular.
  const int hops = net.hop_count();
  if (hops != 4 && hops != 6) return;
  const int ui = net.hop_di(0), uj = net.hop_dj(0);
  auto hop_index = [&](int di, int dj) {
    for (int k = 0; k < hops; ++k)
      if (net.hop_di(k) == di && net.hop_dj(k) == dj) return k;
    return -1;
  };
  int vk = -1;
  for (int k = 1; k < hops && vk < 0; ++k) {
    const int di = net.hop_di(k), dj = net.hop_dj(k);
    if (di == -ui && dj == -uj) continue;
    if (hops == 6 && hop_index(ui - di, uj - dj) < 0) continue;
    vk = k;
  }
  if (vk < 0) return;
  const int vi = net.hop_di(vk), vj = net.hop_dj(vk);
  const int det = ui * vj - uj * vi;
  if (det != 1 && det != -1) return;
  fp_axes_ = hops / 2;
  fp_u_di_ = ui;
  fp_u_dj_ = uj;
  fp_v_di_ = vi;
  fp_v_dj_ = vj;
  fp_det_ = det;
  fp_walk_di_[0] = ui;
  fp_walk_dj_[0] = uj;
  fp_walk_A_[0] = net.hop_displacement_A(0);
  fp_walk_di_[1] = vi;
  fp_walk_dj_[1] = vj;
  fp_walk_A_[1] = net.hop_displacement_A(vk);
  if (fp_axes_ == 3) {
    fp_walk_di_[2] = ui - vi;
    fp_walk_dj_[2] = uj - vj;
    fp_walk_A_[2] = net.hop_displacement_A(hop_index(ui - vi, uj - vj));
  }
  // Self-exchange (square net only, kmc_engine.cpp): the four diagonal moves (+-1, +-1) at one
  // rate are two more independent walks, along (1, 1) and (1, -1).
  fp_diagonal_ = self_exchange_on_;
  if (fp_diagonal_) {
    if (fp_axes_ != 2 || std::abs(ui) + std::abs(uj) != 1 || std::abs(vi) + std::abs(vj) != 1) return;
    fp_walk_di_[2] = 1;
    fp_walk_dj_[2] = 1;
    fp_walk_A_[2] = {step_x_A_.x + step_y_A_.x, step_x_A_.y + step_y_A_.y};
    fp_walk_di_[3] = 1;
    fp_walk_dj_[3] = -1;
    fp_walk_A_[3] = {step_x_A_.x - step_y_A_.x, step_x_A_.y - step_y_A_.y};
  }
  // Every hop and every lateral neighbour must lie at distance 1 (domain_distance), so that
  // the guard region one step beyond the domain holds them.
  for (int k = 0; k < hops; ++k)
    if (domain_distance(net.hop_di(k), net.hop_dj(k)) != 1) return;
  for (int m = 0; m < net.lateral_count(); ++m)
    if (domain_distance(net.lateral_di(m), net.lateral_dj(m)) > 1) return;
  // A walker's rate reads the heights of its hop targets' neighbours only through n_final. If
  // no rate depends on n_final, a guard ring of one site is enough; otherwise two.
  fp_buffer_ = 1;
  const auto &index = model_.rates.index();
  for (std::size_t slot = 0; slot < index.size() && fp_buffer_ == 1; ++slot) {
    HopEnvironment e = index.environment(slot);
    e.n_final = 0;
    const double r = model_.rates.hop_rate(slot), r0 = model_.rates.hop_rate(index(e));
    if (!(r == r0 || (std::isnan(r) && std::isnan(r0)))) fp_buffer_ = 2;
  }
  // A guard region of radius R reaches R reach_i columns either side along i (reach_j rows
  // along j): it must not wrap onto itself.
  fp_guard_limit_ = std::min((net.nx() - 1) / (2 * reach_i(1)), (net.ny() - 1) / (2 * reach_j(1)));
  if (fp_guard_limit_ < guard_radius(1)) return;  // net too small for any domain
  fp_on_ = true;
  rebuild_obstacle_tiles();
}

template <class Selector>
void KmcEngine<Selector>::rebuild_obstacle_tiles() {
  const auto &net = model_.net;
  fp_tiles_.reset(net.nx(), net.ny(), static_cast<int>(model_.species.size()));
  for (std::uint32_t s = 0; s < net.site_count(); ++s) {
    int i = 0, j = 0;
    net.coordinates(s, i, j);
    fp_tiles_.set_occupied(i, j, state_.height[s] != 0);
    fp_tiles_.set_substrate(i, j, state_.substrate[s]);
  }
  for (std::uint32_t id = 0; id < domains_.size(); ++id)
    if (domains_[id].atom >= 0) mark_guard(domains_[id], id, true);
}

template <class Selector>
std::int32_t KmcEngine<Selector>::guard_owner(std::uint32_t site) const {
  int i = 0, j = 0;
  model_.net.coordinates(site, i, j);
  if (!fp_tiles_.guarded(i, j)) return -1;
  const int nx = model_.net.nx(), ny = model_.net.ny();
  for (const std::uint32_t id : fp_tiles_.domains_at(i, j)) {
    const ProtectedDomain &d = domains_[id];
    int ci = 0, cj = 0;
    model_.net.coordinates(d.centre, ci, cj);
    // A site inside a guard region is less than half a period from its centre along each axis.
    int di = i - ci, dj = j - cj;
    if (2 * di > nx) di -= nx;
    else if (2 * di < -nx) di += nx;
    if (2 * dj > ny) dj -= ny;
    else if (2 * dj < -ny) dj += ny;
    if (domain_distance(di, dj) <= guard_radius(d)) return static_cast<std::int32_t>(id);
  }
  throw std::logic_error("first passage: a guarded site lies in no guard region");
}

template <class Selector>
std::uint32_t KmcEngine<Selector>::offset_site(std::uint32_t centre, const int *counts, int walks) const {
  int i = 0, j = 0;
  model_.net.coordinates(centre, i, j);
  long di = 0, dj = 0;
  for (int k = 0; k < walks; ++k) {
    di += static_cast<long>(counts[k]) * fp_walk_di_[k];
    dj += static_cast<long>(counts[k]) * fp_walk_dj_[k];
  }
  return model_.net.site_at(i + di, j + dj);
}

template <class Selector>
void KmcEngine<Selector>::mark_guard(const ProtectedDomain &d, std::uint32_t id, bool on) {
  const int r = guard_radius(d);
  int ci = 0, cj = 0;
  model_.net.coordinates(d.centre, ci, cj);
  if (on) fp_tiles_.add_domain(ci, cj, reach_i(r), reach_j(r), id);
  else fp_tiles_.remove_domain(ci, cj, reach_i(r), reach_j(r), id);
  // The region in (a, b) = coordinates along (U, V): |a|, |b| <= r, and |a + b| <= r as well
  // with three lattice walks (domain_distance).
  auto a_range = [&](int b, int &a_lo, int &a_hi) {
    a_lo = fp_axes_ == 3 ? std::max(-r, -r - b) : -r;
    a_hi = fp_axes_ == 3 ? std::min(r, r - b) : r;
  };
  if (fp_u_dj_ == 0) {
    // U along i (square and triangular nets): each line b = const of the region is a run of
    // sites in one row; |U| = 1, so a = a_lo .. a_hi covers i = ci + b V_i + [a_lo, a_hi] U_i.
    const int ny = model_.net.ny();
    for (int b = -r; b <= r; ++b) {
      int a_lo = 0, a_hi = 0;
      a_range(b, a_lo, a_hi);
      int j = cj + b * fp_v_dj_;
      if (j < 0) j += ny;
      else if (j >= ny) j -= ny;
      const int i_first = ci + b * fp_v_di_ + (fp_u_di_ > 0 ? a_lo : -a_hi);
      fp_tiles_.set_guarded_run(i_first, a_hi - a_lo + 1, j, on);
    }
    return;
  }
  for (int b = -r; b <= r; ++b) {
    int a_lo = 0, a_hi = 0;
    a_range(b, a_lo, a_hi);
    for_segment(d.centre, a_lo, b, 1, 0, a_hi - a_lo + 1, [this, on](std::uint32_t, int i, int j) {
      fp_tiles_.set_guarded(i, j, on);
      return true;
    });
  }
}

template <class Selector>
bool KmcEngine<Selector>::lone_adatom(std::uint32_t site) const {
  if (state_.height[site] != 1) return false;
  std::uint32_t lateral[lattice::SurfaceNet::kMaxNeighbours];
  model_.net.lateral_sites(site, lateral);
  for (int k = 0; k < model_.net.lateral_count(); ++k)
    if (state_.height[lateral[k]] != 0) return false;
  return true;
}

// Visits the obstacles in the tiles that meet the region's bounding rectangle in (i, j),
// nearest tiles first, and keeps those inside the region (obstacle_tiles.hpp); the region never
// wraps onto itself, so each site inside it has one offset there. A site at distance d has
// |di| <= reach_i(d) and |dj| <= reach_j(d): tiles whose offsets rule out d <= the nearest
// distance so far are skipped.
template <class Selector>
int KmcEngine<Selector>::nearest_obstacle(std::uint32_t site, int radius, bool &lone_walker_there) const {
  int i0 = 0, j0 = 0;
  model_.net.coordinates(site, i0, j0);
  const int nx = model_.net.nx();
  int nearest = radius + 1;
  bool lone = false;
  auto too_far = [&](int min_di, int min_dj) {
    const int limit = std::min(nearest, radius);
    return min_di > reach_i(limit) || min_dj > reach_j(limit);
  };
  auto visit = [&](int di, int dj, int i, int j) {
    const int d = domain_distance(di, dj);
    if (d == 0 || d > radius || d > nearest) return;
    const auto s = static_cast<std::uint32_t>(i) + static_cast<std::uint32_t>(nx) * static_cast<std::uint32_t>(j);
    // (once a lone walker is known at this distance, another one changes nothing)
    const bool walker = (d < nearest || !lone) && !fp_tiles_.guarded(i, j) && lone_adatom(s);
    if (d < nearest) {
      nearest = d;
      lone = walker;
    } else {
      lone = lone || walker;
    }
  };
  if (!(fp_u_di_ == 1 && fp_u_dj_ == 0 && fp_v_di_ == 0 && fp_v_dj_ == 1)) {
    fp_tiles_.for_each_obstacle_near(i0, j0, reach_i(radius), reach_j(radius), state_.substrate[site], too_far, visit);
    lone_walker_there = lone;
    return nearest;
  }
  // (a, b) = (di, dj) (square and triangular nets): guarded sites and other substrate species
  // are never lone walkers, so only their nearest one per tile row matters
  // (ObstacleTiles::nearest_in_row). Occupied columns are visited one by one (they may be lone
  // walkers).
  const bool hexagonal = fp_axes_ == 3;
  auto visit_tile = [&](std::uint64_t occupied, std::uint64_t other, int di0, int dj0, int i_tile, int j_tile) {
    while (occupied != 0) {
      const int bit = __builtin_ctzll(occupied);
      occupied &= occupied - 1;
      visit(di0 + (bit & 7), dj0 + (bit >> 3), i_tile + (bit & 7), j_tile + (bit >> 3));
    }
    for (int r = 0; r < 8 && other != 0; ++r, other >>= 8) {
      const unsigned m = static_cast<unsigned>(other & 0xFF);
      if (m == 0) continue;
      const int dj = dj0 + r, adj = std::abs(dj);
      if (adj > std::min(nearest, radius)) continue;
      const int d = ObstacleTiles::nearest_in_row(m, di0, dj, hexagonal);
      if (d == 0 || d > radius || d >= nearest) continue;
      nearest = d;
      lone = false;
    }
  };
  fp_tiles_.for_each_obstacle_tile_near(i0, j0, reach_i(radius), reach_j(radius), state_.substrate[site], too_far,
                                        visit_tile);
  lone_walker_there = lone;
  return nearest;
}

// Places a protective domain around the adatom on `site` if it is alone on a flat homogeneous
// patch: the guard box is as large as the nearest other atom, other domain's guard box,
// other substrate species or the wrap limit allows.
template <class Selector>
void KmcEngine<Selector>::try_protect(std::uint32_t site) {
  if (!fp_on_ || state_.height[site] != 1 || guard_owner(site) >= 0) return;
  const int max_half_width = fp_options_.max_half_width;
  const int max_guard = std::min(fp_guard_limit_, guard_radius(max_half_width, fp_diagonal_ ? max_half_width : -1));
  // Bands of rings up to r_hi (r_hi doubling from the smallest domain's guard box): most
  // walkers have an obstacle close by, so the first bands are usually the last.
  int clean = 0;  // rings 1..clean are clean
  for (int r_hi = std::min(guard_radius(1), max_guard);;) {
    bool lone_walker = false;
    const int nearest = nearest_obstacle(site, r_hi, lone_walker);
    if (nearest <= r_hi) {
      // Another lone adatom is a walker too: leave it half the gap, so that both get domains
      // (a greedy box reaching up to it would leave it none, and its plain hops would keep
      // dissolving this one).
      clean = lone_walker ? (nearest - 1) / 2 : nearest - 1;
      break;
    }
    clean = r_hi;
    if (r_hi == max_guard) break;
    r_hi = std::min(2 * r_hi, max_guard);
  }
  // The largest domain extent whose guard region fits in the clean one.
  const int room = clean - fp_buffer_;
  if (room < 1) return;
  // The walker's events must be plain hops at one rate (no desorption, no exchange) and, with
  // self-exchange, the four diagonal moves at one rate; then they are the same everywhere on
  // the clean patch.
  double rate_per_s = 0.0, diagonal_rate_per_s = 0.0;
  {
    ColumnEvents events;
    collect_events(site, 1, events);
    int hops = 0, diagonals = 0;
    for (int e = 0; e < events.count; ++e) {
      const int kind = events.kind[e];
      if (kind >= 0) {
        if (hops > 0 && events.rate[e] != rate_per_s) return;
        rate_per_s = events.rate[e];
        ++hops;
      } else if (kind <= kSelfExchange && fp_diagonal_) {
        if (diagonals > 0 && events.rate[e] != diagonal_rate_per_s) return;
        diagonal_rate_per_s = events.rate[e];
        ++diagonals;
      } else {
        return;  // desorption or an alloying exchange
      }
    }
    if (hops != model_.net.hop_count() || (diagonals != 0 && diagonals != 4)) return;
  }
  ProtectedDomain d;
  d.atom = state_.top_atom[site];
  d.centre = site;
  if (diagonal_rate_per_s > 0.0) {
    // Half-widths L (hops) and L_d (diagonal moves) with L + 2 L_d <= room: the pair whose
    // shorter mean exit time, ~(L + 1)^2 / (2 rate), is longest (balanced walks last longest).
    int best_l = -1, best_ld = -1;
    double best = -1.0;
    for (int ld = 0; 2 * ld <= room; ++ld) {
      const int l = room - 2 * ld;
      const double t = std::min((l + 1.0) * (l + 1.0) / rate_per_s, (ld + 1.0) * (ld + 1.0) / diagonal_rate_per_s);
      if (t > best) {
        best = t;
        best_l = l;
        best_ld = ld;
      }
    }
    d.half_width = usable_half_width(std::min(best_l, fp_options_.max_half_width));
    d.diagonal_half_width = usable_half_width(std::min(best_ld, fp_options_.max_half_width));
    d.diagonal_rate_per_s = diagonal_rate_per_s;
  } else {
    const int fit = room / (fp_axes_ == 3 ? 2 : 1);
    if (fit < 1) return;
    d.half_width = usable_half_width(fit);
  }
  d.rate_per_s = rate_per_s;
  d.start_time_s = time_s_;
  // Exit: the lattice walks are independent and identical, so the earliest of their exit times
  // has survival S^k (k walks): one draw of it, ln S(tau) = ln(u) / k; the same for the two
  // diagonal walks, and the earlier of the two groups ends the domain. Which walk of the group
  // exits is uniform among them, its side a fair coin (the start is the centre), and the other
  // counts are drawn, in walk order, from their propagators conditioned on not having exited
  // by then (each walk's dimensionless time is its rate times the exit time).
  const int walks = walk_count(d);
  const FirstPassageInterval &lattice_walk = fp_tables_.get(d.half_width);
  const double tau = lattice_walk.exit_time_for_log_survival(std::log(uniform_open01(rng_)) / fp_axes_);
  double exit_s = tau / d.rate_per_s;
  bool diagonal_exits = false;
  double diagonal_tau = 0.0;
  if (walks > fp_axes_) {
    const FirstPassageInterval &diagonal_walk = fp_tables_.get(d.diagonal_half_width);
    diagonal_tau = diagonal_walk.exit_time_for_log_survival(std::log(uniform_open01(rng_)) / 2);
    if (diagonal_tau / d.diagonal_rate_per_s < exit_s) {
      exit_s = diagonal_tau / d.diagonal_rate_per_s;
      diagonal_exits = true;
    } else {
      diagonal_tau = exit_s * d.diagonal_rate_per_s;
    }
  }
  const double lattice_tau = diagonal_exits ? exit_s * d.rate_per_s : tau;
  const int axis = diagonal_exits ? fp_axes_ + static_cast<int>(uniform_below(rng_, 2))
                                  : static_cast<int>(uniform_below(rng_, static_cast<std::uint64_t>(fp_axes_)));
  const int side = uniform01(rng_) < 0.5 ? -1 : 1;
  std::int32_t *exit_offset[4] = {&d.exit_da, &d.exit_db, &d.exit_dc, &d.exit_dd};
  for (int k = 0; k < walks; ++k) {
    const bool diagonal = k >= fp_axes_;
    const int half_width = diagonal ? d.diagonal_half_width : d.half_width;
    *exit_offset[k] = k == axis ? side * (half_width + 1)
                                : fp_tables_.get(half_width).position_for(diagonal ? diagonal_tau : lattice_tau,
                                                                          uniform01(rng_));
  }
  d.exit_time_s = time_s_ + exit_s;
  std::uint32_t id;
  if (!free_domains_.empty()) {
    id = free_domains_.back();
    free_domains_.pop_back();
    domains_[id] = d;
  } else {
    id = static_cast<std::uint32_t>(domains_.size());
    domains_.push_back(d);
  }
  mark_guard(d, id, true);
  exit_queue_.insert({d.exit_time_s, id});
  update_column(site);  // the walker's column leaves the selector (rate 0 while protected)
  ++fp_counters_.domains;
}

// Ends domain `id` with its walker moved by counts[k] steps along each walk k from the
// centre, at time time_s_; returns the walker's column.
template <class Selector>
std::uint32_t KmcEngine<Selector>::release(std::uint32_t id, const int *counts) {
  ProtectedDomain &d = domains_[id];
  exit_queue_.erase({d.exit_time_s, id});
  mark_guard(d, id, false);
  const double held_s = time_s_ - d.start_time_s;
  fp_counters_.equivalent_hops += model_.net.hop_count() * d.rate_per_s * held_s;
  if (d.diagonal_half_width >= 0) fp_counters_.equivalent_hops += 4 * d.diagonal_rate_per_s * held_s;
  const int walks = walk_count(d);
  const std::uint32_t from = d.centre;
  const std::uint32_t to = offset_site(from, counts, walks);
  // The landing site lies in this domain's own guard region, just unmarked, and guard regions
  // do not overlap: move_top_atom finds no other walker to place there. (With three or four
  // walks the walker may land on its start: it moved and came back.)
  if (to != from) {
    lattice::Vec2 displacement_A{0.0, 0.0};
    for (int k = 0; k < walks; ++k) {
      displacement_A.x += counts[k] * fp_walk_A_[k].x;
      displacement_A.y += counts[k] * fp_walk_A_[k].y;
    }
    move_top_atom(from, to, displacement_A);
  }
  d.atom = -1;
  free_domains_.push_back(id);
  // The guard region is bare apart from the walker: only the two columns change rate, plus
  // (for an exit onto its edge) the columns near the landing site outside it.
  update_column(from);
  update_around(to);
  return to;
}

template <class Selector>
void KmcEngine<Selector>::execute_exit(std::uint32_t id) {
  const ProtectedDomain d = domains_[id];
  const int counts[4] = {d.exit_da, d.exit_db, d.exit_dc, d.exit_dd};
  const std::uint32_t to = release(id, counts);
  ++fp_counters_.exits;
  note_dimer(to);
  try_protect(to);
}

// Dissolves domain `id` at the current time: the walker's position is drawn from the
// propagators conditioned on survival to now (the pending exit is discarded: all the rest of
// the simulation has learned about it is that it lies later than now).
template <class Selector>
void KmcEngine<Selector>::resolve(std::uint32_t id) {
  const ProtectedDomain &d = domains_[id];
  const double tau = (time_s_ - d.start_time_s) * d.rate_per_s;
  const FirstPassageInterval &walk = fp_tables_.get(d.half_width);
  int counts[4] = {0, 0, 0, 0};
  for (int k = 0; k < fp_axes_; ++k) counts[k] = walk.position_for(tau, uniform01(rng_));
  if (d.diagonal_half_width >= 0) {
    const double diagonal_tau = (time_s_ - d.start_time_s) * d.diagonal_rate_per_s;
    const FirstPassageInterval &diagonal_walk = fp_tables_.get(d.diagonal_half_width);
    for (int k = fp_axes_; k < fp_axes_ + 2; ++k) counts[k] = diagonal_walk.position_for(diagonal_tau, uniform01(rng_));
  }
  release(id, counts);
  ++fp_counters_.interruptions;
}

template <class Selector>
void KmcEngine<Selector>::synchronise_walkers() {
  // In order of domain id, so the random stream is reproducible.
  for (std::uint32_t id = 0; id < domains_.size(); ++id)
    if (domains_[id].atom >= 0) resolve(id);
}

// Samples due before `horizon` while walkers are protected: the first one is taken at its time
// with every walker placed exactly; returns true if it did (the caller then draws a new waiting
// time from the sample time, which memorylessness makes exact).
template <class Selector>
bool KmcEngine<Selector>::sample_with_walkers(const RunLimits &limits, KmcObserver *observer, double horizon) {
  if (observer == nullptr || !(limits.sample_interval_s > 0.0) || exit_queue_.empty()) return false;
  const double t_sample = static_cast<double>(next_sample_index_) * limits.sample_interval_s;
  if (t_sample > horizon) return false;
  if (t_sample > time_s_) time_s_ = t_sample;
  synchronise_walkers();
  observer->sample(t_sample, state_, counters_);
  ++next_sample_index_;
  return true;
}

template <class Selector>
void KmcEngine<Selector>::write_first_passage(std::ostream &out) const {
  out.write(kFirstPassageMarker, sizeof kFirstPassageMarker);
  const std::int32_t header[2] = {fp_buffer_, fp_options_.max_half_width};
  out.write(reinterpret_cast<const char *>(header), sizeof header);
  out.write(reinterpret_cast<const char *>(&fp_counters_), sizeof fp_counters_);
  // The whole table with its free slots and free list: domain ids set the order in which
  // synchronise_walkers() draws random numbers, so they must survive a restart.
  const std::uint64_t count = domains_.size(), free_count = free_domains_.size();
  out.write(reinterpret_cast<const char *>(&count), sizeof count);
  out.write(reinterpret_cast<const char *>(domains_.data()), static_cast<std::streamsize>(count * sizeof(ProtectedDomain)));
  out.write(reinterpret_cast<const char *>(&free_count), sizeof free_count);
  out.write(reinterpret_cast<const char *>(free_domains_.data()),
            static_cast<std::streamsize>(free_count * sizeof(std::uint32_t)));
}

template <class Selector>
void KmcEngine<Selector>::read_first_passage(std::istream &in) {
  domains_.clear();
  free_domains_.clear();
  exit_queue_.clear();
  fp_counters_ = FirstPassageCounters{};
  if (fp_on_) rebuild_obstacle_tiles();  // from the state just read; the guard regions follow
  char marker[sizeof kFirstPassageMarker] = {};
  in.read(marker, sizeof marker);
  const bool full_marker = in.gcount() == static_cast<std::streamsize>(sizeof marker);
  const bool version1 = full_marker && std::memcmp(marker, kFirstPassageMarkerV1, sizeof marker) == 0;
  const bool present = version1 || (full_marker && std::memcmp(marker, kFirstPassageMarker, sizeof marker) == 0);
  if (!present) {
    if (in.gcount() != 0) throw std::runtime_error("checkpoint is corrupt (data after the selector state)");
    return;  // a plain checkpoint: no walker is protected
  }
  if (!fp_on_)
    throw std::runtime_error("checkpoint was written with first_passage = on (protected walkers); restart with the "
                             "same first_passage settings");
  std::int32_t header[2] = {};
  in.read(reinterpret_cast<char *>(header), sizeof header);
  in.read(reinterpret_cast<char *>(&fp_counters_), sizeof fp_counters_);
  std::uint64_t count = 0;
  in.read(reinterpret_cast<char *>(&count), sizeof count);
  if (!in) throw std::runtime_error("checkpoint is truncated");
  if (header[0] != fp_buffer_ || header[1] != fp_options_.max_half_width)
    throw std::runtime_error("checkpoint was written with other first_passage settings; restart with the same ones");
  if (count > model_.net.site_count()) throw std::runtime_error("checkpoint is corrupt (protected walkers)");
  domains_.resize(count);
  if (version1) {
    // The first 48 bytes of today's record are the old record; no domain had diagonal walks.
    for (auto &d : domains_) {
      in.read(reinterpret_cast<char *>(&d), static_cast<std::streamsize>(kDomainRecordBytesV1));
      d.diagonal_half_width = -1;
      d.exit_dd = 0;
      d.diagonal_rate_per_s = 0.0;
    }
  } else {
    in.read(reinterpret_cast<char *>(domains_.data()), static_cast<std::streamsize>(count * sizeof(ProtectedDomain)));
  }
  std::uint64_t free_count = 0;
  in.read(reinterpret_cast<char *>(&free_count), sizeof free_count);
  if (!in || free_count > count) throw std::runtime_error("checkpoint is truncated or corrupt (protected walkers)");
  free_domains_.resize(free_count);
  in.read(reinterpret_cast<char *>(free_domains_.data()), static_cast<std::streamsize>(free_count * sizeof(std::uint32_t)));
  if (!in) throw std::runtime_error("checkpoint is truncated");
  for (std::uint32_t id = 0; id < domains_.size(); ++id) {
    const ProtectedDomain &d = domains_[id];
    if (d.atom < 0) continue;
    const bool diagonal = d.diagonal_half_width >= 0;
    if (d.centre >= model_.net.site_count() || d.half_width < (diagonal ? 0 : 1) || d.half_width > 1024 ||
        d.diagonal_half_width > 1024 || (diagonal && (!fp_diagonal_ || !(d.diagonal_rate_per_s > 0.0))) ||
        guard_radius(d) > fp_guard_limit_ || static_cast<std::size_t>(d.atom) >= state_.atoms.size() ||
        state_.top_atom[d.centre] != d.atom || !(d.rate_per_s > 0.0))
      throw std::runtime_error("checkpoint is corrupt (protected walker)");
    mark_guard(d, id, true);
    exit_queue_.insert({d.exit_time_s, id});
  }
}

// Explicit instantiations of the members defined in this file.
#define ANODEKMC_FP_INSTANTIATE(S)                                                                       \
  template void KmcEngine<S>::enable_first_passage(const FirstPassageOptions &);                         \
  template void KmcEngine<S>::synchronise_walkers();                                                     \
  template std::uint32_t KmcEngine<S>::offset_site(std::uint32_t, const int *, int) const;               \
  template void KmcEngine<S>::mark_guard(const ProtectedDomain &, std::uint32_t, bool);                   \
  template std::int32_t KmcEngine<S>::guard_owner(std::uint32_t) const;                                   \
  template void KmcEngine<S>::rebuild_obstacle_tiles();                                                   \
  template int KmcEngine<S>::nearest_obstacle(std::uint32_t, int, bool &) const;                          \
  template void KmcEngine<S>::try_protect(std::uint32_t);                                                \
  template bool KmcEngine<S>::lone_adatom(std::uint32_t) const;                                          \
  template void KmcEngine<S>::execute_exit(std::uint32_t);                                               \
  template void KmcEngine<S>::resolve(std::uint32_t);                                                    \
  template std::uint32_t KmcEngine<S>::release(std::uint32_t, const int *);                                          \
  template bool KmcEngine<S>::sample_with_walkers(const RunLimits &, KmcObserver *, double);              \
  template void KmcEngine<S>::write_first_passage(std::ostream &) const;                                 \
  template void KmcEngine<S>::read_first_passage(std::istream &);
ANODEKMC_FP_INSTANTIATE(SumTreeSelector)
ANODEKMC_FP_INSTANTIATE(CompositionRejectionSelector)
#undef ANODEKMC_FP_INSTANTIATE

}  // namespace anodekmc::kmc
