#include "kmc/hop_environment.hpp"

namespace anodekmc::kmc {

const char *step_name(StepKind step) {
  switch (step) {
    case StepKind::kFlat: return "flat";
    case StepKind::kDown: return "down";
    case StepKind::kUp: return "up";
  }
  return "?";
}

bool parse_step(const std::string &text, StepKind &step) {
  if (text == "flat") step = StepKind::kFlat;
  else if (text == "down") step = StepKind::kDown;
  else if (text == "up") step = StepKind::kUp;
  else return false;
  return true;
}

HopEnvironment EnvironmentIndex::environment(std::size_t index) const {
  HopEnvironment e;
  e.below_final = static_cast<int>(index % species_);
  index /= species_;
  e.below_initial = static_cast<int>(index % species_);
  index /= species_;
  e.moving = static_cast<int>(index % species_);
  index /= species_;
  e.step = static_cast<StepKind>(index % 3);
  index /= 3;
  e.n_final = static_cast<int>(index % z1_);
  e.n_initial = static_cast<int>(index / z1_);
  return e;
}

}  // namespace anodekmc::kmc
