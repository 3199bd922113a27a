import type { ReferenceConvSpec } from './referenceConv';

/** 3D geometries the kernels must get right: stride 1 and 2, same/valid, odd sizes, anisotropy, batch 2. */
export const CONV3D_CASES: ReferenceConvSpec[] = [
  { inShape: [1, 5, 6, 7, 2], filterShape: [3, 3, 3, 2, 3], strides: [1, 1, 1], pad: 'same' },
  { inShape: [2, 4, 4, 4, 3], filterShape: [2, 2, 2, 3, 2], strides: [2, 2, 2], pad: 'valid' },
  { inShape: [1, 5, 5, 5, 2], filterShape: [3, 3, 3, 2, 2], strides: [2, 2, 2], pad: 'same' },
  { inShape: [1, 6, 5, 4, 1], filterShape: [3, 2, 3, 1, 2], strides: [2, 1, 2], pad: 'valid' },
  { inShape: [1, 3, 4, 5, 4], filterShape: [1, 3, 3, 4, 2], strides: [1, 2, 2], pad: 'same' },
];

/** 2D geometries, written as 3D with depth 1 (same memory layout as NHWC). */
export const CONV2D_CASES: ReferenceConvSpec[] = [
  { inShape: [1, 1, 6, 7, 2], filterShape: [1, 3, 3, 2, 3], strides: [1, 1, 1], pad: 'same' },
  { inShape: [2, 1, 5, 5, 3], filterShape: [1, 3, 3, 3, 2], strides: [1, 2, 2], pad: 'same' },
  { inShape: [2, 1, 4, 4, 3], filterShape: [1, 2, 2, 3, 2], strides: [1, 2, 2], pad: 'valid' },
  { inShape: [1, 1, 6, 5, 1], filterShape: [1, 3, 2, 1, 2], strides: [1, 2, 1], pad: 'valid' },
];

/** A dilated case, for the forward convolution only: tfjs's conv gradients require dilation 1, and tfjs allows dilation only with stride 1. */
export const DILATED_CONV3D_CASE: ReferenceConvSpec = {
  inShape: [1, 6, 7, 6, 2],
  filterShape: [3, 2, 3, 2, 3],
  strides: [1, 1, 1],
  pad: 'same',
  dilations: [2, 1, 2],
};

export const describeCase = (spec: ReferenceConvSpec): string =>
  `x ${spec.inShape.join('×')}, filter ${spec.filterShape.join('×')}, strides ${spec.strides.join(',')}, ${spec.pad}` +
  (spec.dilations === undefined ? '' : `, dilations ${spec.dilations.join(',')}`);

/** NHWC shapes of a depth-1 case. */
export function as2D(spec: ReferenceConvSpec) {
  const [n, , h, w, c] = spec.inShape;
  const [, kh, kw, ci, co] = spec.filterShape;
  return {
    inShape: [n, h, w, c] as [number, number, number, number],
    filterShape: [kh, kw, ci, co] as [number, number, number, number],
    strides: [spec.strides[1], spec.strides[2]] as [number, number],
  };
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
