#include "kmc/kmc_engine.hpp"

#include "kmc/composition_rejection_selector.hpp"
#include "kmc/sum_tree_selector.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace anodekmc::kmc {

const char *stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kTimeLimit: return "time limit";
    case StopReason::kEventLimit: return "event limit";
    case StopReason::kCoverageLimit: return "deposited coverage reached";
    case StopReason::kNoEvents: return "no event possible (total rate 0)";
    case StopReason::kInterrupted: return "interrupted";
  }
  return "?";
}

template <class Selector>
KmcEngine<Selector>::KmcEngine(const KmcModel &model, std::uint64_t seed) : model_(model), rng_(seed) {
  const auto &net = model_.net;
  const std::uint32_t n = net.site_count();
  if (model_.substrate.size() != n) throw std::invalid_argument("substrate map size differs from the net");
  if (!(model_.deposition_rate_per_site_per_s >= 0.0) || !std::isfinite(model_.deposition_rate_per_site_per_s))
    throw std::invalid_argument("deposition flux must be finite and >= 0");
  if (model_.max_height < 0) throw std::invalid_argument("max_height must be >= 0");
  state_.reset(n);
  state_.substrate.assign(model_.substrate.begin(), model_.substrate.end());
  selector_.reset(n);
  active_.assign((n + 63) / 64, 0);
  deposition_total_rate_ = model_.deposition_rate_per_site_per_s * n;

  // Columns whose rate depends on the height of column c0: c0 itself, its lateral neighbours,
  // its hop targets and their lateral neighbours. A height change at x therefore changes the
  // rates of the columns x - d for every such offset d. Offsets are measured on the net itself
  // (translation invariant), around a central site.
  const long i0 = net.nx() / 2, j0 = net.ny() / 2;
  const std::uint32_t c0 = net.site_at(i0, j0);
  std::set<std::uint32_t> depends;
  depends.insert(c0);
  for (int k = 0; k < net.lateral_count(); ++k) depends.insert(net.lateral(c0, k));
  for (int k = 0; k < net.hop_count(); ++k) {
    const std::uint32_t t = net.hop_target(c0, k);
    depends.insert(t);
    for (int m = 0; m < net.lateral_count(); ++m) depends.insert(net.lateral(t, m));
  }
  for (std::uint32_t x : depends) {
    const long di = static_cast<long>(x % net.nx()) - i0, dj = static_cast<long>(x / net.nx()) - j0;
    influence_offsets_.push_back({static_cast<int>(-di), static_cast<int>(-dj)});
  }
  // For a move from a to b = a + (di, dj), |di|, |dj| <= 1 (every hop and diagonal move): the
  // union of the two lists, a's offsets first, then b's shifted ones that are not among them.
  for (int di = -1; di <= 1; ++di)
    for (int dj = -1; dj <= 1; ++dj) {
      auto &list = pair_influence_offsets_[static_cast<std::size_t>((di + 1) * 3 + dj + 1)];
      list = influence_offsets_;
      for (const auto &d : influence_offsets_) {
        const std::array<int, 2> shifted{d[0] + di, d[1] + dj};
        if (std::find(list.begin(), list.end(), shifted) == list.end()) list.push_back(shifted);
      }
    }
  next_sample_index_ = 0;

  // Self-exchange: the diagonal moves of the square net (rate_table.hpp, ExchangeModel).
  const auto &self = model_.rates;
  for (int m = 0; m < static_cast<int>(model_.species.size()) && !self_exchange_on_; ++m)
    self_exchange_on_ = self.self_exchange_rate(m, 0) > 0.0;
  if (self_exchange_on_) {
    if (net.hop_count() != 4 || net.lateral_count() != 4)
      throw std::invalid_argument("self-exchange needs the square net (bcc100 or fcc100): its event is the diagonal move");
    for (int k = 0; k < net.hop_count(); ++k) {
      if (net.hop_di(k) == 1 && net.hop_dj(k) == 0) step_x_A_ = net.hop_displacement_A(k);
      if (net.hop_di(k) == 0 && net.hop_dj(k) == 1) step_y_A_ = net.hop_displacement_A(k);
    }
  }
}

