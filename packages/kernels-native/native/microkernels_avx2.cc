// AVX2/FMA microkernels. Each function carries target("avx2,fma") itself, so this file is built
// with the baseline flags and the addon still loads on x86-64 CPUs without AVX2; they are only
// called after cpuHasAvx2Fma() said yes.
#include "conv_geometry.h"
#include "microkernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define NNUNET_AVX2 __attribute__((target("avx2,fma")))

namespace nnunet {
namespace {

// Lane mask for the vector that holds lanes [base, base + 8).
NNUNET_AVX2 inline __m256i laneMask(int lanes, int base) {
  const __m256i iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes - base), iota);
}

// RW outputs along the row times CB vectors of 8 channels: RW * CB accumulators stay in
// registers for the whole reduction over taps and input channels.
template <int RW, int CB>
NNUNET_AVX2 void rowBlockAvx2(const float* const* srcs, const float* const* weights, int ntaps, int reduce,
                              std::ptrdiff_t srcStride, float* out, std::ptrdiff_t outStride, int lanes) {
  __m256 acc[RW][CB];
#pragma GCC unroll 16
  for (int r = 0; r < RW; ++r)
#pragma GCC unroll 2
    for (int v = 0; v < CB; ++v) acc[r][v] = _mm256_setzero_ps();
  for (int t = 0; t < ntaps; ++t) {
    const float* s = srcs[t];
    const float* w = weights[t];
    for (int c = 0; c < reduce; ++c, w += kLanes) {
      __m256 wv[CB];
#pragma GCC unroll 2
      for (int v = 0; v < CB; ++v) wv[v] = _mm256_loadu_ps(w + 8 * v);
#pragma GCC unroll 16
      for (int r = 0; r < RW; ++r) {
        const __m256 b = _mm256_broadcast_ss(s + r * srcStride + c);
#pragma GCC unroll 2
        for (int v = 0; v < CB; ++v) acc[r][v] = _mm256_fmadd_ps(b, wv[v], acc[r][v]);
      }
    }
  }
  if (lanes == 8 * CB) {
#pragma GCC unroll 16
    for (int r = 0; r < RW; ++r)
#pragma GCC unroll 2
      for (int v = 0; v < CB; ++v) _mm256_storeu_ps(out + r * outStride + 8 * v, acc[r][v]);
  } else {
    const __m256i tail = laneMask(lanes, 8 * (CB - 1));
#pragma GCC unroll 16
    for (int r = 0; r < RW; ++r) {
      if (CB == 2) _mm256_storeu_ps(out + r * outStride, acc[r][0]);
      _mm256_maskstore_ps(out + r * outStride + 8 * (CB - 1), tail, acc[r][CB - 1]);
    }
  }
}

// RB input channels times CB vectors of 8 output channels. FULL: every lane is a real channel,
// so plain loads; otherwise the last vector is loaded and stored under a mask.
template <int RB, int CB, bool FULL>
NNUNET_AVX2 void filterBlockAvx2Impl(const FilterSegment* segs, int nseg, std::ptrdiff_t xStride,
                                     std::ptrdiff_t dyStride, float* dw, std::ptrdiff_t dwStride, int lanes) {
  const __m256i tail = laneMask(lanes, 8 * (CB - 1));
  __m256 acc[RB][CB];
#pragma GCC unroll 16
  for (int r = 0; r < RB; ++r) {
    float* d = dw + r * dwStride;
    if (CB == 2) acc[r][0] = _mm256_loadu_ps(d);
    acc[r][CB - 1] = FULL ? _mm256_loadu_ps(d + 8 * (CB - 1)) : _mm256_maskload_ps(d + 8 * (CB - 1), tail);
  }
  for (int g = 0; g < nseg; ++g) {
    const float* x = segs[g].x;
    const float* dy = segs[g].dy;
    for (int p = segs[g].count; p > 0; --p, x += xStride, dy += dyStride) {
      __m256 dv[CB];
      if (CB == 2) dv[0] = _mm256_loadu_ps(dy);
      dv[CB - 1] = FULL ? _mm256_loadu_ps(dy + 8 * (CB - 1)) : _mm256_maskload_ps(dy + 8 * (CB - 1), tail);
#pragma GCC unroll 16
      for (int r = 0; r < RB; ++r) {
        const __m256 b = _mm256_broadcast_ss(x + r);
#pragma GCC unroll 2
        for (int v = 0; v < CB; ++v) acc[r][v] = _mm256_fmadd_ps(b, dv[v], acc[r][v]);
      }
    }
  }
#pragma GCC unroll 16
  for (int r = 0; r < RB; ++r) {
    float* d = dw + r * dwStride;
    if (CB == 2) _mm256_storeu_ps(d, acc[r][0]);
    if (FULL)
      _mm256_storeu_ps(d + 8 * (CB - 1), acc[r][CB - 1]);
    else
      _mm256_maskstore_ps(d + 8 * (CB - 1), tail, acc[r][CB - 1]);
  }
}

template <int RB, int CB>
NNUNET_AVX2 void filterBlockAvx2(const FilterSegment* segs, int nseg, std::ptrdiff_t xStride,
                                 std::ptrdiff_t dyStride, float* dw, std::ptrdiff_t dwStride, int lanes) {
  if (lanes == 8 * CB)
    filterBlockAvx2Impl<RB, CB, true>(segs, nseg, xStride, dyStride, dw, dwStride, lanes);
  else
    filterBlockAvx2Impl<RB, CB, false>(segs, nseg, xStride, dyStride, dw, dwStride, lanes);
}

template <int N>
void fill(Microkernels& mk) {
  if constexpr (N > 0) {
    mk.rowBlock[N][0] = rowBlockAvx2<N, 1>;
    mk.rowBlock[N][1] = rowBlockAvx2<N, 2>;
    mk.filterBlock[N][0] = filterBlockAvx2<N, 1>;
    mk.filterBlock[N][1] = filterBlockAvx2<N, 2>;
    fill<N - 1>(mk);
  }
}

Microkernels makeAvx2() {
  static_assert(kMaxRowBlock == kMaxFilterRows, "one fill loop covers both tables");
  Microkernels mk{};
  fill<kMaxRowBlock>(mk);
  return mk;
}

}  // namespace

const Microkernels* avx2Microkernels() {
  static const Microkernels mk = makeAvx2();
  return &mk;
}

}  // namespace nnunet

#else

namespace nnunet {
const Microkernels* avx2Microkernels() { return nullptr; }
}  // namespace nnunet

#endif
