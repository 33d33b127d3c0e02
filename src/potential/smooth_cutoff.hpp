// The smooth switch that takes every function of the potential to zero between r_start and
// r_end: S = 1 - x³(10 - 15x + 6x²), x = (r - r_start)/(r_end - r_start). S, S' and S'' are
// continuous at both ends, so energy, forces and their first derivatives are continuous.
#pragma once

namespace anodekmc::potential {

struct SmoothCutoff {
  double r_start_A = 0;
  double r_end_A = 0;

  /// Multiplies (value, derivative) in place by S(r).
  inline void apply(double r_A, double &value, double &derivative) const {
    if (r_A <= r_start_A) return;
    if (r_A >= r_end_A) {
      value = 0;
      derivative = 0;
      return;
    }
    const double width = r_end_A - r_start_A;
    const double x = (r_A - r_start_A) / width;
    const double x2 = x * x;
    const double s = 1.0 - x2 * x * (10.0 - 15.0 * x + 6.0 * x2);
    const double ds = -30.0 * x2 * (1.0 - x) * (1.0 - x) / width;
    derivative = derivative * s + value * ds;
    value *= s;
  }
};

}  // namespace anodekmc::potential
