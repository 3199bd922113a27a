#include "filter_packing.h"

#include <algorithm>
#include <cstring>

namespace nnunet {

std::size_t forwardBlockStride(const ConvGeometry& g) { return std::size_t(g.taps()) * g.inC * kLanes; }
std::size_t forwardPackedSize(const ConvGeometry& g) {
  return forwardBlockStride(g) * ceilDiv(g.outC, kLanes);
}

void packForwardFilter(const ConvGeometry& g, const float* filter, float* packed, ThreadPool& pool) {
  const std::size_t stride = forwardBlockStride(g);
  pool.run(ceilDiv(g.outC, kLanes), [&](int kb, int) {
    const int lanes = std::min(kLanes, g.outC - kb * kLanes);
    float* dst = packed + kb * stride;
    const int rows = g.taps() * g.inC;  // filter rows: (tap, input channel)
    for (int row = 0; row < rows; ++row, dst += kLanes) {
      const float* src = filter + std::size_t(row) * g.outC + kb * kLanes;
      std::memcpy(dst, src, lanes * sizeof(float));
      std::memset(dst + lanes, 0, (kLanes - lanes) * sizeof(float));
    }
  });
}

std::size_t transposedBlockStride(const ConvGeometry& g) { return std::size_t(g.taps()) * g.outC * kLanes; }
std::size_t transposedPackedSize(const ConvGeometry& g) {
  return transposedBlockStride(g) * ceilDiv(g.inC, kLanes);
}

void packTransposedFilter(const ConvGeometry& g, const float* filter, float* packed, ThreadPool& pool) {
  const std::size_t stride = transposedBlockStride(g);
  pool.run(ceilDiv(g.inC, kLanes), [&](int kb, int) {
    const int lanes = std::min(kLanes, g.inC - kb * kLanes);
    float* dst = packed + kb * stride;
    for (int tap = 0; tap < g.taps(); ++tap) {
      const float* tapFilter = filter + std::size_t(tap) * g.inC * g.outC;
      for (int co = 0; co < g.outC; ++co, dst += kLanes) {
        for (int l = 0; l < lanes; ++l) dst[l] = tapFilter[std::size_t(kb * kLanes + l) * g.outC + co];
        for (int l = lanes; l < kLanes; ++l) dst[l] = 0.0f;
      }
    }
  });
}

}  // namespace nnunet
