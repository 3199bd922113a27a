import type { ConvGeometry } from './ConvGeometry';

/**
 * The adjoint of `im2col`: adds rows [rowStart, rowStart + rowCount) of a column matrix back
 * into the channels-last input-shaped array `dx`, skipping taps that fall in padding.
 */
export function col2im(
  g: ConvGeometry,
  cols: Float32Array,
  rowStart: number,
  rowCount: number,
  dx: Float32Array,
): void {
  const C = g.inChannels;
  let o = 0;
  for (let r = rowStart; r < rowStart + rowCount; r++) {
    const ow = r % g.outWidth;
    const oh = Math.floor(r / g.outWidth) % g.outHeight;
    const od = Math.floor(r / (g.outWidth * g.outHeight)) % g.outDepth;
    const n = Math.floor(r / (g.outWidth * g.outHeight * g.outDepth));
    for (let kd = 0; kd < g.filterDepth; kd++) {
      const d = od * g.strideDepth - g.padFront + kd * g.dilationDepth;
      if (d < 0 || d >= g.inDepth) {
        o += g.filterHeight * g.filterWidth * C;
        continue;
      }
      for (let kh = 0; kh < g.filterHeight; kh++) {
        const h = oh * g.strideHeight - g.padTop + kh * g.dilationHeight;
        if (h < 0 || h >= g.inHeight) {
          o += g.filterWidth * C;
          continue;
        }
        const rowBase = ((n * g.inDepth + d) * g.inHeight + h) * g.inWidth;
        for (let kw = 0; kw < g.filterWidth; kw++) {
          const w = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth;
          if (w >= 0 && w < g.inWidth) {
            const xi = (rowBase + w) * C;
            for (let c = 0; c < C; c++) dx[xi + c] += cols[o + c];
          }
          o += C;
        }
      }
    }
  }
}
