// Mean and standard error of the mean over independent seeds: the error bars of every table
// entry (SCIENCE.md: statistical errors come from independent seeds, not from a guess).
#pragma once

#include <cmath>
#include <vector>

namespace anodekmc::table {

struct MeanStderr {
  double mean = 0.0;
  double stderr_of_mean = 0.0;  // sample standard deviation / sqrt(n); 0 for n < 2
};

inline MeanStderr mean_and_stderr(const std::vector<double> &values) {
  MeanStderr out;
  if (values.empty()) return out;
  double sum = 0.0;
  for (double v : values) sum += v;
  out.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return out;
  double squares = 0.0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  const double n = static_cast<double>(values.size());
  out.stderr_of_mean = std::sqrt(squares / (n - 1.0) / n);
  return out;
}

}  // namespace anodekmc::table
