// The epilogue of tfjs's fused convolutions: y = activation(y + bias), in place, with the bias
// broadcast over the last (channel) axis.
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

// Codes shared with src/internal/biasActivation.ts.
enum class Activation : int { Linear = 0, Relu = 1, Relu6 = 2, Elu = 3, Sigmoid = 4, LeakyRelu = 5 };

// bias: nullptr, or `biasSize` floats where biasSize is 1 or `channels`.
void biasActivation(float* y, std::size_t size, int channels, const float* bias, int biasSize, Activation activation,
                    float alpha, ThreadPool& pool);

}  // namespace nnunet