template <class Selector>
int KmcEngine<Selector>::lateral_bonds(std::uint32_t site, std::int32_t level, std::uint32_t vacated,
                                       std::int32_t vacated_height) const {
  std::uint32_t neighbours[lattice::SurfaceNet::kMaxNeighbours];
  model_.net.lateral_sites(site, neighbours);
  int bonds = 0;
  for (int k = 0; k < model_.net.lateral_count(); ++k) {
    const std::uint32_t u = neighbours[k];
    const std::int32_t h = (u == vacated) ? vacated_height : state_.height[u];
    bonds += (h >= level);
  }
  return bonds;
}

template <class Selector>
void KmcEngine<Selector>::wrapped_lines(std::uint32_t site, int radius, std::uint32_t *col, std::uint32_t *row) const {
  const int nx = model_.net.nx(), ny = model_.net.ny();
  int i = 0, j = 0;
  model_.net.coordinates(site, i, j);
  for (int d = -radius; d <= radius; ++d) {
    int c = i + d, r = j + d;
    if (c < 0) c += nx;
    else if (c >= nx) c -= nx;
    if (r < 0) r += ny;
    else if (r >= ny) r -= ny;
    col[d + radius] = static_cast<std::uint32_t>(c);
    row[d + radius] = static_cast<std::uint32_t>(r) * static_cast<std::uint32_t>(nx);
  }
}

template <class Selector>
typename KmcEngine<Selector>::Window KmcEngine<Selector>::window(std::uint32_t site) const {
  Window w;
  wrapped_lines(site, 2, w.col, w.row);
  return w;
}

template <class Selector>
std::size_t KmcEngine<Selector>::hop_slot(const Window &w, std::int32_t h, int k, std::size_t column_part,
                                          bool &allowed) const {
  const auto &net = model_.net;
  const Height *height = state_.height.data();
  const int tdi = net.hop_di(k), tdj = net.hop_dj(k);
  const std::uint32_t to = w.at(tdi, tdj);
  const std::int32_t ht = height[to];
  allowed = false;
  if (model_.max_height > 0 && ht >= model_.max_height) return 0;
  const std::int32_t rise = ht + 1 - h;  // change of the atom's level
  if (rise > 1 || rise < -1) return 0;   // solid-on-solid: one layer at a time
  if (ht + 1 > kMaxHeight) return 0;     // the height type's limit
  allowed = true;
  const StepKind step = rise == 0 ? StepKind::kFlat : (rise < 0 ? StepKind::kDown : StepKind::kUp);
  // Bonds at the destination once the atom has left its column (offset (0, 0)).
  int n_final = 0;
  const int lateral_count = net.lateral_count();
  for (int m = 0; m < lateral_count; ++m) {
    const int di = tdi + net.lateral_di(m), dj = tdj + net.lateral_dj(m);
    const std::int32_t hu = (di == 0 && dj == 0) ? h - 1 : height[w.at(di, dj)];
    n_final += (hu >= ht + 1);
  }
  const int below_final = ht == 0 ? state_.substrate[to] : state_.species[static_cast<std::size_t>(state_.top_atom[to])];
  return column_part + model_.rates.index().hop_part(n_final, step, below_final);
}

template <class Selector>
void KmcEngine<Selector>::missing_environment(std::size_t slot) const {
  const HopEnvironment e = model_.rates.index().environment(slot);
  std::ostringstream msg;
  msg << "no barrier for hop environment n_initial=" << e.n_initial << " n_final=" << e.n_final
      << " step=" << step_name(e.step) << " moving=" << model_.species[e.moving] << " below_initial=" << model_.species[e.below_initial]
      << " below_final=" << model_.species[e.below_final]
      << ": the catalog has no such row and no bond-counting fallback is configured";
  throw std::runtime_error(msg.str());
}

