import { describe, expect, it } from 'vitest';
import { boundingBox } from './boundingBox';
import { createVolume } from './Volume';
import { rng } from './internal/testing';

describe('boundingBox', () => {
  it('is the min/max of the set voxels, end exclusive', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 20; trial++) {
      const shape = [7, 5, 6] as const;
      const data = new Uint8Array(7 * 5 * 6 * 2);
      const points: number[][] = [];
      for (let p = 0; p < 1 + (trial % 4); p++) {
        const pt = [0, 1, 2].map((d) => Math.floor(rand() * shape[d]));
        const ch = Math.floor(rand() * 2);
        data[((ch * 6 + pt[2]) * 5 + pt[1]) * 7 + pt[0]] = 1 + Math.floor(rand() * 3);
        points.push(pt);
      }
      const box = boundingBox(createVolume({ data, shape, channels: 2 }));
      expect(box).toEqual({
        start: [0, 1, 2].map((d) => Math.min(...points.map((p) => p[d]))),
        end: [0, 1, 2].map((d) => Math.max(...points.map((p) => p[d])) + 1),
      });
    }
  });

  it('is null for an empty mask and sees bigint, NaN and any complex component', () => {
    expect(boundingBox(createVolume({ data: new Float32Array(8), shape: [2, 2, 2] }))).toBeNull();
    const big = new BigInt64Array(8);
    big[7] = -1n;
    expect(boundingBox(createVolume({ data: big, shape: [2, 2, 2] }))).toEqual({
      start: [1, 1, 1],
      end: [2, 2, 2],
    });
    const nan = new Float64Array(8);
    nan[1] = NaN;
    expect(boundingBox(createVolume({ data: nan, shape: [2, 2, 2] }))).toEqual({
      start: [1, 0, 0],
      end: [2, 1, 1],
    });
    const complex = new Float32Array(16);
    complex[2 * 2 + 1] = 0.5; // imaginary part of voxel (0, 1, 0)
    expect(boundingBox(createVolume({ data: complex, dtype: 'complex64', shape: [2, 2, 2] }))).toEqual({
      start: [0, 1, 0],
      end: [1, 2, 1],
    });
  });
});
