// Binary elementwise ops of float32 arrays for the broadcasts a U-Net step uses: `a` is the larger
// operand, `b` lines up with it element for element, as one value, per last-axis index (a channel
// vector) or per last-axis row (one value per voxel).
#pragma once

#include <cstddef>
#include <cstdint>

#include "thread_pool.h"

namespace nnunet {

// Codes shared with src/internal/kernels/binaryElementwise.ts.
enum class BinaryOp : int { Add = 0, Sub = 1, Mul = 2, Div = 3, Greater = 4 };
enum class Pairing : int { Same = 0, Scalar = 1, LastAxis = 2, PerRow = 3 };

// out[i] = op(a[i], b[j]) (or op(b[j], a[i]) when swapped), with j as the pairing says; `cols` is
// the last axis of `a` (used by LastAxis and PerRow). out is float, or uint8 for Greater.
void binaryElementwise(BinaryOp op, Pairing pairing, bool swapped, const float* a, const float* b, std::size_t n,
                       std::size_t cols, void* out, ThreadPool& pool);

}  // namespace nnunet