// Runs for every column near every event: the engine's innermost loop. The events are gathered
// in local arrays and copied out at the end, because stores through `events` could alias the
// engine's own arrays and would make the compiler reload them after each one.
template <class Selector>
void KmcEngine<Selector>::collect_events(std::uint32_t site, std::int32_t h, ColumnEvents &events) const {
  const auto &net = model_.net;
  const RateTable &rates = model_.rates;
  const Height *height = state_.height.data();
  const Window w = window(site);
  double rate[kMaxColumnEvents];
  int kind[kMaxColumnEvents];
  std::size_t slot[kMaxColumnEvents];
  int count = 0;
  double total = 0.0;
  auto add = [&](double r, int event_kind, std::size_t event_slot) {
    if (!(r > 0.0)) return;
    rate[count] = r;
    kind[count] = event_kind;
    slot[count] = event_slot;
    total += r;
    ++count;
  };
  int n_initial = 0;
  const int lateral_count = net.lateral_count();
  for (int m = 0; m < lateral_count; ++m) n_initial += (height[w.at(net.lateral_di(m), net.lateral_dj(m))] >= h);
  const std::int32_t top = state_.top_atom[site];
  const int moving = state_.species[static_cast<std::size_t>(top)];
  // Species directly under the atom: the substrate's when it sits on the substrate, otherwise
  // the species of the atom below it (the deposited species, or a solute that came up).
  const int substrate_here = state_.substrate[site];
  const int below_initial =
      h == 1 ? substrate_here : state_.species[static_cast<std::size_t>(state_.atoms[static_cast<std::size_t>(top)].below)];
  const std::size_t column_part = rates.index().column_part(n_initial, moving, below_initial);
  const int hop_count = net.hop_count();
  for (int k = 0; k < hop_count; ++k) {
    bool allowed = false;
    const std::size_t hop = hop_slot(w, h, k, column_part, allowed);
    if (!allowed) continue;
    const double r = rates.hop_rate(hop);
    if (std::isnan(r)) missing_environment(hop);
    add(r, k, hop);
  }
  add(rates.desorption_rate(n_initial), kDesorb, 0);
  if (h == 1) add(rates.exchange_rate(moving, substrate_here), kExchange, 0);
  if (self_exchange_on_ && h == 1) {
    // Diagonal d: (dx, dy) = (+-1, +-1). The pushed atom is the substrate corner shared by the
    // two hollows, the substrate atom of column (i + max(dx, 0), j + max(dy, 0)) (column (i, j)
    // <-> top-layer atom (i, j) a, hollow (i + 1/2, j + 1/2) a). It must be of the adatom's
    // species (else the event is an alloying exchange), and the diagonal column empty.
    const double r = rates.self_exchange_rate(moving, n_initial);
    if (r > 0.0)
      for (int d = 0; d < 4; ++d) {
        const int dx = (d & 1) ? -1 : 1, dy = (d & 2) ? -1 : 1;
        if (height[w.at(dx, dy)] != 0) continue;
        if (state_.substrate[w.at(dx > 0 ? 1 : 0, dy > 0 ? 1 : 0)] != moving) continue;
        add(r, kSelfExchange - d, 0);
      }
  }
  events.w = w;
  events.count = count;
  events.total = total;
  for (int e = 0; e < count; ++e) {  // a handful: a loop beats a library copy call
    events.rate[e] = rate[e];
    events.kind[e] = kind[e];
    events.slot[e] = slot[e];
  }
}

template <class Selector>
double KmcEngine<Selector>::column_rate(std::uint32_t site) const {
  const std::int32_t h = state_.height[site];
  if (h == 0) return 0.0;
  if (fp_on_ && guarded(site)) return 0.0;  // a protected walker: its domain schedules it
  ColumnEvents events;
  collect_events(site, h, events);
  return events.total;
}

template <class Selector>
void KmcEngine<Selector>::update_around(std::uint32_t site) {
  const Window w = window(site);
  for (const auto &d : influence_offsets_) update_column(w.at(d[0], d[1]));
}

template <class Selector>
void KmcEngine<Selector>::update_around(std::uint32_t a, int di, int dj) {
  // The columns whose rates can depend on a or on b = a + (di, dj), each once: a's, then those
  // of b's that a's list lacks (the union was listed in the constructor, in this order).
  std::uint32_t col[7], row[7];
  wrapped_lines(a, 3, col, row);
  for (const auto &d : pair_influence_offsets_[static_cast<std::size_t>((di + 1) * 3 + dj + 1)])
    update_column(col[d[0] + 3] + row[d[1] + 3]);
}

