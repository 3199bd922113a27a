import { describe, expect, it } from 'vitest';
import { toPlanAxes, toVolumeAxes } from './planAxes';

describe('plan axes', () => {
  it('keep all three volume axes in 3D and drop D in 2D', () => {
    expect(toPlanAxes(3, [3, 0.8, 0.7])).toEqual([3, 0.8, 0.7]);
    expect(toPlanAxes(2, [3, 0.8, 0.7])).toEqual([0.8, 0.7]);
  });

  it('put D back from the case in 2D, and round-trip', () => {
    expect(toVolumeAxes(2, [0.8, 0.7], 3)).toEqual([3, 0.8, 0.7]);
    expect(toVolumeAxes(3, [1, 2, 3], 9)).toEqual([1, 2, 3]);
    for (const dim of [2, 3] as const) {
      expect(toVolumeAxes(dim, toPlanAxes(dim, [5, 6, 7]), 5)).toEqual([5, 6, 7]);
    }
  });
});
