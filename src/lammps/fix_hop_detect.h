// fix hop/detect: assigns adatoms to the sites of a 2D adsorption net (in the x-y plane, surface
// normal z), detects hops between sites with hysteresis, counts them by direction, and gives the
// hop rate, residence time and the hop diffusivity. User documentation: docs/fix_hop_detect.md.
//
// Per-atom state (current site, arrival time) lives in a per-atom array that migrates with the
// atoms between MPI ranks and is written to restart files; counters are global (identical on
// every rank after each check).
#pragma once

#include "fix.h"

#include "lattice/adsorption_net.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace anodekmc {

class FixHopDetect : public LAMMPS_NS::Fix {
 public:
  FixHopDetect(LAMMPS_NS::LAMMPS *instance, int narg, char **arg);
  ~FixHopDetect() override;

  int setmask() override;
  void init() override;
  void setup(int vflag) override;
  void end_of_step() override;
  void post_run() override;
  double compute_vector(int index) override;

  void write_restart(FILE *fp) override;
  void restart(char *buf) override;

  void grow_arrays(int nmax) override;
  void copy_arrays(int i, int j, int delflag) override;
  void set_arrays(int i) override;
  int pack_exchange(int i, double *buf) override;
  int unpack_exchange(int nlocal, double *buf) override;
  int pack_restart(int i, double *buf) override;
  void unpack_restart(int nlocal, int nth) override;
  int size_restart(int nlocal) override;
  int maxsize_restart() override;
  double memory_usage() override;

  // Layout of the global vector (1-based in LAMMPS syntax: f_ID[1] is kTotalHops).
  enum VectorEntry {
    kTotalHops = 0,
    kFirstDirection = 1,  // 6 entries, one per hop direction (unused ones stay 0)
    kLongJumps = kFirstDirection + lattice::AdsorptionNet::kMaxDirections,
    kHopRate,             // hops per atom per ps
    kMeanResidence,       // ps, over completed residences
    kDiffusivity,         // Angstrom^2 / ps, sum of squared jumps / (4 atom-time)
    kElapsed,             // ps
    kAtoms,               // atoms in the group at the last check
    kVectorSize
  };

 private:
  // Columns of the per-atom array (also what f_ID[1..4] gives per atom).
  enum StateColumn { kSiteI = 0, kSiteJ, kArrival, kAssigned, kStateColumns };

  // Settings.
  lattice::AdsorptionNet net_;
  std::string net_style_;
  double capture_radius_ = 0.0;  // distance units
  std::string log_path_;
  std::FILE *log_ = nullptr;  // rank 0 only

  // Per-atom state: state_[i][StateColumn].
  double **state_ = nullptr;

  // Clock (ps) and global counters (equal on all ranks).
  double ps_per_time_unit_ = 1.0;
  double angstrom_per_length_unit_ = 1.0;
  bool clock_started_ = false;
  LAMMPS_NS::bigint last_step_ = 0;
  double elapsed_ps_ = 0.0;
  double atom_ps_ = 0.0;  // integral of the group's atom count over time
  double atoms_ = 0.0;
  std::array<double, lattice::AdsorptionNet::kMaxDirections> direction_hops_{};
  double long_jumps_ = 0.0;
  double jump2_sum_ = 0.0;      // distance units squared
  double residence_sum_ps_ = 0.0;

  // Hops found on this rank since the last reduction, and their log records.
  struct LocalCounts {
    std::array<double, lattice::AdsorptionNet::kMaxDirections> direction{};
    double long_jumps = 0.0, jump2 = 0.0, residence_ps = 0.0;
  } pending_;
  std::vector<long long> pending_log_;  // 6 per hop: step, tag, from_i, from_j, to_i, to_j

  void parse_arguments(int narg, char **arg);
  void open_log();
  void advance_clock();
  void check_atoms();
  void reduce_counts();
  void write_log_records();
  double total_hops() const;
};

}  // namespace anodekmc
