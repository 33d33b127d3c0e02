// The surface kinetic Monte Carlo engine: rejection-free (BKL) dynamics of a solid-on-solid
// surface with deposition, hops of top atoms, adatom-substrate exchange and desorption. Model: SCIENCE.md section 4;
// user documentation: docs/cli_kmc.md.
//
// Every column is one selection channel whose rate is the sum of the rates of its top atom's
// events (hops in each direction, desorption). Deposition is one more channel with rate F * N;
// it picks its column uniformly in O(1) and is a null event if the column is full
// (max_height), which keeps the adsorption rate per free site exactly F. After an event only
// the columns whose rates can have changed are recomputed: those within two lateral/hop steps
// of a column whose height changed. Selector is SumTreeSelector (O(log N)) or
// CompositionRejectionSelector (O(1) expected); both give the same statistics.
#pragma once

#include "kmc/first_passage_tables.hpp"
#include "kmc/kmc_model.hpp"
#include "kmc/obstacle_tiles.hpp"
#include "kmc/random.hpp"
#include "kmc/surface_state.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace anodekmc::kmc {

struct EventCounters {
  std::uint64_t events = 0;          // executed events (null depositions included)
  std::uint64_t hops = 0;
  std::uint64_t depositions = 0;     // atoms deposited
  std::uint64_t rejected_depositions = 0;
  std::uint64_t desorptions = 0;
  std::uint64_t exchanges = 0;       // adatom-substrate exchanges: alloying and self-exchange (rate_table.hpp)
  std::uint64_t hops_from_catalog = 0;
  std::uint64_t hops_from_bond_counting = 0;
};

/// First-passage acceleration of isolated adatoms (docs/kmc_first_passage.md).
struct FirstPassageOptions {
  bool enabled = false;
  int max_half_width = 128;  // largest protective domain half-width L (domain (2L+1)^2 sites)
};

/// What the first-passage acceleration did. A protected walker makes on average z nu per unit
/// time hops that are never simulated one by one; equivalent_hops adds those expectations up.
struct FirstPassageCounters {
  std::uint64_t domains = 0;        // protective domains placed
  std::uint64_t exits = 0;          // walkers that left their domain (one event each)
  std::uint64_t interruptions = 0;  // domains dissolved early (deposition, a hop or a sample touched them)
  double equivalent_hops = 0.0;     // expected number of hops made inside domains
};

/// Receives the state at every sampling time t = k * interval (k = 0, 1, ...), between events.
class KmcObserver {
 public:
  virtual ~KmcObserver() = default;
  virtual void sample(double time_s, const SurfaceState &state, const EventCounters &counters) = 0;
};

struct RunLimits {
  double max_time_s = 0.0;              // 0: no limit
  std::uint64_t max_events = 0;         // total events of the whole simulation (restarts included); 0: no limit
  double max_deposited_ml = 0.0;        // stop once this many atoms per site were deposited; 0: no limit
  double sample_interval_s = 0.0;       // 0: no samples
};

enum class StopReason { kTimeLimit, kEventLimit, kCoverageLimit, kNoEvents, kInterrupted };
const char *stop_reason_name(StopReason r);

template <class Selector>
class KmcEngine {
 public:
  KmcEngine(const KmcModel &model, std::uint64_t seed);

  /// Places adatoms on distinct random bare columns at t = 0 (`coverage_ml` atoms per site).
  void place_random_adatoms(double coverage_ml);

  /// Switches the first-passage acceleration on (before run(); a checkpoint written with it
  /// must be read by an engine with the same options). Nets whose hop directions are not two
  /// independent pairs (the triangular net) keep plain hops; first_passage_active() says so.
  void enable_first_passage(const FirstPassageOptions &options);
  bool first_passage_active() const { return fp_on_; }
  const FirstPassageCounters &first_passage_counters() const { return fp_counters_; }
  /// Number of walkers currently inside a protective domain.
  std::size_t protected_walkers() const { return exit_queue_.size(); }
  /// Places every protected walker at its exact position at the current time (drawn from the
  /// first-passage propagator conditioned on survival) and returns it to plain hopping. Call
  /// before analysing the state; run() leaves walkers protected when it stops on a limit
  /// (so that a checkpoint continues exactly). Changes the random stream.
  void synchronise_walkers();

  /// Runs until a limit is reached or `stop` becomes true (checked every event; a signal
  /// handler may set it). Samples go to `observer` (may be null).
  StopReason run(const RunLimits &limits, KmcObserver *observer, const std::atomic<bool> *stop = nullptr);

