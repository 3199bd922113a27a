// dFilter[kd, kh, kw, ci, co] = sum over n, od, oh, ow of x[n, id, ih, iw, ci] * dy[n, od, oh, ow, co]
// with id = od * sD - padFront + kd (same for h and w). The filter is split into items (tap,
// block of up to 6 input channels, block of 16 output channels); each thread owns a fixed set of
// items and sums over every position in the same order, so no partial filters are reduced and the
// result does not depend on the number of threads.
#include <algorithm>
#include <cstring>
#include <vector>

#include "conv_kernels.h"

namespace nnunet {

// Positions an item sums per call, so that loading and storing its accumulators is amortised.
constexpr int kPositionsPerCall = 96;

bool convBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dFilter,
                        const Microkernels& mk, ThreadPool& pool) {
  std::memset(dFilter, 0, g.filterSize() * sizeof(float));

  const int ciBlocks = ceilDiv(g.inC, kMaxFilterRows);
  const int coBlocks = ceilDiv(g.outC, kLanes);
  const int items = g.taps() * ciBlocks * coBlocks;
  // Every part reads all of x and dy once; two parts per thread let a thread that runs ahead take
  // over work when the other is descheduled, at the cost of reading the inputs twice as often.
  const int parts = std::min(items, 2 * pool.size());
  const int rows = g.batch * g.outD * g.outH;
  const int rowsPerCall = std::max(1, std::min(rows, kPositionsPerCall / std::max(1, g.outW)));

  // Output columns whose input column is inside the image, per kw: [colLo, colHi).
  std::vector<int> colLo(g.kW), colHi(g.kW);
  for (int kw = 0; kw < g.kW; ++kw) {
    colLo[kw] = std::max(0, -floorDiv(kw - g.padLeft, g.sW));
    colHi[kw] = std::min(g.outW, floorDiv(g.inW - 1 + g.padLeft - kw, g.sW) + 1);
  }

  pool.run(parts, [&](int part, int) {
    const int itemLo = int(std::int64_t(items) * part / parts);
    const int itemHi = int(std::int64_t(items) * (part + 1) / parts);
    std::vector<FilterSegment> segs(rowsPerCall);
    for (int row0 = 0; row0 < rows; row0 += rowsPerCall) {
      const int row1 = std::min(rows, row0 + rowsPerCall);
      for (int item = itemLo; item < itemHi; ++item) {
        const int kb = item % coBlocks;
        const int cb = (item / coBlocks) % ciBlocks;
        const int tap = item / (coBlocks * ciBlocks);
        const int kw = tap % g.kW, kh = (tap / g.kW) % g.kH, kd = tap / (g.kW * g.kH);
        // Near-equal input-channel blocks (e.g. 32 = 6+5+5+5+6+5) keep every block wide.
        const int ci0 = int(std::int64_t(g.inC) * cb / ciBlocks);
        const int ci1 = int(std::int64_t(g.inC) * (cb + 1) / ciBlocks);
        const int lanes = std::min(kLanes, g.outC - kb * kLanes);
        const int lo = colLo[kw], hi = colHi[kw];
        if (lo >= hi) continue;
        int nseg = 0;
        for (int row = row0; row < row1; ++row) {
          const int oh = row % g.outH, od = (row / g.outH) % g.outD, n = row / (g.outH * g.outD);
          const int id = od * g.sD - g.padFront + kd, ih = oh * g.sH - g.padTop + kh;
          if (id < 0 || id >= g.inD || ih < 0 || ih >= g.inH) continue;
          const std::size_t xRow = ((std::size_t(n) * g.inD + id) * g.inH + ih) * g.inW;
          const int iw = lo * g.sW - g.padLeft + kw;
          segs[nseg++] = FilterSegment{x + (xRow + iw) * g.inC + ci0,
                                       dy + (std::size_t(row) * g.outW + lo) * g.outC + kb * kLanes, hi - lo};
        }
        if (nseg == 0) continue;
        float* dst = dFilter + (std::size_t(tap) * g.inC + ci0) * g.outC + kb * kLanes;
        mk.filterBlock[ci1 - ci0][lanes > 8 ? 1 : 0](segs.data(), nseg, std::ptrdiff_t(g.sW) * g.inC, g.outC, dst,
                                                     g.outC, lanes);
      }
    }
  });
  return true;
}

}  // namespace nnunet
