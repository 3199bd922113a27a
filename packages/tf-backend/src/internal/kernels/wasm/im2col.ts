import { type ConvGeometry, inputOffset } from './ConvGeometry';

/**
 * Writes the column matrix of output rows [rowStart, rowStart + rowCount) of a convolution of
 * `x` (channels-last) into `cols`, transposed: `cols` is [taps * inChannels, rowCount], column i
 * holding the input values under every filter tap for output position rowStart + i, in the
 * filter's (depth, height, width, inChannels) order, with zeros where a tap falls in padding.
 * The transposed layout lets every product run through the wasm matMul without transpose flags,
 * which are an order of magnitude slower there.
 */
export function im2col(
  g: ConvGeometry,
  x: Float32Array,
  rowStart: number,
  rowCount: number,
  cols: Float32Array,
): void {
  const C = g.inChannels;
  let tapRow = 0;
  for (let kd = 0; kd < g.filterDepth; kd++) {
    for (let kh = 0; kh < g.filterHeight; kh++) {
      for (let kw = 0; kw < g.filterWidth; kw++) {
        for (let i = 0; i < rowCount; i++) {
          const xi = inputOffset(g, rowStart + i, kd, kh, kw);
          for (let c = 0; c < C; c++) cols[(tapRow + c) * rowCount + i] = xi < 0 ? 0 : x[xi + c];
        }
        tapRow += C;
      }
    }
  }
}
