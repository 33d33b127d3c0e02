// A std::allocator replacement that asks Linux for transparent huge pages (2 MiB) for large
// blocks.
//
// Why: the kMC engine reads a handful of entries of several per-site arrays around a random
// column at every event. On a 1e6-1e7-site net those arrays are tens to hundreds of MB, so with
// 4 KiB pages nearly every such read also misses the TLB, and the page walk (costly under a
// virtual machine's nested paging) takes as long as the cache miss itself. With 2 MiB pages
// the same arrays need a few hundred TLB entries instead of tens of thousands. Measured with
// bench/bench_kmc (docs/benchmarks.md): benchmark A at 1e6 sites went from 0.72 M to about
// 1.3 M events/s.
//
// Debian's default transparent-huge-page policy is "madvise": a process gets huge pages only
// for ranges it marks with madvise(MADV_HUGEPAGE) *before* touching them. Blocks of at least
// kHugePageThresholdBytes are therefore allocated 2 MiB-aligned, rounded up to whole huge pages
// and marked before the container writes into them. Smaller blocks, other systems and a kernel
// that refuses the advice fall back to ordinary pages: the advice only changes speed, never
// results.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace anodekmc::kmc {

inline constexpr std::size_t kHugePageBytes = std::size_t(2) << 20;
inline constexpr std::size_t kCacheLineBytes = 64;
inline constexpr std::size_t kHugePageThresholdBytes = std::size_t(1) << 20;

/// Allocates `bytes`: cache-line aligned, and 2 MiB-aligned and huge-page advised when large;
/// release with std::free.
inline void *allocate_huge_page_friendly(std::size_t bytes) {
  if (bytes < kHugePageThresholdBytes) {
    // Cache-line aligned, so a record never straddles two lines more often than it must.
    const std::size_t lines = bytes == 0 ? 1 : (bytes + kCacheLineBytes - 1) / kCacheLineBytes;
    void *p = std::aligned_alloc(kCacheLineBytes, lines * kCacheLineBytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  void *p = std::aligned_alloc(kHugePageBytes, rounded);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  (void)madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
#endif
  return p;
}

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U> &) noexcept {}
  T *allocate(std::size_t n) {
    if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T *>(allocate_huge_page_friendly(n * sizeof(T)));
  }
  void deallocate(T *p, std::size_t) noexcept { std::free(p); }
};
template <class T, class U>
bool operator==(const HugePageAllocator<T> &, const HugePageAllocator<U> &) noexcept {
  return true;
}
template <class T, class U>
bool operator!=(const HugePageAllocator<T> &, const HugePageAllocator<U> &) noexcept {
  return false;
}

/// A vector for per-site and per-atom arrays that the engine reads at random positions.
template <class T>
using SiteVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace anodekmc::kmc
