// Reading numbers from text fields strictly: the whole field must be the number (no trailing
// characters, no empty field), so "0.1eV" or "3 5" are errors, not 0.1 or 3. Used by every
// reader of user input (configs, catalogs) so that they accept and reject the same things.
#pragma once

#include <string>

namespace anodekmc {

/// True and `value` set if `text` is exactly one floating-point number (nan/inf included:
/// callers decide whether those are allowed).
inline bool parse_double_exact(const std::string &text, double &value) {
  std::size_t used = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception &) {
    return false;
  }
  return used != 0 && used == text.size();
}

/// True and `value` set if `text` is exactly one integer that fits a long long.
inline bool parse_integer_exact(const std::string &text, long long &value) {
  std::size_t used = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception &) {
    return false;
  }
  return used != 0 && used == text.size();
}

}  // namespace anodekmc
