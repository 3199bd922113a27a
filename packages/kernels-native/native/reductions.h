// Reductions over activations: sums over a block of adjacent axes (bias gradients, Dice sums) and
// the softmax over the last axis. Sums are in double, per fixed chunks added up in order, so results
// do not depend on the thread count.
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

// x viewed as [outer, mid, inner]: out[o * inner + i] = Σ_m x[(o * mid + m) * inner + i].
void sumMiddle(const float* x, float* out, std::size_t outer, std::size_t mid, std::size_t inner, ThreadPool& pool);

// Softmax over rows of `length` values: y = exp(x - max) / Σ exp(x - max).
void softmaxRows(const float* x, float* y, std::size_t rows, std::size_t length, ThreadPool& pool);

}  // namespace nnunet
