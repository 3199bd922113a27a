#include "row_convolution.h"

#include <algorithm>
#include <cstring>

#include "conv_geometry.h"

namespace nnunet {

void convolveRow(const Microkernels& mk, const RowSources& src, const RowTap* taps, int ntaps, const float* packed,
                 std::size_t blockStride, int kb0, int kb1, const RowOutput& out, RowScratch& scratch) {
  int minCol = 0, maxCol = 0;
  for (int t = 0; t < ntaps; ++t) {
    minCol = t == 0 ? taps[t].col : std::min(minCol, taps[t].col);
    maxCol = t == 0 ? taps[t].col : std::max(maxCol, taps[t].col);
  }
  scratch.srcs.resize(std::max(ntaps, 1));
  scratch.weights.resize(std::max(ntaps, 1));
  const std::size_t reduce = src.reduce;

  for (int j0 = 0; j0 < out.count; j0 += kMaxRowBlock) {
    const int rw = std::min(kMaxRowBlock, out.count - j0);
    const int first = j0 * src.colStride;
    const int lo = first + minCol;
    const int hi = (j0 + rw - 1) * src.colStride + maxCol;
    if (ntaps == 0 || (lo >= 0 && hi < src.srcCols)) {
      for (int t = 0; t < ntaps; ++t) scratch.srcs[t] = src.rows[taps[t].row] + (first + taps[t].col) * reduce;
    } else {
      const int span = hi - lo + 1;
      scratch.staged.resize(std::size_t(src.nrows) * span * reduce);
      for (int r = 0; r < src.nrows; ++r) {
        float* dst = scratch.staged.data() + std::size_t(r) * span * reduce;
        for (int c = lo; c <= hi; ++c, dst += reduce) {
          if (c >= 0 && c < src.srcCols)
            std::memcpy(dst, src.rows[r] + c * reduce, reduce * sizeof(float));
          else
            std::memset(dst, 0, reduce * sizeof(float));
        }
      }
      for (int t = 0; t < ntaps; ++t)
        scratch.srcs[t] =
            scratch.staged.data() + (std::size_t(taps[t].row) * span + (first + taps[t].col - lo)) * reduce;
    }
    for (int kb = kb0; kb < kb1; ++kb) {
      const int lanes = std::min(kLanes, out.channels - kb * kLanes);
      const float* block = packed + kb * blockStride;
      for (int t = 0; t < ntaps; ++t) scratch.weights[t] = block + taps[t].weightOffset;
      mk.rowBlock[rw][lanes > 8 ? 1 : 0](scratch.srcs.data(), scratch.weights.data(), ntaps, src.reduce,
                                         src.colStride * std::ptrdiff_t(reduce), out.data + j0 * out.stride + kb * kLanes,
                                         out.stride, lanes);
    }
  }
}

}  // namespace nnunet
