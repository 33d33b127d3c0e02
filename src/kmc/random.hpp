// The random number generator of the kMC engine and the few ways it is turned into numbers.
//
// pcg64 (O'Neill's PCG, 128-bit state, 64-bit output) is used because it is fast (a few
// nanoseconds per draw), passes the standard statistical batteries, and its whole state can be
// written and read back exactly, which bit-for-bit restarts need.
//
// Saving and restoring the state: pcg_random.hpp defines operator<< / operator>> for its
// engines, but for pcg64 they do not compile with GCC (pcg-cpp issue #19: the operators for the
// 128-bit integers live in namespace pcg_extras, where neither ordinary nor argument-dependent
// lookup finds them, since pcg128_t is a typedef of the built-in __uint128_t). Use instead
//
//   write_rng_state(out, rng);   // "multiplier increment state": three decimal 128-bit integers
//   read_rng_state(in, rng);     // the next draws are identical to those after the write
//
// which write and read exactly the text pcg's own operator<< / operator>> define. The
// checkpoint stores that text.
//
// The generic helpers below take any uniform random bit generator that yields a full 64-bit
// word per call (pcg64, std::mt19937_64), so the selectors can be templated on the generator.
#pragma once

#include <cstdint>
#include <istream>
#include <limits>
#include <ostream>
#include <string>

#include <pcg_random.hpp>

namespace anodekmc::kmc {

using Rng = pcg64;

namespace detail {

// GCC/Clang extension; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef unsigned __int128 uint128;

template <class Urng>
inline std::uint64_t draw_u64(Urng &rng) {
  static_assert(Urng::min() == 0 && Urng::max() == std::numeric_limits<std::uint64_t>::max(),
                "the kMC helpers need a generator that yields 64 random bits per call");
  return static_cast<std::uint64_t>(rng());
}

}  // namespace detail

/// A double in [0, 1) from the top 53 bits of one draw: every value is a multiple of 2^-53, so
/// each of the 2^53 outcomes is equally likely (no rounding bias towards 1).
template <class Urng>
inline double uniform01_from(Urng &rng) {
  return static_cast<double>(detail::draw_u64(rng) >> 11) * 0x1.0p-53;
}

/// A double in (0, 1]: for exponential waiting times dt = -ln(u) / R, which must never see
/// ln(0).
template <class Urng>
inline double uniform_open01_from(Urng &rng) {
  return (static_cast<double>(detail::draw_u64(rng) >> 11) + 1.0) * 0x1.0p-53;
}

/// An integer uniform in [0, bound), bound > 0, without modulo bias (Lemire, ACM TOMS 2019:
/// multiply-shift with a rejection step that is almost never taken).
template <class Urng>
inline std::uint64_t uniform_below(Urng &rng, std::uint64_t bound) {
  detail::uint128 product = static_cast<detail::uint128>(detail::draw_u64(rng)) * bound;
  auto low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    while (low < threshold) {
      product = static_cast<detail::uint128>(detail::draw_u64(rng)) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

/// [0, 1) with 53 random bits.
inline double uniform01(Rng &rng) { return uniform01_from(rng); }

/// (0, 1] with 53 random bits, for -ln(u) time steps.
inline double uniform_open01(Rng &rng) { return uniform_open01_from(rng); }

namespace detail {

// The LCG state, increment and multiplier of pcg64 are protected members of the engine; member
// pointers formed inside a derived class reach them without copying any of pcg's code.
struct RngStateAccess : Rng {
  static uint128 multiplier_of() { return RngStateAccess::multiplier(); }
  static uint128 increment_of(const Rng &rng) { return rng.*&RngStateAccess::inc_; }
  static uint128 state_of(const Rng &rng) { return rng.*&RngStateAccess::state_; }
  static void set_state(Rng &rng, uint128 state) { rng.*&RngStateAccess::state_ = state; }
};

inline void write_uint128(std::ostream &out, uint128 value) {
  char digits[40];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  while (count > 0) out.put(digits[--count]);
}

inline bool read_uint128(std::istream &in, uint128 &value) {
  std::string token;
  if (!(in >> token) || token.empty()) return false;
  const uint128 max_value = ~uint128{0};
  value = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<unsigned>(c - '0');
    if (value > (max_value - digit) / 10) return false;  // would overflow 128 bits
    value = value * 10 + digit;
  }
  return true;
}

}  // namespace detail

/// Writes the complete state of `rng` as "multiplier increment state" (decimal).
inline void write_rng_state(std::ostream &out, const Rng &rng) {
  detail::write_uint128(out, detail::RngStateAccess::multiplier_of());
  out.put(' ');
  detail::write_uint128(out, detail::RngStateAccess::increment_of(rng));
  out.put(' ');
  detail::write_uint128(out, detail::RngStateAccess::state_of(rng));
}

/// Reads what write_rng_state() wrote into `rng`. On malformed text, or a multiplier or
/// increment pcg64 cannot have, sets failbit and leaves `rng` unchanged.
inline void read_rng_state(std::istream &in, Rng &rng) {
  detail::uint128 multiplier = 0;
  detail::uint128 increment = 0;
  detail::uint128 state = 0;
  const bool parsed = detail::read_uint128(in, multiplier) &&
                      detail::read_uint128(in, increment) && detail::read_uint128(in, state);
  if (!parsed || multiplier != detail::RngStateAccess::multiplier_of() || (increment & 1u) == 0) {
    in.setstate(std::ios::failbit);
    return;
  }
  rng.set_stream(increment >> 1);  // increment = 2 * stream + 1
  detail::RngStateAccess::set_state(rng, state);
}

}  // namespace anodekmc::kmc
