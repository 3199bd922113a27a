// The innermost loops, one implementation per instruction set. Everything above them (tap lists,
// padding, threading) is shared, so the AVX2 and the portable path differ only here.
#pragma once

#include <cstddef>

namespace nnunet {

// Widest register block along the output row (outputs per call of a row kernel).
constexpr int kMaxRowBlock = 6;
// Most input channels one filter-gradient call accumulates (rows of its register block).
constexpr int kMaxFilterRows = 6;

// out[j * outStride + l] = sum over taps t and c < reduce of
//   srcs[t][j * srcStride + c] * weights[t][c * kLanes + l]
// for j < RW (the template size the table entry was made for) and l < lanes (1..16).
// Weights are packed with kLanes floats per reduction step, zero beyond `lanes`.
using RowBlockFn = void (*)(const float* const* srcs, const float* const* weights, int ntaps, int reduce,
                            std::ptrdiff_t srcStride, float* out, std::ptrdiff_t outStride, int lanes);

// A run of `count` positions along one output row that the filter gradient sums over.
struct FilterSegment {
  const float* x;   // input channel block at the first position
  const float* dy;  // output-gradient channel block at the first position
  int count;
};

// dw[r * dwStride + l] += sum over segments and positions p of
//   seg.x[p * xStride + r] * seg.dy[p * dyStride + l]
// for r < RB (the template size) and l < lanes (1..16), summed in segment and position order.
using FilterBlockFn = void (*)(const FilterSegment* segs, int nseg, std::ptrdiff_t xStride,
                               std::ptrdiff_t dyStride, float* dw, std::ptrdiff_t dwStride, int lanes);

struct Microkernels {
  // [outputs along the row, 1..kMaxRowBlock][vectors: 0 for lanes <= 8, 1 for lanes <= 16]
  RowBlockFn rowBlock[kMaxRowBlock + 1][2];
  // [input channels, 1..kMaxFilterRows][vectors as above]
  FilterBlockFn filterBlock[kMaxFilterRows + 1][2];
};

const Microkernels& scalarMicrokernels();
// Only valid to call when cpuHasAvx2Fma() is true; nullptr when the build has no AVX2 code.
const Microkernels* avx2Microkernels();

}  // namespace nnunet