// An event reads the heights of the columns up to three sites away (the two-site neighbourhood
// of its column and of the column it hops to), the top atom and substrate species nearby, and
// the selector's records of the occupied columns among them: on a large net each row of each
// of those arrays is a separate cache miss. Asking for all of them at once lets the memory
// system fetch them in parallel instead of one miss after the other. (The selector records are
// asked for only where the active bit, a small cache-resident array, says the column has a
// rate.)
template <class Selector>
void KmcEngine<Selector>::prefetch_neighbourhood(std::uint32_t site) const {
  const int nx = model_.net.nx(), ny = model_.net.ny();
  int i = 0, j = 0;
  model_.net.coordinates(site, i, j);
  const int i_lo = i >= 3 ? i - 3 : i - 3 + nx, i_hi = i + 3 < nx ? i + 3 : i + 3 - nx;
  const int i_lo2 = i >= 2 ? i - 2 : i - 2 + nx, i_hi2 = i + 2 < nx ? i + 2 : i + 2 - nx;
  const Height *h = state_.height.data();
  const std::int32_t *top = state_.top_atom.data();
  for (int dj = -3; dj <= 3; ++dj) {
    int row = j + dj;
    if (row < 0) row += ny;
    else if (row >= ny) row -= ny;
    const std::size_t start = static_cast<std::size_t>(row) * static_cast<std::size_t>(nx);
    __builtin_prefetch(h + start + i_lo);
    __builtin_prefetch(h + start + i_hi);
    if (dj >= -2 && dj <= 2) {
      __builtin_prefetch(top + start + i_lo2);
      __builtin_prefetch(top + start + i_hi2);
    }
    for (int di = -3; di <= 3; ++di) {
      int col = i + di;
      if (col < 0) col += nx;
      else if (col >= nx) col -= nx;
      const std::size_t c = start + static_cast<std::size_t>(col);
      if (active_[c >> 6] & (std::uint64_t(1) << (c & 63))) selector_.prefetch(c);
    }
  }
  __builtin_prefetch(state_.substrate.data() + site);
}

template <class Selector>
void KmcEngine<Selector>::rebuild_active_bits() {
  const std::uint32_t n = model_.net.site_count();
  active_.assign((n + 63) / 64, 0);
  for (std::uint32_t s = 0; s < n; ++s)
    if (selector_.rate(s) > 0.0) active_[s >> 6] |= std::uint64_t(1) << (s & 63);
}

template <class Selector>
void KmcEngine<Selector>::note_dimer(std::uint32_t site) {
  if (first_dimer_time_s_ >= 0.0) return;
  const std::int32_t h = state_.height[site];
  if (lateral_bonds(site, h, site, h) > 0) first_dimer_time_s_ = time_s_;
}

template <class Selector>
void KmcEngine<Selector>::place_random_adatoms(double coverage_ml) {
  const std::uint32_t n = model_.net.site_count();
  if (!(coverage_ml >= 0.0) || coverage_ml > 1.0)
    throw std::invalid_argument("initial coverage must be between 0 and 1 ML");
  const auto count = static_cast<std::uint32_t>(std::llround(coverage_ml * n));
  // Partial Fisher-Yates over the bare columns: distinct columns, uniform.
  std::vector<std::uint32_t> bare;
  for (std::uint32_t s = 0; s < n; ++s)
    if (state_.height[s] == 0) bare.push_back(s);
  if (count > bare.size()) throw std::invalid_argument("not enough bare columns for the initial coverage");
  for (std::uint32_t k = 0; k < count; ++k) {
    const auto pick = k + static_cast<std::uint32_t>(uniform_below(rng_, bare.size() - k));
    std::swap(bare[k], bare[pick]);
    state_.add_atom(bare[k], time_s_);
  }
  for (std::uint32_t s = 0; s < n; ++s) update_column(s);
  selector_.recompute_totals();
  if (fp_on_) rebuild_obstacle_tiles();
  for (std::uint32_t s = 0; s < n && first_dimer_time_s_ < 0.0; ++s)
    if (state_.height[s] > 0) note_dimer(s);  // adjacent initial adatoms form a dimer at t = 0
}