  double time_s() const { return time_s_; }
  const SurfaceState &state() const { return state_; }
  const EventCounters &counters() const { return counters_; }
  const KmcModel &model() const { return model_; }
  double total_rate_per_s() const { return selector_.total_rate() + deposition_total_rate_; }
  /// Time of the first event that gave an atom a lateral neighbour at its own level (the first
  /// dimer: nucleation for critical size 1); negative until it happened.
  double first_dimer_time_s() const { return first_dimer_time_s_; }

  /// Exact checkpoint: state, time, counters, sampling clock, RNG state, the selector's
  /// internal state and a fingerprint of the model (rates, flux, site exclusion, species), so a
  /// restarted run continues bit for bit and a checkpoint of different physics is refused.
  void write_checkpoint(std::ostream &out) const;
  void read_checkpoint(std::istream &in);

  /// Rate of column `site` recomputed from scratch (tests compare it with the selector).
  double column_rate(std::uint32_t site) const;
  /// The selector, read-only (tests check its rates against column_rate()).
  const Selector &selector() const { return selector_; }

 private:
  // Most columns near an event keep their rate (most are bare, rate 0): skip the selector
  // then. A bit per column says whether its rate is non-zero, so bare columns that stay bare
  // cost no look-up in the selector's (large, cache-unfriendly) arrays. (A full 8-byte copy of
  // every rate was measured no faster.)
  void update_column(std::uint32_t site) {
    const double rate = column_rate(site);
    std::uint64_t &word = active_[site >> 6];
    const std::uint64_t bit = std::uint64_t(1) << (site & 63);
    if (!(word & bit)) {
      if (rate == 0.0) return;
    } else if (rate == selector_.rate(site)) {
      return;
    }
    selector_.set_rate(site, rate);
    if (rate > 0.0) word |= bit;
    else word &= ~bit;
  }
  void rebuild_active_bits();
  void prefetch_neighbourhood(std::uint32_t site) const;
  std::uint64_t model_fingerprint() const;
  void check_state_after_read() const;   // columns and atoms of a checkpoint just read
  void check_rates_after_read() const;   // the selector's rates against the state
  void update_around(std::uint32_t site);
  // After a move from column a to a + (di, dj), |di|, |dj| <= 1.
  void update_around(std::uint32_t a, int di, int dj);
  void execute_column_event(std::uint32_t site);
  void deposit();
  int lateral_bonds(std::uint32_t site, std::int32_t level, std::uint32_t vacated, std::int32_t vacated_height) const;
  // The columns within two sites of a centre, as wrapped column and row-start indices, so that
  // every site an event reads is one addition away (no division, no per-site table).
  struct Window {
    std::uint32_t col[5];
    std::uint32_t row[5];
    std::uint32_t at(int di, int dj) const { return col[di + 2] + row[dj + 2]; }
  };
  Window window(std::uint32_t site) const;
  // Wrapped column indices col[d + radius] and row starts row[d + radius] of the lines within
  // `radius` of a site, d = -radius .. radius (window() and the update sets use them).
  void wrapped_lines(std::uint32_t site, int radius, std::uint32_t *col, std::uint32_t *row) const;
  // The possible events of a column's top atom with their rates (> 0), in a fixed order: hops
  // by direction, then desorption, then exchange. column_rate() is their total; an event
  // picks among them. One function for both keeps the selector's rate and the choice in step.
  // `kind` values besides hop directions; self-exchange along diagonal d (0..3) is
  // kSelfExchange - d.
  static constexpr int kDesorb = -1, kExchange = -2, kSelfExchange = -3;
  static constexpr int kMaxColumnEvents = lattice::SurfaceNet::kMaxNeighbours + 6;
  struct ColumnEvents {
    Window w;
    double rate[kMaxColumnEvents];
    int kind[kMaxColumnEvents];
    std::size_t slot[kMaxColumnEvents];
    int count = 0;
    double total = 0.0;
  };
  void collect_events(std::uint32_t site, std::int32_t h, ColumnEvents &events) const;
  // Rate slot of the hop of the top atom of the window's centre along direction k, given the
  // part of the slot fixed by the atom and its column (EnvironmentIndex::column_part);
  // `allowed` says whether that hop is possible at all.
  std::size_t hop_slot(const Window &w, std::int32_t h, int k, std::size_t column_part, bool &allowed) const;
  void note_dimer(std::uint32_t site);
  void missing_environment(std::size_t slot) const;

