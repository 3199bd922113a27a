import { describe, expect, it } from 'vitest';
import { argmaxChannels } from './argmaxChannels';

describe('argmaxChannels', () => {
  it('gives each voxel the channel with the largest value, the first one on ties', () => {
    const logits = Float32Array.of(0, 1, 2, /**/ 5, -1, 5, /**/ -3, -2, -2.5, /**/ 7, 7, 7);
    expect([...argmaxChannels(logits, 3)]).toEqual([2, 0, 1, 0]);
  });

  it('refuses values that are not whole voxels, and more classes than uint8 holds', () => {
    expect(() => argmaxChannels(new Float32Array(5), 2)).toThrow(
      /5 values are not a whole number of 2-channel voxels/,
    );
    expect(() => argmaxChannels(new Float32Array(257), 257)).toThrow(/channels must be 1\.\.256/);
  });
});
