// The first-passage intervals of every half-width a run uses, built on first use and kept:
// each is O(L^2) doubles, and the same few sizes recur millions of times.
#pragma once

#include "kmc/first_passage_interval.hpp"

#include <memory>
#include <vector>

namespace anodekmc::kmc {

class FirstPassageTables {
 public:
  const FirstPassageInterval &get(int half_width) {
    if (static_cast<std::size_t>(half_width) >= by_width_.size()) by_width_.resize(half_width + 1);
    auto &slot = by_width_[half_width];
    if (!slot) slot = std::make_unique<FirstPassageInterval>(half_width);
    return *slot;
  }

 private:
  std::vector<std::unique_ptr<FirstPassageInterval>> by_width_;
};

}  // namespace anodekmc::kmc
