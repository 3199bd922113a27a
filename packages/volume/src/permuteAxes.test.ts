import { describe, expect, it } from 'vitest';
import { permuteAxes } from './permuteAxes';
import { createVolume } from './Volume';
import { randomVolume, voxelAt, worldPositionsKept } from './internal/testing';

describe('permuteAxes', () => {
  it('moves source axis order[d] to output axis d, as numpy transpose does', () => {
    const v = createVolume({
      data: new Uint8Array([1, 2, 3, 4, 5, 6]),
      shape: [3, 2, 1],
      spacing: [2, 3, 4],
    });
    const t = permuteAxes(v, [1, 0, 2]);
    expect(t.shape).toEqual([2, 3, 1]);
    expect(Array.from(t.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(t.spacing).toEqual([3, 2, 4]);
  });

  it('keeps every voxel at its world position for all six orders', () => {
    const v = randomVolume('rgb24', [4, 3, 2], 2, 5);
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ] as const) {
      const t = permuteAxes(v, order);
      expect(worldPositionsKept(v, t)).toBeNull();
      const src = [0, 0, 0];
      order.forEach((s, d) => (src[s] = [1, 0, 1][d]));
      expect(voxelAt(t, 1, 0, 1, 1)).toEqual(voxelAt(v, src[0], src[1], src[2], 1));
    }
  });

  it('refuses a non-permutation', () => {
    const v = createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] });
    expect(() => permuteAxes(v, [0, 0, 1])).toThrow(/permutation of \[0, 1, 2\]/);
  });
});
