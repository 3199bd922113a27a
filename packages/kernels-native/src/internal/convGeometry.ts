import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * The Int32Array the addon takes (native/conv_geometry.h): batch, input D/H/W/C, output D/H/W/C,
 * filter D/H/W, strides D/H/W, padding front/top/left, all from tfjs's own conv info so that output
 * shapes and `same` padding are exactly tfjs's. A 2D convolution is the 3D one with depth 1.
 */
export function geometryOf3D(info: backend_util.Conv3DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inDepth,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outDepth,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterDepth,
    info.filterHeight,
    info.filterWidth,
    info.strideDepth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.front,
    info.padInfo.top,
    info.padInfo.left,
  ]);
}

export function geometryOf2D(info: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    1,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    1,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    1,
    info.filterHeight,
    info.filterWidth,
    1,
    info.strideHeight,
    info.strideWidth,
    0,
    info.padInfo.top,
    info.padInfo.left,
  ]);
}

/** Why the native kernels cannot run this convolution, or undefined when they can. */
export function unsupportedReason(
  info: backend_util.Conv2DInfo | backend_util.Conv3DInfo,
): string | undefined {
  const dilations = 'dilationDepth' in info ? [info.dilationDepth] : [];
  dilations.push(info.dilationHeight, info.dilationWidth);
  if (dilations.some((d) => d !== 1))
    return `dilations ${dilations.join('x')} (only 1 is implemented natively)`;
  if (info.dataFormat !== 'channelsLast')
    return `data format ${info.dataFormat} (only channels-last is implemented natively)`;
  const padding = Object.values(info.padInfo).filter((p): p is number => typeof p === 'number');
  if (padding.some((p) => p < 0)) return `negative padding ${JSON.stringify(info.padInfo)}`;
  return undefined;
}
