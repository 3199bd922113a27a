import { describe, expect, it } from 'vitest';
import { flip } from './flip';
import { createVolume } from './Volume';
import { randomVolume, worldPositionsKept } from './internal/testing';

describe('flip', () => {
  it('reverses an axis and puts the origin at the old last voxel', () => {
    const v = createVolume({
      data: new Uint8Array([1, 2, 3, 4, 5, 6]),
      shape: [3, 2, 1],
      spacing: [2, 1, 1],
    });
    const f = flip(v, [0]);
    expect(Array.from(f.data)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(f.affine[0]).toEqual([-2, 0, 0, 4]);
    expect(Array.from(flip(v, [1]).data)).toEqual([4, 5, 6, 1, 2, 3]);
  });

  it('keeps every voxel at its world position for every axis combination', () => {
    const v = randomVolume('complex64', [4, 3, 2], 3, 3);
    for (const axes of [[], [0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]]) {
      const f = flip(v, axes);
      expect(worldPositionsKept(v, f)).toBeNull();
      expect(Array.from(flip(f, axes).data)).toEqual(Array.from(v.data));
    }
  });

  it('refuses an axis that does not exist', () => {
    const v = createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] });
    expect(() => flip(v, [3])).toThrow(/flip: axis must be 0, 1 or 2, got 3/);
  });
});
