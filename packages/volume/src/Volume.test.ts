import { describe, expect, it } from 'vitest';
import { composeAffine } from './affine';
import { createVolume, voxelCount } from './Volume';

describe('createVolume', () => {
  it('derives origin, direction and spacing from the affine', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const affine = composeAffine(
      [2, 3, 4],
      [
        [c, -s, 0],
        [s, c, 0],
        [0, 0, -1],
      ],
      [10, -20, 30],
    );
    const v = createVolume({ data: new Int16Array(2 * 3 * 4 * 2), shape: [2, 3, 4], channels: 2, affine });
    expect(v.dtype).toBe('int16');
    expect(v.origin).toEqual([10, -20, 30]);
    expect(v.spacing[0]).toBeCloseTo(2, 12);
    expect(v.spacing[1]).toBeCloseTo(3, 12);
    expect(v.spacing[2]).toBeCloseTo(4, 12);
    expect(v.direction[0][0]).toBeCloseTo(c, 12);
    expect(v.direction[0][1]).toBeCloseTo(-s, 12);
    expect(v.direction[2][2]).toBeCloseTo(-1, 12);
    expect(voxelCount(v)).toBe(24);
  });

  it('defaults to diag(spacing) at the origin and keeps a given spacing', () => {
    const v = createVolume({ data: new Float32Array(8), shape: [2, 2, 2], spacing: [0.5, 1, 2] });
    expect(v.affine).toEqual([
      [0.5, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 1],
    ]);
    expect(v.spacing).toEqual([0.5, 1, 2]);
  });

  it('counts components of complex and RGB data', () => {
    expect(createVolume({ data: new Float32Array(16), dtype: 'complex64', shape: [2, 2, 2] }).dtype).toBe(
      'complex64',
    );
    expect(() => createVolume({ data: new Uint8Array(8), dtype: 'rgb24', shape: [2, 2, 2] })).toThrow(
      /needs 24 elements, got 8/,
    );
  });

  it('refuses inconsistent pieces with a message naming the argument', () => {
    expect(() => createVolume({ data: new Uint8Array(7), shape: [2, 2, 2] })).toThrow(
      /^data: .*needs 8 elements/,
    );
    expect(() => createVolume({ data: new Uint8Array(8), shape: [2, 2, 0] })).toThrow(/^shape:/);
    expect(() => createVolume({ data: new Uint8Array(8), shape: [2, 2, 2], channels: 0 })).toThrow(
      /^channels:/,
    );
    expect(() => createVolume({ data: new Uint8Array(8), shape: [2, 2, 2], spacing: [1, 0, 1] })).toThrow(
      /^spacing:/,
    );
    expect(() =>
      createVolume({ data: new Uint8Array(8) as never, dtype: 'int16', shape: [2, 2, 2] }),
    ).toThrow(/needs a Int16Array/);
    const singular = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
    ] as const;
    expect(() => createVolume({ data: new Uint8Array(8), shape: [2, 2, 2], affine: singular })).toThrow(
      /singular/,
    );
    const nan = [
      [NaN, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ] as const;
    expect(() => createVolume({ data: new Uint8Array(8), shape: [2, 2, 2], affine: nan })).toThrow(/finite/);
  });
});
