import { describe, expect, it } from 'vitest';
import { pad } from './pad';
import { createVolume } from './Volume';
import { randomVolume, worldPositionsKept } from './internal/testing';

describe('pad', () => {
  it('surrounds the data with the fill value and shifts the origin back', () => {
    const v = createVolume({ data: new Float32Array([1, 2]), shape: [2, 1, 1], spacing: [2, 1, 1] });
    const p = pad(v, [1, 0, 0], [2, 1, 0], -5);
    expect(p.shape).toEqual([5, 2, 1]);
    expect(Array.from(p.data)).toEqual([-5, 1, 2, -5, -5, -5, -5, -5, -5, -5]);
    expect(p.origin).toEqual([-2, 0, 0]);
  });

  it('keeps every voxel at its world position, filling the rest, for every dtype', () => {
    for (const [n, dtype] of (['int16', 'uint64', 'complex128', 'rgba32', 'float32'] as const).entries()) {
      const v = randomVolume(dtype, [3, 2, 4], 2, 10 + n);
      const fill = dtype === 'uint64' ? 7n : 7;
      const p = pad(v, [2, 0, 1], [1, 3, 0], fill);
      expect(p.shape).toEqual([6, 5, 5]);
      expect(worldPositionsKept(v, p, fill)).toBeNull();
    }
  });

  it('refuses negative or fractional amounts', () => {
    const v = createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] });
    expect(() => pad(v, [-1, 0, 0], [0, 0, 0])).toThrow(/pad: amounts must be non-negative integers/);
    expect(() => pad(v, [0, 0, 0], [0, 0.5, 0])).toThrow(/pad:/);
  });
});
