import { describe, expect, it } from 'vitest';
import { crop } from './crop';
import { createVolume } from './Volume';
import { randomVolume, voxelAt, worldPositionsKept } from './internal/testing';

describe('crop', () => {
  it('takes the half-open box and moves the origin to its first voxel', () => {
    // value = i + 10 j + 100 k
    const data = new Int32Array(4 * 3 * 2).map(
      (_, e) => (e % 4) + 10 * (Math.floor(e / 4) % 3) + 100 * Math.floor(e / 12),
    );
    const v = createVolume({ data, shape: [4, 3, 2], spacing: [2, 3, 4] });
    const c = crop(v, [1, 1, 1], [3, 3, 2]);
    expect(c.shape).toEqual([2, 2, 1]);
    expect(Array.from(c.data)).toEqual([111, 112, 121, 122]);
    expect(c.origin).toEqual([2, 3, 4]);
  });

  it('keeps every voxel at its world position for every dtype and channel count', () => {
    for (const [n, dtype] of (['uint8', 'int64', 'complex64', 'rgb24', 'float64'] as const).entries()) {
      const v = randomVolume(dtype, [5, 4, 3], 2, n);
      const c = crop(v, [1, 0, 1], [4, 3, 3]);
      expect(worldPositionsKept(v, c)).toBeNull();
      expect(voxelAt(c, 0, 0, 0, 1)).toEqual(voxelAt(v, 1, 0, 1, 1));
    }
  });

  it('refuses boxes outside the volume', () => {
    const v = createVolume({ data: new Uint8Array(8), shape: [2, 2, 2] });
    expect(() => crop(v, [0, 0, 0], [3, 2, 2])).toThrow(/does not fit shape \[2, 2, 2\] on axis 0/);
    expect(() => crop(v, [1, 0, 0], [1, 2, 2])).toThrow(/crop:/);
  });
});
