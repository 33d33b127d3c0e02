// Numbers in table files: 17 significant digits, so that every double read back is the double
// written (the round-trip tests rely on it).
#pragma once

#include <cstdio>
#include <string>

namespace anodekmc::table {

inline std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

}  // namespace anodekmc::table
