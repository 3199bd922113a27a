#include "leaky_relu.h"

#include <algorithm>

#include "parallel.h"

namespace nnunet {

namespace {
// 64 K floats per task: large enough to amortise the pool's dispatch, small enough to balance.
constexpr std::size_t kGrain = std::size_t(1) << 16;
}  // namespace

// The loops copy their arguments into restrict locals so that the compiler knows the output does
// not alias them, and are written so that GCC vectorises them (it does not if-convert a
// conditional product): max(v, 0) + a·min(v, 0) and dy · (1 or a) are exactly tfjs's values.
void leakyRelu(const float* x, float* y, std::size_t n, float alpha, ThreadPool& pool) {
  parallelChunks(pool, n, kGrain, [=](std::size_t begin, std::size_t end) {
    const float* __restrict in = x;
    float* __restrict out = y;
    const float a = alpha;
    for (std::size_t i = begin; i < end; ++i) {
      const float v = in[i];
      out[i] = std::max(v, 0.0f) + a * std::min(v, 0.0f);
    }
  });
}

void leakyReluGrad(const float* dy, const float* x, float* dx, std::size_t n, float alpha, ThreadPool& pool) {
  parallelChunks(pool, n, kGrain, [=](std::size_t begin, std::size_t end) {
    const float* __restrict g = dy;
    const float* __restrict in = x;
    float* __restrict out = dx;
    const float a = alpha;
    for (std::size_t i = begin; i < end; ++i) {
      const float factor = in[i] > 0.0f ? 1.0f : a;
      out[i] = g[i] * factor;
    }
  });
}

}  // namespace nnunet