template <class Selector>
void KmcEngine<Selector>::deposit() {
  const std::uint32_t n = model_.net.site_count();
  const auto site = static_cast<std::uint32_t>(uniform_below(rng_, n));
  // Landing in a guard box changes a protected walker's surroundings: place it first.
  if (fp_on_) {
    const std::int32_t owner = guard_owner(site);
    if (owner >= 0) resolve(static_cast<std::uint32_t>(owner));
  }
  if (model_.max_height > 0 && state_.height[site] >= model_.max_height) {
    ++counters_.rejected_depositions;  // null event: the adsorption rate per free site stays F
    return;
  }
  state_.add_atom(site, time_s_);
  if (fp_on_) note_height_for_domains(site);
  ++counters_.depositions;
  update_around(site);
  note_dimer(site);
  try_protect(site);
}

// The top atom of `from` onto the top of `to` (a hop or a self-exchange), its unwrapped
// displacement advanced by `displacement_A`. A landing site inside a protected walker's guard box
// (never the domain itself, nor with a rate that depends on the walker) changes the walker's
// surroundings: the walker is placed first.
template <class Selector>
void KmcEngine<Selector>::move_top_atom(std::uint32_t from, std::uint32_t to, const lattice::Vec2 &displacement_A) {
  if (fp_on_) {
    const std::int32_t owner = guard_owner(to);
    if (owner >= 0) resolve(static_cast<std::uint32_t>(owner));
  }
  const std::int32_t atom = state_.top_atom[from];
  AtomRecord &moving = state_.atoms[atom];
  state_.top_atom[from] = moving.below;
  --state_.height[from];
  moving.below = state_.top_atom[to];
  state_.top_atom[to] = atom;
  ++state_.height[to];
  moving.site = to;
  moving.dx_A += displacement_A.x;
  moving.dy_A += displacement_A.y;
  if (fp_on_) {
    note_height_for_domains(from);
    note_height_for_domains(to);
  }
}

template <class Selector>
void KmcEngine<Selector>::execute_column_event(std::uint32_t site) {
  const auto &net = model_.net;
  ColumnEvents events;
  collect_events(site, state_.height[site], events);
  if (events.count == 0) throw std::logic_error("kMC: selected a column with no possible event");
  double target = uniform01(rng_) * events.total;
  int pick = events.count - 1;  // round-off guard: the last event if target runs past the sum
  for (int e = 0; e < events.count; ++e) {
    if (target < events.rate[e]) {
      pick = e;
      break;
    }
    target -= events.rate[e];
  }
  const int kind = events.kind[pick];
  const std::int32_t atom = state_.top_atom[site];
  if (kind == kExchange) {
    // The adatom takes the substrate atom's place; the substrate atom becomes the adatom.
    std::swap(state_.substrate[site], state_.species[static_cast<std::size_t>(atom)]);
    if (fp_on_) note_substrate_for_domains(site);
    // The record now describes the atom that came up: its own path starts here.
    state_.atoms[atom].dx_A = 0.0;
    state_.atoms[atom].dy_A = 0.0;
    state_.arrival_time_s[atom] = time_s_;
    ++counters_.exchanges;
    update_around(site);
    return;
  }
  if (kind <= kSelfExchange) {
    const int d = kSelfExchange - kind;
    const int dx = (d & 1) ? -1 : 1, dy = (d & 2) ? -1 : 1;
    const std::uint32_t to = events.w.at(dx, dy);
    move_top_atom(site, to, {dx * step_x_A_.x + dy * step_y_A_.x, dx * step_x_A_.y + dy * step_y_A_.y});
    ++counters_.exchanges;
    update_around(site, dx, dy);
    note_dimer(to);
    try_protect(to);
    return;
  }
  if (kind == kDesorb) {
    state_.top_atom[site] = state_.atoms[atom].below;
    --state_.height[site];
    if (fp_on_) note_height_for_domains(site);
    state_.alive[atom] = 0;
    ++counters_.desorptions;
    update_around(site);
    return;
  }
  const int k = kind;  // a hop direction
  const std::uint32_t to = events.w.at(net.hop_di(k), net.hop_dj(k));
  move_top_atom(site, to, net.hop_displacement_A(k));
  ++counters_.hops;
  if (model_.rates.source(events.slot[pick]) == RateSource::kCatalog) ++counters_.hops_from_catalog;
  else ++counters_.hops_from_bond_counting;
  update_around(site, net.hop_di(k), net.hop_dj(k));
  note_dimer(to);
  try_protect(to);
}

