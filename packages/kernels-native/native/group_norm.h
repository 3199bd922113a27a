// Group normalisation of channels-last data [N, S, C] (S voxels, G groups of C/G channels) with a
// per-channel scale and offset, forward and analytic backward. Statistics are summed in double,
// per fixed chunks of voxels combined in order, so results do not depend on the thread count.
#pragma once

#include <cstddef>

#include "thread_pool.h"

namespace nnunet {

struct GroupNormShape {
  int batch;
  std::size_t spatial;
  int channels;
  int groups;
};

// y = (x - mean) * invStd * gamma + beta, with mean and invStd = 1 / sqrt(var + epsilon) per
// (sample, group) written to mean[N * G] and invStd[N * G].
void groupNormForward(const GroupNormShape& s, const float* x, const float* gamma, const float* beta, float epsilon,
                      float* y, float* mean, float* invStd, ThreadPool& pool);

// With x̂ = (x - mean) * invStd, g = dy * gamma and M = S * C / G values per group:
// dβ = Σ dy, dγ = Σ dy * x̂ (over samples and voxels), dx = invStd / M * (M g - Σg - x̂ Σ(g x̂)).
void groupNormBackward(const GroupNormShape& s, const float* dy, const float* x, const float* gamma,
                       const float* mean, const float* invStd, float* dx, float* dgamma, float* dbeta,
                       ThreadPool& pool);

}  // namespace nnunet
