import { backend_util } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs';

/**
 * Channels-last convolution geometry in three spatial dimensions. A 2D convolution is the
 * same thing with depth 1, so one im2col/col2im pair serves both.
 */
export interface ConvGeometry {
  batch: number;
  inDepth: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outDepth: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterDepth: number;
  filterHeight: number;
  filterWidth: number;
  strideDepth: number;
  strideHeight: number;
  strideWidth: number;
  dilationDepth: number;
  dilationHeight: number;
  dilationWidth: number;
  padFront: number;
  padTop: number;
  padLeft: number;
}

export function geometryFromConv3DInfo(info: backend_util.Conv3DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inDepth: info.inDepth,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outDepth: info.outDepth,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterDepth: info.filterDepth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideDepth: info.strideDepth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationDepth: info.dilationDepth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padFront: info.padInfo.front,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

export function geometryFromConv2DInfo(info: backend_util.Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inDepth: 1,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outDepth: 1,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterDepth: 1,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideDepth: 1,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationDepth: 1,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padFront: 0,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

type Shape4 = [number, number, number, number];

/** The attributes the two 2D backprop kernels share. */
type Conv2DBackpropAttrs = Pick<
  Conv2DBackpropFilterAttrs,
  'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'
>;

/** A 2D backprop kernel's convolution info; only NHWC is supported, and other formats fail naming `kernel`. */
export function nhwcConv2DInfo(
  kernel: string,
  inShape: Shape4,
  filterShape: Shape4,
  { strides, pad, dataFormat, dimRoundingMode }: Conv2DBackpropAttrs,
): backend_util.Conv2DInfo {
  if (dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (wasm): only dataFormat 'NHWC' is supported, got '${dataFormat}'`);
  }
  return backend_util.computeConv2DInfo(inShape, filterShape, strides, 1, pad, dimRoundingMode);
}

/** Rows of the column matrix: one per output position. */
export function columnRows(g: ConvGeometry): number {
  return g.batch * g.outDepth * g.outHeight * g.outWidth;
}

/** Columns of the column matrix: one per filter tap and input channel (the filter's leading dims). */
export function columnWidth(g: ConvGeometry): number {
  return g.filterDepth * g.filterHeight * g.filterWidth * g.inChannels;
}

/** Column matrices are built in row blocks of at most this many floats (64 MiB) to bound wasm heap use. */
export const MAX_BLOCK_ELEMENTS = 1 << 24;

/** How many column-matrix rows one block of at most `maxElements` floats holds (at least one). */
export function blockRows(g: ConvGeometry, maxElements: number): number {
  return Math.max(1, Math.min(columnRows(g), Math.floor(maxElements / columnWidth(g))));
}

/** Offset in a channels-last input of the first channel under tap (kd, kh, kw) of output row `r`, or -1 in padding. */
export function inputOffset(g: ConvGeometry, r: number, kd: number, kh: number, kw: number): number {
  const ow = r % g.outWidth;
  const oh = Math.floor(r / g.outWidth) % g.outHeight;
  const od = Math.floor(r / (g.outWidth * g.outHeight)) % g.outDepth;
  const n = Math.floor(r / (g.outWidth * g.outHeight * g.outDepth));
  const d = od * g.strideDepth - g.padFront + kd * g.dilationDepth;
  const h = oh * g.strideHeight - g.padTop + kh * g.dilationHeight;
  const w = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth;
  if (d < 0 || d >= g.inDepth || h < 0 || h >= g.inHeight || w < 0 || w >= g.inWidth) return -1;
  return (((n * g.inDepth + d) * g.inHeight + h) * g.inWidth + w) * g.inChannels;
}
