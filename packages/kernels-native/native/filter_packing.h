// Filters rearranged so that a microkernel reads kLanes consecutive floats per reduction step.
// Forward: block kb holds output channels [16 kb, 16 kb + 16) as [tap][inC][16].
// Backprop-input: block kb holds input channels [16 kb, 16 kb + 16) as [tap][outC][16], i.e. the
// filter transposed, because the gradient w.r.t. the input sums over output channels.
// Lanes past the last real channel are zero.
#pragma once

#include "conv_geometry.h"
#include "thread_pool.h"

namespace nnunet {

std::size_t forwardPackedSize(const ConvGeometry& g);
std::size_t forwardBlockStride(const ConvGeometry& g);
void packForwardFilter(const ConvGeometry& g, const float* filter, float* packed, ThreadPool& pool);

std::size_t transposedPackedSize(const ConvGeometry& g);
std::size_t transposedBlockStride(const ConvGeometry& g);
void packTransposedFilter(const ConvGeometry& g, const float* filter, float* packed, ThreadPool& pool);

}  // namespace nnunet
