// One output row of a convolution-like sum, shared by the forward pass and the gradient w.r.t.
// the input. Output j of the row reads, for each tap, column (j * colStride + tap.col) of one of
// the source rows; columns outside [0, srcCols) count as zeros (padding). Blocks of outputs that
// touch padding are computed from a zero-padded copy of the columns they need, so the
// microkernels never test bounds.
#pragma once

#include <cstddef>
#include <vector>

#include "microkernels.h"

namespace nnunet {

struct RowTap {
  int row;                    // index into the source rows
  int col;                    // source column read by output 0
  std::size_t weightOffset;   // offset of this tap's [reduce][kLanes] weights within a packed block
};

struct RowSources {
  const float* const* rows;  // each row holds srcCols columns of `reduce` floats
  int nrows;
  int srcCols;
  int colStride;
  int reduce;
};

struct RowOutput {
  float* data;               // output 0, channel 0
  std::ptrdiff_t stride;     // floats between consecutive outputs of the row
  int count;                 // outputs in the row
  int channels;              // channels per output (computed in kLanes blocks)
};

// Per-thread memory reused between rows: the callers' source-row and tap lists, and the driver's.
struct RowScratch {
  std::vector<const float*> rows;
  std::vector<RowTap> taps;
  std::vector<float> staged;
  std::vector<const float*> srcs;
  std::vector<const float*> weights;
};

// Computes channel blocks [kb0, kb1) of the row. Packed block kb starts at packed + kb * blockStride.
void convolveRow(const Microkernels& mk, const RowSources& src, const RowTap* taps, int ntaps, const float* packed,
                 std::size_t blockStride, int kb0, int kb1, const RowOutput& out, RowScratch& scratch);

}  // namespace nnunet
