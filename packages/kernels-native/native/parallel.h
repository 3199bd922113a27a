// Helpers shared by the elementwise, reduction and normalisation kernels: work split into chunks of
// a fixed size (so results never depend on the thread count), each chunk's loops compiled for
// AVX2/FMA or for the baseline instruction set as activeIsa() says.
#pragma once

#include <algorithm>
#include <cstddef>

#include "cpu_features.h"
#include "thread_pool.h"

namespace nnunet {

// flatten inlines fn's loops into this target("avx2,fma") frame, where the compiler vectorises
// them 8 wide; the baseline copy gets the same loops at the build's default ISA.
template <typename Fn>
#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("avx2,fma"), flatten))
#endif
void runChunkAvx2(const Fn& fn, std::size_t begin, std::size_t end) {
  fn(begin, end);
}

template <typename Fn>
__attribute__((flatten)) void runChunkBaseline(const Fn& fn, std::size_t begin, std::size_t end) {
  fn(begin, end);
}

// Runs fn(begin, end) for the chunks [k * grain, (k + 1) * grain) of [0, n) on the pool.
template <typename Fn>
void parallelChunks(ThreadPool& pool, std::size_t n, std::size_t grain, const Fn& fn) {
  if (n == 0) return;
  grain = std::max<std::size_t>(grain, 1);
  const bool avx2 = activeIsa() == Isa::Avx2Fma;
  const auto chunk = [&](std::size_t begin, std::size_t end) {
    if (avx2) runChunkAvx2(fn, begin, end);
    else runChunkBaseline(fn, begin, end);
  };
  const std::size_t chunks = (n + grain - 1) / grain;
  if (chunks == 1) return chunk(0, n);
  pool.run(int(chunks), [&](int k, int) {
    const std::size_t begin = std::size_t(k) * grain;
    chunk(begin, std::min(n, begin + grain));
  });
}

}  // namespace nnunet
