#include "concat_split.h"

#include <algorithm>
#include <cstring>

#include "parallel.h"

namespace nnunet {

namespace {

std::size_t totalWidth(const std::size_t* widths, int count) {
  std::size_t total = 0;
  for (int i = 0; i < count; ++i) total += widths[i];
  return total;
}

// Rows per task: about 64 K values.
std::size_t grain(std::size_t width) { return std::max<std::size_t>(1, (std::size_t(1) << 16) / std::max<std::size_t>(width, 1)); }

}  // namespace

void concatRows(const float* const* parts, const std::size_t* widths, int count, float* out, std::size_t rows,
                ThreadPool& pool) {
  const std::size_t total = totalWidth(widths, count);
  parallelChunks(pool, rows, grain(total), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      float* dst = out + r * total;
      for (int i = 0; i < count; ++i) {
        std::memcpy(dst, parts[i] + r * widths[i], widths[i] * sizeof(float));
        dst += widths[i];
      }
    }
  });
}

void splitRows(const float* in, float* const* parts, const std::size_t* widths, int count, std::size_t rows,
               ThreadPool& pool) {
  const std::size_t total = totalWidth(widths, count);
  parallelChunks(pool, rows, grain(total), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const float* src = in + r * total;
      for (int i = 0; i < count; ++i) {
        std::memcpy(parts[i] + r * widths[i], src, widths[i] * sizeof(float));
        src += widths[i];
      }
    }
  });
}

}  // namespace nnunet