template <class Selector>
StopReason KmcEngine<Selector>::run(const RunLimits &limits, KmcObserver *observer, const std::atomic<bool> *stop) {
  const double n_sites = model_.net.site_count();
  const bool sampling = observer != nullptr && limits.sample_interval_s > 0.0;
  while (true) {
    if (stop && stop->load(std::memory_order_relaxed)) return StopReason::kInterrupted;
    if (limits.max_events > 0 && counters_.events >= limits.max_events) return StopReason::kEventLimit;
    if (limits.max_deposited_ml > 0.0 && counters_.depositions >= limits.max_deposited_ml * n_sites)
      return StopReason::kCoverageLimit;
    if (limits.max_time_s > 0.0 && time_s_ >= limits.max_time_s) return StopReason::kTimeLimit;
    const double total = selector_.total_rate() + deposition_total_rate_;
    if (!(total > 0.0) && !(limits.max_time_s > 0.0) && exit_queue_.empty()) return StopReason::kNoEvents;  // nothing can happen
    const double dt = total > 0.0 ? -std::log(uniform_open01(rng_)) / total : INFINITY;
    const double t_next = time_s_ + dt;
    if (!exit_queue_.empty()) {
      // Protected walkers: the earliest domain exit competes with the next BKL event.
      const auto [t_exit, id] = *exit_queue_.begin();
      const double t_first = std::min(t_next, t_exit);
      const double horizon = limits.max_time_s > 0.0 ? std::min(t_first, limits.max_time_s) : t_first;
      if (sample_with_walkers(limits, observer, horizon)) continue;  // new waiting time from the sample
      if (limits.max_time_s > 0.0 && t_first > limits.max_time_s) {
        time_s_ = limits.max_time_s;
        return StopReason::kTimeLimit;
      }
      if (t_exit <= t_next) {
        time_s_ = t_exit;
        ++counters_.events;
        execute_exit(id);
        continue;
      }
    }
    const double horizon = limits.max_time_s > 0.0 ? std::min(t_next, limits.max_time_s) : t_next;
    // Samples fall between events: the state is constant there, so the pre-event state is exact.
    // (sample times are k * interval, not a running sum, so no round-off accumulates)
    while (sampling && static_cast<double>(next_sample_index_) * limits.sample_interval_s <= horizon) {
      observer->sample(static_cast<double>(next_sample_index_) * limits.sample_interval_s, state_, counters_);
      ++next_sample_index_;
    }
    if (limits.max_time_s > 0.0 && t_next > limits.max_time_s) {
      time_s_ = limits.max_time_s;  // memoryless: cutting the waiting time here is exact
      return StopReason::kTimeLimit;
    }
    if (!(total > 0.0)) return StopReason::kNoEvents;
    time_s_ = t_next;
    ++counters_.events;
    if (uniform01(rng_) * total < deposition_total_rate_) {
      deposit();
    } else {
      const auto site = static_cast<std::uint32_t>(selector_.select(rng_));
      prefetch_neighbourhood(site);
      execute_column_event(site);
    }
  }
}

// ---- checkpoint ----

