import { describe, expect, it } from 'vitest';
import type { ResamplingSettings } from '@nnunet-ts/plans';
import { axisInterpolations, lowResAxis } from './lowResAxis';

describe('lowResAxis (nnU-Net separate-z rule)', () => {
  it('picks the coarse axis of anisotropic source spacing', () => {
    expect(lowResAxis([5, 0.8, 0.8], [1, 1, 1], 3)).toBe(0);
    expect(lowResAxis([0.7, 0.7, 3.6], [1, 1, 1], 3)).toBe(2);
  });

  it('falls back to the target spacing when the source is isotropic', () => {
    expect(lowResAxis([1, 1, 1], [1, 4, 1], 3)).toBe(1);
  });

  it('needs a ratio above the threshold, and a single coarsest axis', () => {
    expect(lowResAxis([3, 1, 1], [3, 1, 1], 3)).toBeNull();
    expect(lowResAxis([3.01, 1, 1], [1, 1, 1], 3)).toBe(0);
    // two equally coarse axes (e.g. 0.24 × 1.25 × 1.25): no separate axis
    expect(lowResAxis([0.24, 1.25, 1.25], [1, 1, 1], 3)).toBeNull();
  });

  it('gives the coarse axis its own kernel', () => {
    const settings: ResamplingSettings = {
      interpolation: 'cubic',
      lowResAxisInterpolation: 'nearest',
      anisotropyThreshold: 3,
    };
    expect(axisInterpolations([4, 1, 1], [2, 1, 1], settings)).toEqual(['nearest', 'cubic', 'cubic']);
    expect(axisInterpolations([1, 1, 1], [2, 1, 1], settings)).toEqual(['cubic', 'cubic', 'cubic']);
  });
});
