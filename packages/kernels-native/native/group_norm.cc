#include "group_norm.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parallel.h"

namespace nnunet {

namespace {

// Voxels per chunk: about 32 K values, so a chunk's partial sums stay in cache and a 64^3 volume
// still splits into hundreds of chunks to balance over the threads.
std::size_t rowsPerChunk(int channels) { return std::max<std::size_t>(1, (std::size_t(1) << 15) / channels); }

// Splits each sample's voxels into chunks of rowsPerChunk and runs fn(n, begin, end) for each.
template <typename Fn>
void perVoxel(const GroupNormShape& s, ThreadPool& pool, const Fn& fn) {
  const std::size_t rows = rowsPerChunk(s.channels);
  const std::size_t chunks = (s.spatial + rows - 1) / rows;
  parallelChunks(pool, s.batch * chunks, 1, [&](std::size_t task, std::size_t) {
    const std::size_t n = task / chunks, begin = (task % chunks) * rows;
    fn(n, begin, std::min(s.spatial, begin + rows));
  });
}

// Two sums per sample and channel: accumulate(n, begin, end, first, second) adds a chunk's voxels
// to zeroed per-chunk arrays of C doubles, which are then added up in chunk order. Returns [N][2][C].
template <typename Accumulate>
std::vector<double> channelSums(const GroupNormShape& s, ThreadPool& pool, const Accumulate& accumulate) {
  const std::size_t C = s.channels, rows = rowsPerChunk(s.channels);
  const std::size_t chunks = (s.spatial + rows - 1) / rows;
  std::vector<double> partial(s.batch * chunks * 2 * C, 0.0);
  perVoxel(s, pool, [&](std::size_t n, std::size_t begin, std::size_t end) {
    double* first = partial.data() + (n * chunks + begin / rows) * 2 * C;
    accumulate(n, begin, end, first, first + C);
  });
  std::vector<double> totals(s.batch * 2 * C, 0.0);
  for (std::size_t n = 0; n < std::size_t(s.batch); ++n)
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
      const double* p = partial.data() + (n * chunks + chunk) * 2 * C;
      double* t = totals.data() + n * 2 * C;
      for (std::size_t i = 0; i < 2 * C; ++i) t[i] += p[i];
    }
  return totals;
}

// Per sample and channel, the value of the channel's group: [N * G] -> [N * C].
std::vector<float> perChannel(const GroupNormShape& s, const float* perGroupValues) {
  const std::size_t C = s.channels, perGroup = C / s.groups;
  std::vector<float> out(s.batch * C);
  for (std::size_t n = 0; n < std::size_t(s.batch); ++n)
    for (std::size_t c = 0; c < C; ++c) out[n * C + c] = perGroupValues[n * s.groups + c / perGroup];
  return out;
}

}  // namespace

void groupNormForward(const GroupNormShape& s, const float* x, const float* gamma, const float* beta, float epsilon,
                      float* y, float* mean, float* invStd, ThreadPool& pool) {
  const std::size_t C = s.channels, G = s.groups, perGroup = C / G;
  const std::vector<double> sums = channelSums(
      s, pool, [&](std::size_t n, std::size_t begin, std::size_t end, double* __restrict sum, double* __restrict squares) {
        for (std::size_t v = begin; v < end; ++v) {
          const float* __restrict px = x + (n * s.spatial + v) * C;
          for (std::size_t c = 0; c < C; ++c) {
            const double value = px[c];
            sum[c] += value;
            squares[c] += value * value;
          }
        }
      });
  const double count = double(s.spatial) * double(perGroup);
  for (std::size_t n = 0; n < std::size_t(s.batch); ++n) {
    const double* sum = sums.data() + n * 2 * C;
    const double* squares = sum + C;
    for (std::size_t g = 0; g < G; ++g) {
      double total = 0, totalSquares = 0;
      for (std::size_t c = g * perGroup; c < (g + 1) * perGroup; ++c) total += sum[c], totalSquares += squares[c];
      const double mu = total / count;
      const double variance = std::max(0.0, totalSquares / count - mu * mu);
      mean[n * G + g] = float(mu);
      invStd[n * G + g] = float(1.0 / std::sqrt(variance + double(epsilon)));
    }
  }
  // Per sample and channel: y = (x - mean) * scale + beta.
  const std::vector<float> channelMean = perChannel(s, mean);
  std::vector<float> scale = perChannel(s, invStd);
  for (std::size_t i = 0; i < scale.size(); ++i) scale[i] *= gamma[i % C];
  perVoxel(s, pool, [&](std::size_t n, std::size_t begin, std::size_t end) {
    const float* __restrict m = channelMean.data() + n * C;
    const float* __restrict k = scale.data() + n * C;
    const float* __restrict b = beta;
    for (std::size_t v = begin; v < end; ++v) {
      const float* __restrict px = x + (n * s.spatial + v) * C;
      float* __restrict py = y + (n * s.spatial + v) * C;
      for (std::size_t c = 0; c < C; ++c) py[c] = (px[c] - m[c]) * k[c] + b[c];
    }
  });
}