namespace {

constexpr char kMagic[16] = "ANODEKMC-CKPT-4";

template <class T>
void put(std::ostream &out, const T &v) {
  out.write(reinterpret_cast<const char *>(&v), sizeof(T));
}
template <class T>
void get(std::istream &in, T &v) {
  in.read(reinterpret_cast<char *>(&v), sizeof(T));
  if (!in) throw std::runtime_error("checkpoint is truncated");
}
template <class T, class A>
void put_vector(std::ostream &out, const std::vector<T, A> &v) {
  put<std::uint64_t>(out, v.size());
  out.write(reinterpret_cast<const char *>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <class T, class A>
void get_vector(std::istream &in, std::vector<T, A> &v, std::uint64_t max_size) {
  std::uint64_t n = 0;
  get(in, n);
  if (n > max_size) throw std::runtime_error("checkpoint is corrupt (vector size)");
  // Read in blocks so that a damaged size field fails at the end of the file instead of
  // allocating whatever it claims.
  v.clear();
  constexpr std::uint64_t kBlock = 1u << 20;
  for (std::uint64_t done = 0; done < n;) {
    const std::uint64_t count = std::min(kBlock, n - done);
    v.resize(done + count);
    in.read(reinterpret_cast<char *>(v.data() + done), static_cast<std::streamsize>(count * sizeof(T)));
    if (!in) throw std::runtime_error("checkpoint is truncated");
    done += count;
  }
}
void put_string(std::ostream &out, const std::string &s) {
  put<std::uint64_t>(out, s.size());
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
std::string get_string(std::istream &in) {
  std::uint64_t n = 0;
  get(in, n);
  if (n > (1u << 20)) throw std::runtime_error("checkpoint is corrupt (string size)");
  std::string s(n, '\0');
  in.read(s.data(), static_cast<std::streamsize>(n));
  if (!in) throw std::runtime_error("checkpoint is truncated");
  return s;
}

}  // namespace

// FNV-1a over the bytes of everything that sets the dynamics but is not part of the state.
template <class Selector>
std::uint64_t KmcEngine<Selector>::model_fingerprint() const {
  std::uint64_t hash = 1469598103934665603ull;
  auto mix = [&hash](const void *data, std::size_t bytes) {
    const auto *p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < bytes; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  };
  const auto &r = model_.rates;
  for (std::size_t slot = 0; slot < r.index().size(); ++slot) {
    const double rate = r.hop_rate(slot);
    mix(&rate, sizeof rate);
  }
  const int s = r.index().species_count();
  for (int n = 0; n <= r.index().max_neighbours(); ++n) {
    const double d = r.desorption_rate(n);
    mix(&d, sizeof d);
  }
  for (int a = 0; a < s; ++a)
    for (int b = 0; b < s; ++b) {
      const double e = r.exchange_rate(a, b);
      mix(&e, sizeof e);
    }
  mix(&model_.deposition_rate_per_site_per_s, sizeof(double));
  mix(&model_.max_height, sizeof(int));
  for (const auto &name : model_.species) mix(name.data(), name.size() + 1);
  return hash;
}

// A checkpoint that passed its format checks must still describe a consistent surface before
// the engine trusts it (a damaged file must give an error, not an out-of-range access).
template <class Selector>
void KmcEngine<Selector>::check_state_after_read() const {
  const auto natoms = static_cast<std::int64_t>(state_.atoms.size());
  const auto nspecies = static_cast<int>(model_.species.size());
  auto corrupt = [](const char *what) { throw std::runtime_error(std::string("checkpoint is corrupt (") + what + ")"); };
  if (state_.species.size() != state_.atoms.size() || state_.alive.size() != state_.atoms.size() ||
      state_.arrival_time_s.size() != state_.atoms.size())
    corrupt("per-atom arrays differ in length");
  std::int64_t stacked = 0;
  for (std::size_t c = 0; c < state_.height.size(); ++c) {
    if (state_.height[c] < 0) corrupt("negative height");
    if (state_.substrate[c] >= nspecies) corrupt("substrate species");
    if (state_.top_atom[c] < -1 || state_.top_atom[c] >= natoms) corrupt("top atom index");
    if ((state_.height[c] == 0) != (state_.top_atom[c] == -1)) corrupt("height and top atom disagree");
    stacked += state_.height[c];
  }
  std::int64_t alive = 0;
  for (std::int64_t a = 0; a < natoms; ++a) {
    if (state_.atoms[a].below < -1 || state_.atoms[a].below >= natoms) corrupt("atom below index");
    if (state_.species[a] >= nspecies) corrupt("atom species");
    alive += state_.alive[a] != 0;
  }
  if (alive != stacked) corrupt("atoms present and column heights disagree");
}

template <class Selector>
void KmcEngine<Selector>::check_rates_after_read() const {
  for (std::uint32_t c = 0; c < model_.net.site_count(); ++c)
    if (selector_.rate(c) != column_rate(c))
      throw std::runtime_error("checkpoint is corrupt (stored rates disagree with the state)");
}

template <class Selector>
void KmcEngine<Selector>::write_checkpoint(std::ostream &out) const {
  out.write(kMagic, sizeof kMagic);
  put_string(out, model_.net.facet());
  put<std::int32_t>(out, model_.net.nx());
  put<std::int32_t>(out, model_.net.ny());
  put<std::uint64_t>(out, model_.species.size());
  put_vector(out, state_.height);
  put_vector(out, state_.top_atom);
  put_vector(out, state_.substrate);
  put_vector(out, state_.atoms);
  put_vector(out, state_.species);
  put_vector(out, state_.arrival_time_s);
  put_vector(out, state_.alive);
  put(out, time_s_);
  put(out, next_sample_index_);
  put(out, model_fingerprint());
  put(out, first_dimer_time_s_);
  put(out, counters_);
  std::ostringstream rng_text;
  write_rng_state(rng_text, rng_);
  put_string(out, rng_text.str());
  selector_.write_state(out);
  if (fp_on_) write_first_passage(out);
  if (!out) throw std::runtime_error("writing the checkpoint failed");
}

template <class Selector>
void KmcEngine<Selector>::read_checkpoint(std::istream &in) {
  char magic[sizeof kMagic];
  in.read(magic, sizeof magic);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    throw std::runtime_error("not an anodekmc kMC checkpoint (or a different format version)");
  const std::string facet = get_string(in);
  std::int32_t nx = 0, ny = 0;
  std::uint64_t nspecies = 0;
  get(in, nx);
  get(in, ny);
  get(in, nspecies);
  if (facet != model_.net.facet() || nx != model_.net.nx() || ny != model_.net.ny() || nspecies != model_.species.size())
    throw std::runtime_error("checkpoint was written for facet " + facet + " " + std::to_string(nx) + " x " +
                             std::to_string(ny) + " with " + std::to_string(nspecies) +
                             " species; this run's config differs");
  const std::uint64_t n = model_.net.site_count();
  const std::uint64_t max_atoms = std::uint64_t(1) << 31;
  get_vector(in, state_.height, n);
  get_vector(in, state_.top_atom, n);
  get_vector(in, state_.substrate, n);
  get_vector(in, state_.atoms, max_atoms);
  get_vector(in, state_.species, max_atoms);
  get_vector(in, state_.arrival_time_s, max_atoms);
  get_vector(in, state_.alive, max_atoms);
  if (state_.height.size() != n || state_.top_atom.size() != n || state_.substrate.size() != n)
    throw std::runtime_error("checkpoint is corrupt (column arrays)");
  get(in, time_s_);
  get(in, next_sample_index_);
  std::uint64_t fingerprint = 0;
  get(in, fingerprint);
  if (fingerprint != model_fingerprint())
    throw std::runtime_error("checkpoint was written with different physics (rates, temperature, barriers, flux, "
                             "max_height, exchange or desorption settings); restart with the same configuration");
  get(in, first_dimer_time_s_);
  get(in, counters_);
  std::istringstream rng_text(get_string(in));
  read_rng_state(rng_text, rng_);
  if (!rng_text) throw std::runtime_error("checkpoint is corrupt (RNG state)");
  selector_.read_state(in);
  if (selector_.size() != n) throw std::runtime_error("checkpoint is corrupt (selector size)");
  check_state_after_read();  // the first-passage section builds on valid columns and atoms
  read_first_passage(in);
  check_rates_after_read();  // protected walkers have rate 0: after their domains are back
  rebuild_active_bits();
}

template class KmcEngine<SumTreeSelector>;
template class KmcEngine<CompositionRejectionSelector>;

}  // namespace anodekmc::kmc
