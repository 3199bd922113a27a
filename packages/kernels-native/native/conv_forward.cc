#include <algorithm>
#include <vector>

#include "aligned_buffer.h"
#include "conv_kernels.h"
#include "filter_packing.h"
#include "row_convolution.h"

namespace nnunet {

// Channel blocks computed by one task: enough work per task, and a row's zero-padded staging is
// shared by the blocks of the task.
constexpr int kBlocksPerTask = 4;

bool convForward(const ConvGeometry& g, const float* x, const float* filter, float* y, const Microkernels& mk,
                 ThreadPool& pool) {
  AlignedBuffer packed(forwardPackedSize(g));
  if (!packed.ok()) return false;
  packForwardFilter(g, filter, packed.data(), pool);
  const std::size_t blockStride = forwardBlockStride(g);

  const int blocks = ceilDiv(g.outC, kLanes);
  const int chunks = ceilDiv(blocks, kBlocksPerTask);
  const int rows = g.batch * g.outD * g.outH;
  std::vector<RowScratch> scratch(pool.size());

  pool.run(rows * chunks, [&](int task, int thread) {
    const int row = task / chunks, chunk = task % chunks;
    const int oh = row % g.outH, od = (row / g.outH) % g.outD, n = row / (g.outH * g.outD);
    RowScratch& s = scratch[thread];
    s.rows.clear();
    s.taps.clear();
    // Taps whose input row lies in the depth/height padding contribute zeros: leave them out.
    for (int kd = 0; kd < g.kD; ++kd) {
      const int id = od * g.sD - g.padFront + kd;
      if (id < 0 || id >= g.inD) continue;
      for (int kh = 0; kh < g.kH; ++kh) {
        const int ih = oh * g.sH - g.padTop + kh;
        if (ih < 0 || ih >= g.inH) continue;
        for (int kw = 0; kw < g.kW; ++kw) {
          const std::size_t tap = (kd * g.kH + kh) * g.kW + kw;
          s.taps.push_back(RowTap{int(s.rows.size()), kw - g.padLeft, tap * g.inC * kLanes});
        }
        s.rows.push_back(x + ((std::size_t(n) * g.inD + id) * g.inH + ih) * g.inW * g.inC);
      }
    }
    const RowSources src{s.rows.data(), int(s.rows.size()), g.inW, g.sW, g.inC};
    const RowOutput out{y + std::size_t(row) * g.outW * g.outC, g.outC, g.outW, g.outC};
    const int kb0 = chunk * kBlocksPerTask;
    convolveRow(mk, src, s.taps.data(), int(s.taps.size()), packed.data(), blockStride, kb0,
                std::min(blocks, kb0 + kBlocksPerTask), out, s);
  });
  return true;
}

}  // namespace nnunet