void groupNormBackward(const GroupNormShape& s, const float* dy, const float* x, const float* gamma,
                       const float* mean, const float* invStd, float* dx, float* dgamma, float* dbeta,
                       ThreadPool& pool) {
  const std::size_t C = s.channels, G = s.groups, perGroup = C / G;
  const std::vector<float> channelMean = perChannel(s, mean);
  // Σ dy and Σ dy (x - mean) per sample and channel.
  const std::vector<double> sums = channelSums(
      s, pool, [&](std::size_t n, std::size_t begin, std::size_t end, double* __restrict sumDy, double* __restrict sumDyX) {
        const float* __restrict m = channelMean.data() + n * C;
        for (std::size_t v = begin; v < end; ++v) {
          const float* __restrict pd = dy + (n * s.spatial + v) * C;
          const float* __restrict px = x + (n * s.spatial + v) * C;
          for (std::size_t c = 0; c < C; ++c) {
            const double d = pd[c];
            sumDy[c] += d;
            sumDyX[c] += d * double(px[c] - m[c]);
          }
        }
      });
  const double count = double(s.spatial) * double(perGroup);
  std::vector<double> gammaSum(C, 0.0), betaSum(C, 0.0);
  std::vector<float> coefDy(s.batch * C), coefX(s.batch * C), coefConst(s.batch * C);
  for (std::size_t n = 0; n < std::size_t(s.batch); ++n) {
    const double* sumDy = sums.data() + n * 2 * C;
    std::vector<double> sumDyXhat(sumDy + C, sumDy + 2 * C);
    for (std::size_t c = 0; c < C; ++c) {
      sumDyXhat[c] *= invStd[n * G + c / perGroup];
      betaSum[c] += sumDy[c];
      gammaSum[c] += sumDyXhat[c];
    }
    for (std::size_t g = 0; g < G; ++g) {
      double sumG = 0, sumGXhat = 0;
      for (std::size_t c = g * perGroup; c < (g + 1) * perGroup; ++c) {
        sumG += gamma[c] * sumDy[c];
        sumGXhat += gamma[c] * sumDyXhat[c];
      }
      const double inv = invStd[n * G + g];
      // dx = inv·γ·dy − inv²·Σ(g x̂)/M · (x − mean) − inv·Σg/M
      for (std::size_t c = g * perGroup; c < (g + 1) * perGroup; ++c) {
        coefDy[n * C + c] = float(inv * gamma[c]);
        coefX[n * C + c] = float(-inv * inv * sumGXhat / count);
        coefConst[n * C + c] = float(-inv * sumG / count);
      }
    }
  }
  for (std::size_t c = 0; c < C; ++c) dgamma[c] = float(gammaSum[c]), dbeta[c] = float(betaSum[c]);
  perVoxel(s, pool, [&](std::size_t n, std::size_t begin, std::size_t end) {
    const float* __restrict m = channelMean.data() + n * C;
    const float* __restrict a = coefDy.data() + n * C;
    const float* __restrict b = coefX.data() + n * C;
    const float* __restrict k = coefConst.data() + n * C;
    for (std::size_t v = begin; v < end; ++v) {
      const float* __restrict pd = dy + (n * s.spatial + v) * C;
      const float* __restrict px = x + (n * s.spatial + v) * C;
      float* __restrict out = dx + (n * s.spatial + v) * C;
      for (std::size_t c = 0; c < C; ++c) out[c] = a[c] * pd[c] + b[c] * (px[c] - m[c]) + k[c];
    }
  });
}

}  // namespace nnunet
