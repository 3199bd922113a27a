// LeakyReLU and its gradient over flat float32 arrays (tfjs's LeakyRelu and the gradient that tfjs
// builds from Greater + Select + Multiply, here in one pass).
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

// y = x < 0 ? alpha * x : x
void leakyRelu(const float* x, float* y, std::size_t n, float alpha, ThreadPool& pool);
// dx = x > 0 ? dy : alpha * dy (tfjs's gradient: the slope at 0 is alpha)
void leakyReluGrad(const float* dy, const float* x, float* dx, std::size_t n, float alpha, ThreadPool& pool);

}  // namespace nnunet
