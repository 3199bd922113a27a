import { describe, expect, it } from 'vitest';
import { indexToWorld } from './indexToWorld';
import { worldToIndex } from './worldToIndex';
import { randomVolume } from './internal/testing';

describe('indexToWorld / worldToIndex', () => {
  it('applies the affine to the index', () => {
    const affine = [
      [-2, 0, 0, 32],
      [0, 2, 0, -40],
      [0, 0, 2, -16],
      [0, 0, 0, 1],
    ] as const;
    expect(indexToWorld({ affine }, [0, 0, 0])).toEqual([32, -40, -16]);
    expect(indexToWorld({ affine }, [1, 2, 3.5])).toEqual([30, -36, -9]);
    expect(worldToIndex({ affine }, [30, -36, -9])).toEqual([1, 2, 3.5]);
  });

  it('are inverse to each other on oblique affines', () => {
    for (let seed = 0; seed < 10; seed++) {
      const v = randomVolume('uint8', [2, 2, 2], 1, seed);
      const ijk = [seed * 0.7, 3 - seed, 1.25] as const;
      const back = worldToIndex(v, indexToWorld(v, ijk));
      back.forEach((x, d) => expect(x).toBeCloseTo(ijk[d], 10));
    }
  });
});
