// Concatenation and splitting along one axis, viewed as rows: with the tensors as [rows, width],
// concatenation puts each part's row r side by side in output row r; splitting undoes it. These
// are the skip connections of a U-Net (concat forward, SplitV in the gradient), along the channels,
// where a row is one voxel's few dozen channels: too short for per-row copies from JavaScript.
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

void concatRows(const float* const* parts, const std::size_t* widths, int count, float* out, std::size_t rows,
                ThreadPool& pool);
void splitRows(const float* in, float* const* parts, const std::size_t* widths, int count, std::size_t rows,
               ThreadPool& pool);

}  // namespace nnunet
