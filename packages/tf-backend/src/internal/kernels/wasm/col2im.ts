import { type ConvGeometry, inputOffset } from './ConvGeometry';

/**
 * The adjoint of `im2col`: adds a transposed column matrix [taps * inChannels, rowCount] for
 * output rows [rowStart, rowStart + rowCount) back into the channels-last input-shaped `dx`,
 * dropping taps that fall in padding.
 */
export function col2im(
  g: ConvGeometry,
  cols: Float32Array,
  rowStart: number,
  rowCount: number,
  dx: Float32Array,
): void {
  const C = g.inChannels;
  let tapRow = 0;
  for (let kd = 0; kd < g.filterDepth; kd++) {
    for (let kh = 0; kh < g.filterHeight; kh++) {
      for (let kw = 0; kw < g.filterWidth; kw++) {
        for (let i = 0; i < rowCount; i++) {
          const xi = inputOffset(g, rowStart + i, kd, kh, kw);
          if (xi < 0) continue;
          for (let c = 0; c < C; c++) dx[xi + c] += cols[(tapRow + c) * rowCount + i];
        }
        tapRow += C;
      }
    }
  }
}
