#include "reductions.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parallel.h"

namespace nnunet {

void sumMiddle(const float* x, float* out, std::size_t outer, std::size_t mid, std::size_t inner, ThreadPool& pool) {
  // Tasks are (outer index, block of <= 4096 columns, chunk of rows of about 32 K values); each
  // sums into its own partial row, and the partials are added in chunk order.
  const std::size_t width = std::min<std::size_t>(inner, 4096);
  const std::size_t columnBlocks = (inner + width - 1) / width;
  const std::size_t rows = std::max<std::size_t>(1, (std::size_t(1) << 15) / width);
  const std::size_t chunks = (mid + rows - 1) / rows;
  std::vector<double> partial(outer * chunks * inner, 0.0);
  parallelChunks(pool, outer * columnBlocks * chunks, 1, [&](std::size_t task, std::size_t) {
    const std::size_t chunk = task % chunks, block = task / chunks % columnBlocks, o = task / chunks / columnBlocks;
    const std::size_t c0 = block * width, c1 = std::min(inner, c0 + width);
    const std::size_t m1 = std::min(mid, (chunk + 1) * rows);
    double* __restrict acc = partial.data() + (o * chunks + chunk) * inner;
    for (std::size_t m = chunk * rows; m < m1; ++m) {
      const float* __restrict row = x + (o * mid + m) * inner;
      for (std::size_t i = c0; i < c1; ++i) acc[i] += row[i];
    }
  });
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t i = 0; i < inner; ++i) {
      double total = 0;
      for (std::size_t chunk = 0; chunk < chunks; ++chunk) total += partial[(o * chunks + chunk) * inner + i];
      out[o * inner + i] = float(total);
    }
}

void softmaxRows(const float* x, float* y, std::size_t rows, std::size_t length, ThreadPool& pool) {
  const std::size_t grain = std::max<std::size_t>(1, (std::size_t(1) << 14) / length);
  parallelChunks(pool, rows, grain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const float* __restrict in = x + r * length;
      float* __restrict out = y + r * length;
      float largest = in[0];
      for (std::size_t j = 1; j < length; ++j) largest = std::max(largest, in[j]);
      double total = 0;
      for (std::size_t j = 0; j < length; ++j) {
        out[j] = std::exp(in[j] - largest);
        total += out[j];
      }
      const float scale = float(1.0 / total);
      for (std::size_t j = 0; j < length; ++j) out[j] *= scale;
    }
  });
}

}  // namespace nnunet
