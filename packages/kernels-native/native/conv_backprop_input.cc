// dx[n, id, ih, iw, ci] = sum of dy[n, od, oh, ow, co] * filter[kd, kh, kw, ci, co] over the
// (od, kd) pairs with id = od * sD - padFront + kd (same for h and w) and over co: a convolution
// of dy with the transposed filter. With stride s, the inputs iw = r + s * j of one phase r all
// see the same set of kw taps, so each phase is a stride-1 row convolution over dy.
#include <algorithm>
#include <vector>

#include "aligned_buffer.h"
#include "conv_kernels.h"
#include "filter_packing.h"
#include "row_convolution.h"

namespace nnunet {

constexpr int kBlocksPerTask = 4;

namespace {
// The output index o with o * stride - pad + k == i, or -1 when there is none in [0, size).
int sourceIndex(int i, int k, int stride, int pad, int size) {
  const int u = i + pad - k;
  if (u < 0 || u % stride != 0) return -1;
  const int o = u / stride;
  return o < size ? o : -1;
}
}  // namespace

bool convBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx,
                       const Microkernels& mk, ThreadPool& pool) {
  AlignedBuffer packed(transposedPackedSize(g));
  if (!packed.ok()) return false;
  packTransposedFilter(g, filter, packed.data(), pool);
  const std::size_t blockStride = transposedBlockStride(g);

  const int blocks = ceilDiv(g.inC, kLanes);
  const int chunks = ceilDiv(blocks, kBlocksPerTask);
  const int rows = g.batch * g.inD * g.inH;
  std::vector<RowScratch> scratch(pool.size());

  pool.run(rows * chunks, [&](int task, int thread) {
    const int row = task / chunks, chunk = task % chunks;
    const int ih = row % g.inH, id = (row / g.inH) % g.inD, n = row / (g.inH * g.inD);
    RowScratch& s = scratch[thread];
    s.rows.clear();
    std::vector<int> rowTap;  // (kd, kh) tap index of each source row
    for (int kd = 0; kd < g.kD; ++kd) {
      const int od = sourceIndex(id, kd, g.sD, g.padFront, g.outD);
      if (od < 0) continue;
      for (int kh = 0; kh < g.kH; ++kh) {
        const int oh = sourceIndex(ih, kh, g.sH, g.padTop, g.outH);
        if (oh < 0) continue;
        s.rows.push_back(dy + ((std::size_t(n) * g.outD + od) * g.outH + oh) * g.outW * g.outC);
        rowTap.push_back(kd * g.kH + kh);
      }
    }
    const RowSources src{s.rows.data(), int(s.rows.size()), g.outW, 1, g.outC};
    float* dxRow = dx + std::size_t(row) * g.inW * g.inC;
    const int kb0 = chunk * kBlocksPerTask;
    for (int phase = 0; phase < std::min(g.sW, g.inW); ++phase) {
      s.taps.clear();
      for (int r = 0; r < int(rowTap.size()); ++r) {
        for (int kw = 0; kw < g.kW; ++kw) {
          const int u = phase + g.padLeft - kw;
          if (((u % g.sW) + g.sW) % g.sW != 0) continue;
          const std::size_t tap = std::size_t(rowTap[r]) * g.kW + kw;
          s.taps.push_back(RowTap{r, floorDiv(u, g.sW), tap * g.outC * kLanes});
        }
      }
      const RowOutput out{dxRow + std::size_t(phase) * g.inC, std::ptrdiff_t(g.sW) * g.inC,
                          ceilDiv(g.inW - phase, g.sW), g.inC};
      convolveRow(mk, src, s.taps.data(), int(s.taps.size()), packed.data(), blockStride, kb0,
                  std::min(blocks, kb0 + kBlocksPerTask), out, s);
    }
  });
  return true;
}

}  // namespace nnunet
