import { backend_util } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { geometryOf2D, geometryOf3D, unsupportedReason } from './convGeometry';
import { referenceGeometry } from './testing/referenceConv';

describe('geometryOf3D', () => {
  it("passes tfjs's output size and same-padding offsets, which match TensorFlow's rule", () => {
    // 'same', stride 2, even kernel on odd sizes: the padding is uneven and goes mostly after.
    const info = backend_util.computeConv3DInfo([2, 7, 6, 9, 3], [2, 3, 3, 3, 5], [2, 2, 1], 1, 'same');
    const ref = referenceGeometry({
      batch: 2,
      input: [7, 6, 9, 3],
      kernel: [2, 3, 3],
      outChannels: 5,
      strides: [2, 2, 1],
      padding: 'same',
    });
    expect(Array.from(geometryOf3D(info))).toEqual([
      2,
      7,
      6,
      9,
      3,
      ...ref.out,
      5,
      2,
      3,
      3,
      2,
      2,
      1,
      ...ref.pad,
    ]);
  });
});

describe('geometryOf2D', () => {
  it('maps a 2D convolution to depth 1', () => {
    const info = backend_util.computeConv2DInfo([3, 8, 5, 4], [3, 1, 4, 6], [2, 1], 1, 'valid');
    expect(Array.from(geometryOf2D(info))).toEqual([3, 1, 8, 5, 4, 1, 3, 5, 6, 1, 3, 1, 1, 2, 1, 0, 0, 0]);
  });
});

describe('unsupportedReason', () => {
  it('accepts dilation 1 channels-last convolutions', () => {
    expect(
      unsupportedReason(backend_util.computeConv3DInfo([1, 5, 5, 5, 2], [3, 3, 3, 2, 2], 1, 1, 'same')),
    ).toBe(undefined);
  });

  it('names dilations and channels-first layouts', () => {
    expect(
      unsupportedReason(backend_util.computeConv3DInfo([1, 9, 9, 9, 2], [3, 3, 3, 2, 2], 1, 2, 'same')),
    ).toMatch(/dilations 2x2x2/);
    const nchw = backend_util.computeConv2DInfo(
      [1, 2, 9, 9],
      [3, 3, 2, 4],
      1,
      1,
      'same',
      undefined,
      false,
      'channelsFirst',
    );
    expect(unsupportedReason(nchw)).toMatch(/data format channelsFirst/);
  });
});
