// Shape of one convolution in the layout tfjs uses: input [N, D, H, W, C] (NDHWC), filter
// [kD, kH, kW, inC, outC], output [N, outD, outH, outW, outC]. 2D convolutions are the case
// D = outD = kD = 1. Padding is what tfjs computed (front/top/left); the far side follows from
// the output size, so it never needs to be passed.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nnunet {

struct ConvGeometry {
  int batch;
  int inD, inH, inW, inC;
  int outD, outH, outW, outC;
  int kD, kH, kW;
  int sD, sH, sW;
  int padFront, padTop, padLeft;

  std::size_t inputSize() const { return std::size_t(batch) * inD * inH * inW * inC; }
  std::size_t outputSize() const { return std::size_t(batch) * outD * outH * outW * outC; }
  std::size_t filterSize() const { return std::size_t(kD) * kH * kW * inC * outC; }
  int taps() const { return kD * kH * kW; }
};

// Number of int32 values a geometry is passed as from JavaScript, in the field order above.
constexpr int kGeometryFields = 18;

// Output channels are computed in blocks of this many lanes (two AVX2 vectors).
constexpr int kLanes = 16;

inline int ceilDiv(int a, int b) { return (a + b - 1) / b; }

// Floor division that is correct for negative numerators (C++ '/' truncates toward zero).
inline int floorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace nnunet
