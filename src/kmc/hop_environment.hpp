// The local environment of an adatom hop: the key under which barriers are catalogued.
//
// A hop moves the top atom of column s (height h_s above the substrate) onto column t (height
// h_t), where it lands at height h_t + 1. Its environment is
//   n_initial  lateral neighbours of s whose columns reach at least h_s (bonds before the hop),
//   n_final    lateral neighbours of t whose columns reach at least h_t + 1 once the atom has
//              left s (bonds after the hop),
//   step       flat (h_t + 1 == h_s), down (descends a step: Ehrlich-Schwoebel), up (ascends),
//   moving     species of the hopping atom (the deposited species, or a solute that came up
//              through an exchange event),
//   below_initial / below_final  species directly under the atom before / after the hop: the
//              substrate species of that column when the atom sits on the substrate, otherwise
//              the deposited species (index 0).
// Documented with the catalog format in docs/kmc_catalog.md.
#pragma once

#include <cstdint>
#include <string>

namespace anodekmc::kmc {

enum class StepKind : std::uint8_t { kFlat = 0, kDown = 1, kUp = 2 };

const char *step_name(StepKind step);
/// Parses "flat", "down" or "up"; returns false for anything else.
bool parse_step(const std::string &text, StepKind &step);

struct HopEnvironment {
  int n_initial = 0;
  int n_final = 0;
  StepKind step = StepKind::kFlat;
  int moving = 0;         // species index of the hopping atom
  int below_initial = 0;  // species index
  int below_final = 0;    // species index
};

/// Dense index of environments for a net with `lateral_count` lateral neighbours and
/// `species_count` species: every environment maps to one slot of a rate table.
class EnvironmentIndex {
 public:
  EnvironmentIndex(int lateral_count, int species_count)
      : z1_(lateral_count + 1),
        species_(species_count),
        step_stride_(static_cast<std::size_t>(species_count) * species_count * species_count),
        n_final_stride_(3 * step_stride_),
        n_initial_stride_(static_cast<std::size_t>(z1_) * n_final_stride_) {}
  std::size_t size() const { return static_cast<std::size_t>(z1_) * z1_ * 3 * species_ * species_ * species_; }
  std::size_t operator()(int n_initial, int n_final, StepKind step, int moving, int below_initial,
                         int below_final) const {
    return ((((static_cast<std::size_t>(n_initial) * z1_ + n_final) * 3 + static_cast<int>(step)) * species_ +
             moving) * species_ + below_initial) * species_ + below_final;
  }
  /// The same index in two parts, for the engine's inner loop: the part fixed by the atom and
  /// its column (n_initial, moving, below_initial) and the part that depends on the hop;
  /// operator() == column_part(...) + hop_part(...).
  std::size_t column_part(int n_initial, int moving, int below_initial) const {
    return static_cast<std::size_t>(n_initial) * n_initial_stride_ +
           (static_cast<std::size_t>(moving) * species_ + below_initial) * species_;
  }
  std::size_t hop_part(int n_final, StepKind step, int below_final) const {
    return static_cast<std::size_t>(n_final) * n_final_stride_ + static_cast<std::size_t>(step) * step_stride_ +
           static_cast<std::size_t>(below_final);
  }
  std::size_t operator()(const HopEnvironment &e) const {
    return (*this)(e.n_initial, e.n_final, e.step, e.moving, e.below_initial, e.below_final);
  }
  HopEnvironment environment(std::size_t index) const;
  int max_neighbours() const { return z1_ - 1; }
  int species_count() const { return species_; }

 private:
  int z1_;
  int species_;
  std::size_t step_stride_, n_final_stride_, n_initial_stride_;
};

}  // namespace anodekmc::kmc
