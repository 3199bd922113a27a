import type { ConvGeometry } from './ConvGeometry';

/**
 * Writes rows [rowStart, rowStart + rowCount) of the column matrix of `x` (channels-last) into
 * `cols`: row r holds, for output position r, the input values under every filter tap in the
 * filter's (depth, height, width, inChannels) order, with zeros where the tap falls in padding.
 */
export function im2col(
  g: ConvGeometry,
  x: Float32Array,
  rowStart: number,
  rowCount: number,
  cols: Float32Array,
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
        cols.fill(0, o, o + g.filterHeight * g.filterWidth * C);
        o += g.filterHeight * g.filterWidth * C;
        continue;
      }
      for (let kh = 0; kh < g.filterHeight; kh++) {
        const h = oh * g.strideHeight - g.padTop + kh * g.dilationHeight;
        if (h < 0 || h >= g.inHeight) {
          cols.fill(0, o, o + g.filterWidth * C);
          o += g.filterWidth * C;
          continue;
        }
        const rowBase = ((n * g.inDepth + d) * g.inHeight + h) * g.inWidth;
        for (let kw = 0; kw < g.filterWidth; kw++) {
          const w = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth;
          if (w < 0 || w >= g.inWidth) {
            cols.fill(0, o, o + C);
          } else {
            const xi = (rowBase + w) * C;
            for (let c = 0; c < C; c++) cols[o + c] = x[xi + c];
          }
          o += C;
        }
      }
    }
  }
}
