// Unary elementwise ops of float32 arrays that the softmax cross-entropy runs over every voxel.
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

// Codes shared with src/internal/kernels/unaryElementwise.ts.
enum class UnaryOp : int { Exp = 0, Neg = 1 };

// y[i] = op(x[i]); Exp is computed in double and rounded, as tfjs does.
void unaryElementwise(UnaryOp op, const float* x, float* y, std::size_t n, ThreadPool& pool);

}  // namespace nnunet
