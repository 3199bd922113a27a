#include "bias_activation.h"

#include <algorithm>
#include <cmath>

namespace nnunet {

namespace {

template <Activation A>
inline float activate(float v, float alpha) {
  switch (A) {
    case Activation::Linear:
      return v;
    case Activation::Relu:
      return v > 0.0f ? v : 0.0f;
    case Activation::Relu6:
      return std::min(std::max(v, 0.0f), 6.0f);
    case Activation::Elu:
      return v >= 0.0f ? v : std::expm1(v);
    case Activation::Sigmoid:
      return 1.0f / (1.0f + std::exp(-v));
    case Activation::LeakyRelu:
      return v < 0.0f ? alpha * v : v;
  }
  return v;
}

template <Activation A>
void run(float* y, std::size_t size, int channels, const float* bias, int biasSize, float alpha, ThreadPool& pool) {
  // Chunks of whole channel vectors, so the bias index is just the position within the vector.
  const std::size_t vectors = size / channels;
  const std::size_t perTask = std::max<std::size_t>(1, (1 << 16) / channels);
  const int tasks = int((vectors + perTask - 1) / perTask);
  pool.run(tasks, [&](int task, int) {
    const std::size_t end = std::min(vectors, (task + 1) * perTask);
    for (std::size_t v = task * perTask; v < end; ++v) {
      float* p = y + v * channels;
      for (int c = 0; c < channels; ++c) {
        const float b = bias == nullptr ? 0.0f : bias[biasSize == 1 ? 0 : c];
        p[c] = activate<A>(p[c] + b, alpha);
      }
    }
  });
}

}  // namespace

void biasActivation(float* y, std::size_t size, int channels, const float* bias, int biasSize, Activation activation,
                    float alpha, ThreadPool& pool) {
  switch (activation) {
    case Activation::Linear:
      return run<Activation::Linear>(y, size, channels, bias, biasSize, alpha, pool);
    case Activation::Relu:
      return run<Activation::Relu>(y, size, channels, bias, biasSize, alpha, pool);
    case Activation::Relu6:
      return run<Activation::Relu6>(y, size, channels, bias, biasSize, alpha, pool);
    case Activation::Elu:
      return run<Activation::Elu>(y, size, channels, bias, biasSize, alpha, pool);
    case Activation::Sigmoid:
      return run<Activation::Sigmoid>(y, size, channels, bias, biasSize, alpha, pool);
    case Activation::LeakyRelu:
      return run<Activation::LeakyRelu>(y, size, channels, bias, biasSize, alpha, pool);
  }
}

}  // namespace nnunet
