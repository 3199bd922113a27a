#include "unary_elementwise.h"

#include <cmath>

#include "parallel.h"

namespace nnunet {

namespace {
constexpr std::size_t kGrain = std::size_t(1) << 15;
}  // namespace

void unaryElementwise(UnaryOp op, const float* x, float* y, std::size_t n, ThreadPool& pool) {
  parallelChunks(pool, n, kGrain, [=](std::size_t begin, std::size_t end) {
    const float* __restrict in = x;
    float* __restrict out = y;
    if (op == UnaryOp::Exp) {
      for (std::size_t i = begin; i < end; ++i) out[i] = float(std::exp(double(in[i])));
    } else {
      for (std::size_t i = begin; i < end; ++i) out[i] = -in[i];
    }
  });
}

}  // namespace nnunet
