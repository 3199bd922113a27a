// Portable microkernels: plain loops the compiler may vectorise for the baseline ISA. They follow
// the same summation order per output as the AVX2 ones (FMA aside), so both paths are tested
// against the same references.
#include <cstring>

#include "conv_geometry.h"
#include "microkernels.h"

namespace nnunet {
namespace {

template <int RW>
void rowBlockScalar(const float* const* srcs, const float* const* weights, int ntaps, int reduce,
                    std::ptrdiff_t srcStride, float* out, std::ptrdiff_t outStride, int lanes) {
  // One output at a time: its kLanes accumulators fit in the baseline SSE registers.
  for (int r = 0; r < RW; ++r) {
    float acc[kLanes] = {};
    for (int t = 0; t < ntaps; ++t) {
      const float* s = srcs[t] + r * srcStride;
      const float* w = weights[t];
      for (int c = 0; c < reduce; ++c, w += kLanes) {
        const float v = s[c];
        for (int l = 0; l < kLanes; ++l) acc[l] += v * w[l];
      }
    }
    std::memcpy(out + r * outStride, acc, lanes * sizeof(float));
  }
}

template <int RB>
void filterBlockScalar(const FilterSegment* segs, int nseg, std::ptrdiff_t xStride, std::ptrdiff_t dyStride,
                       float* dw, std::ptrdiff_t dwStride, int lanes) {
  float acc[RB][kLanes] = {};
  for (int r = 0; r < RB; ++r)
    for (int l = 0; l < lanes; ++l) acc[r][l] = dw[r * dwStride + l];
  for (int g = 0; g < nseg; ++g) {
    const float* x = segs[g].x;
    const float* dy = segs[g].dy;
    for (int p = 0; p < segs[g].count; ++p, x += xStride, dy += dyStride) {
      for (int r = 0; r < RB; ++r) {
        const float v = x[r];
        for (int l = 0; l < lanes; ++l) acc[r][l] += v * dy[l];
      }
    }
  }
  for (int r = 0; r < RB; ++r)
    for (int l = 0; l < lanes; ++l) dw[r * dwStride + l] = acc[r][l];
}

template <int N>
void fill(Microkernels& mk) {
  if constexpr (N > 0) {
    // The scalar loops handle any lane count, so both vector-count slots share one function.
    mk.rowBlock[N][0] = mk.rowBlock[N][1] = rowBlockScalar<N>;
    mk.filterBlock[N][0] = mk.filterBlock[N][1] = filterBlockScalar<N>;
    fill<N - 1>(mk);
  }
}

Microkernels makeScalar() {
  static_assert(kMaxRowBlock == kMaxFilterRows, "one fill loop covers both tables");
  Microkernels mk{};
  fill<kMaxRowBlock>(mk);
  return mk;
}

}  // namespace

const Microkernels& scalarMicrokernels() {
  static const Microkernels mk = makeScalar();
  return mk;
}

}  // namespace nnunet