  // ---- first-passage acceleration (kmc_engine_first_passage.cpp) ----
  // A protected walker: the adatom on column `centre`, free on a flat, homogeneous patch. Its
  // domain is where its walks' counts |n| <= half_width take it: the box |a|, |b| <= half_width
  // in the net's hop coordinates (a along hop direction U, b along V), or on a triangular net
  // the hexagon of radius 2 half_width (domain_distance); the guard region, guard_radius()
  // steps of domain_distance, is marked in fp_tiles_ and holds no other atom. Exit time and
  // exit offset are drawn when it is placed.
  struct ProtectedDomain {
    std::int32_t atom = -1;  // -1: free slot
    std::uint32_t centre = 0;
    std::int32_t half_width = 0;
    std::int32_t exit_da = 0, exit_db = 0;
    std::int32_t exit_dc = 0;  // third walk (W on triangular nets, U + V with self-exchange), else 0
    double rate_per_s = 0.0;  // hop rate per direction
    double start_time_s = 0.0, exit_time_s = 0.0;
    // Self-exchange on the square net: two more walks, along U + V and U - V (the diagonal
    // moves), at their own rate and half-width; -1 when the domain has none.
    std::int32_t diagonal_half_width = -1;
    std::int32_t exit_dd = 0;            // count along U - V
    double diagonal_rate_per_s = 0.0;    // self-exchange rate per diagonal direction
  };
  static_assert(sizeof(ProtectedDomain) == 64, "ProtectedDomain must have no padding: checkpoints write it raw");
  // Walks of a domain: fp_axes_ lattice walks at the hop rate, plus two diagonal walks with
  // self-exchange; counts[k] along fp_walk_di_/dj_[k] (U, V, then W or U + V, then U - V).
  int walk_count(const ProtectedDomain &d) const { return fp_axes_ + (d.diagonal_half_width >= 0 ? 2 : 0); }
  // Radius (domain_distance) of a domain's guard region: the positions its counts reach, L per
  // lattice walk (2L on a triangular net) plus 2 L_d for the diagonal walks (L_d = -1: none),
  // and fp_buffer_ steps more, which hold every site whose height a walker's rate reads.
  int guard_radius(int half_width, int diagonal_half_width = -1) const {
    return (fp_axes_ == 3 ? 2 : 1) * half_width + (diagonal_half_width > 0 ? 2 * diagonal_half_width : 0) + fp_buffer_;
  }
  int guard_radius(const ProtectedDomain &d) const { return guard_radius(d.half_width, d.diagonal_half_width); }
  // centre + sum over the walks of counts[k] times their step (fp_walk_di_/dj_).
  std::uint32_t offset_site(std::uint32_t centre, const int *counts, int walks) const;
  // Distance of offset (di, dj) in the walks' metric: with (a, b) its coordinates along (U, V),
  // max(|a|, |b|) for two walks (a domain of half-width L is the box of radius L) and
  // max(|a|, |b|, |a + b|) for three (the hexagon of radius 2 L: a U + b V + c W with |a|, |b|,
  // |c| <= L fills it).
  int domain_distance(int di, int dj) const {
    const int a = (di * fp_v_dj_ - dj * fp_v_di_) * fp_det_, b = (fp_u_di_ * dj - fp_u_dj_ * di) * fp_det_;
    const int ab = std::max(std::abs(a), std::abs(b));
    return fp_axes_ == 3 ? std::max(ab, std::abs(a + b)) : ab;
  }
  // Largest |di| (|dj|) of a site within distance r.
  int reach_i(int r) const {
    return r * (fp_axes_ == 3 ? std::max({std::abs(fp_u_di_), std::abs(fp_v_di_), std::abs(fp_u_di_ - fp_v_di_)})
                              : std::abs(fp_u_di_) + std::abs(fp_v_di_));
  }
  int reach_j(int r) const {
    return r * (fp_axes_ == 3 ? std::max({std::abs(fp_u_dj_), std::abs(fp_v_dj_), std::abs(fp_u_dj_ - fp_v_dj_)})
                              : std::abs(fp_u_dj_) + std::abs(fp_v_dj_));
  }
  // Visits the `count` sites centre + (da0 + k sa) U + (db0 + k sb) V, k = 0, 1, ..., stepping
  // the lattice coordinates with a wrap test instead of a division per site; visit(site, i, j)
  // gets the site and its lattice coordinates; stops early (and returns false) when `visit`
  // returns false.
  template <class Visit>
  bool for_segment(std::uint32_t centre, int da0, int db0, int sa, int sb, int count, Visit visit) const {
    const int nx = model_.net.nx(), ny = model_.net.ny();
    int i = 0, j = 0;
    model_.net.coordinates(centre, i, j);
    // Offsets stay within one period (guard boxes never wrap onto themselves): one test each.
    i += da0 * fp_u_di_ + db0 * fp_v_di_;
    if (i >= nx) i -= nx;
    else if (i < 0) i += nx;
    j += da0 * fp_u_dj_ + db0 * fp_v_dj_;
    if (j >= ny) j -= ny;
    else if (j < 0) j += ny;
    const int di = sa * fp_u_di_ + sb * fp_v_di_, dj = sa * fp_u_dj_ + sb * fp_v_dj_;
    for (int k = 0; k < count; ++k) {
      if (!visit(static_cast<std::uint32_t>(i) + static_cast<std::uint32_t>(nx) * static_cast<std::uint32_t>(j), i, j))
        return false;
      i += di;
      if (i >= nx) i -= nx;
      else if (i < 0) i += nx;
      j += dj;
      if (j >= ny) j -= ny;
      else if (j < 0) j += ny;
    }
    return true;
  }
  // Marks (on) or clears domain `id`'s guard region in fp_tiles_.
  void mark_guard(const ProtectedDomain &d, std::uint32_t id, bool on);
  // The domain whose guard region holds `site`, -1 if none.
  std::int32_t guard_owner(std::uint32_t site) const;
  // Keeps fp_tiles_ in step with the state: the occupied bit of one column, or everything.
  void note_height_for_domains(std::uint32_t site) {
    int i = 0, j = 0;
    model_.net.coordinates(site, i, j);
    fp_tiles_.set_occupied(i, j, state_.height[site] != 0);
  }
  // The same for the substrate species of one column (an exchange changed it).
  void note_substrate_for_domains(std::uint32_t site) {
    int i = 0, j = 0;
    model_.net.coordinates(site, i, j);
    fp_tiles_.set_substrate(i, j, state_.substrate[site]);
  }
  void rebuild_obstacle_tiles();
  bool guarded(std::uint32_t site) const {
    int i = 0, j = 0;
    model_.net.coordinates(site, i, j);
    return fp_tiles_.guarded(i, j);
  }
  // Distance (domain_distance) of the nearest obstacle to a walker on `site`, up to `radius`
  // (radius + 1 if none), and whether a lone adatom that no domain protects is among the
  // obstacles at that distance.
  int nearest_obstacle(std::uint32_t site, int radius, bool &lone_walker_there) const;
  void try_protect(std::uint32_t site);
  bool lone_adatom(std::uint32_t site) const;  // height 1 and no lateral neighbour
  void move_top_atom(std::uint32_t from, std::uint32_t to, const lattice::Vec2 &displacement_A);
  void execute_exit(std::uint32_t id);
  void resolve(std::uint32_t id);
  // Ends domain `id` with its walker moved by counts[k] along each walk; returns where it lands.
  std::uint32_t release(std::uint32_t id, const int *counts);
  bool sample_with_walkers(const RunLimits &limits, KmcObserver *observer, double horizon);
  void write_first_passage(std::ostream &out) const;
  void read_first_passage(std::istream &in);

  KmcModel model_;
  SurfaceState state_;
  Selector selector_;
  Rng rng_;
  double time_s_ = 0.0;
  std::uint64_t next_sample_index_ = 0;  // next sample at next_sample_index_ * interval
  double deposition_total_rate_ = 0.0;
  double first_dimer_time_s_ = -1.0;
  EventCounters counters_;
  std::vector<std::array<int, 2>> influence_offsets_;  // (di, dj) of columns to update around a change
  // The same for a move between two columns, per displacement (di + 1) * 3 + (dj + 1).
  std::array<std::vector<std::array<int, 2>>, 9> pair_influence_offsets_;
  SiteVector<std::uint64_t> active_;                   // bit per column: rate > 0 in the selector
  // first passage
  FirstPassageOptions fp_options_;
  bool fp_on_ = false;
  // Self-exchange (square net): on, and the displacement (Å) of the +x and +y hops.
  bool self_exchange_on_ = false;
  lattice::Vec2 step_x_A_{}, step_y_A_{};
  int fp_buffer_ = 2;           // guard ring width (1 when no rate depends on n_final)
  int fp_guard_limit_ = 0;      // largest guard radius that does not wrap onto itself
  int fp_u_di_ = 1, fp_u_dj_ = 0, fp_v_di_ = 0, fp_v_dj_ = 1;  // hop directions U, V in (i, j)
  int fp_det_ = 1;                                             // det [U V] (+-1)
  int fp_axes_ = 2;                                            // lattice walks: 2, or 3 (W = U - V)
  bool fp_diagonal_ = false;                                   // self-exchange: walks along U + V, U - V
  int fp_walk_di_[4] = {}, fp_walk_dj_[4] = {};                // steps of the walks (see walk_count)
  lattice::Vec2 fp_walk_A_[4];                                 // their Cartesian displacements
  FirstPassageTables fp_tables_;
  FirstPassageCounters fp_counters_;
  ObstacleTiles fp_tiles_;                       // occupied / guarded / substrate bitmaps (obstacle_tiles.hpp)
  std::vector<ProtectedDomain> domains_;
  std::vector<std::uint32_t> free_domains_;
  std::set<std::pair<double, std::uint32_t>> exit_queue_;  // (exit time, domain): earliest first
};

}  // namespace anodekmc::kmc
