import { describe, expect, it } from 'vitest';
import { axisCodes } from './orientation';
import { asClosestCanonical, orientTo, reorient } from './reorient';
import { createVolume } from './Volume';
import { rng, worldPositionsKept } from './internal/testing';

const AXES = ['RL', 'AP', 'SI'];
function allCodes(): string[] {
  const out: string[] = [];
  for (const perm of [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ]) {
    for (let signs = 0; signs < 8; signs++) out.push(perm.map((a, d) => AXES[a][(signs >> d) & 1]).join(''));
  }
  return out;
}

describe('reorient', () => {
  it('flips an LAS volume to RAS the way nibabel as_closest_canonical does', () => {
    const v = createVolume({
      data: new Uint8Array([1, 2, 3]),
      shape: [3, 1, 1],
      affine: [
        [-2, 0, 0, 10],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    });
    const c = asClosestCanonical(v);
    expect(Array.from(c.data)).toEqual([3, 2, 1]);
    expect(c.affine[0]).toEqual([2, 0, 0, 6]);
  });

  it('reaches each of the 48 orientations and comes back to the same canonical array', () => {
    const rand = rng(7);
    const data = new Float32Array(4 * 3 * 5 * 2).map(() => rand());
    const ras = createVolume({
      data,
      shape: [4, 3, 5],
      channels: 2,
      affine: [
        [1.5, 0, 0, -3],
        [0, 2, 0, 4],
        [0, 0, 0.5, 7],
        [0, 0, 0, 1],
      ],
    });
    const codes = allCodes();
    expect(new Set(codes).size).toBe(48);
    for (const code of codes) {
      const v = orientTo(ras, code);
      expect(axisCodes(v.affine).join('')).toBe(code);
      expect(worldPositionsKept(ras, v)).toBeNull();
      const back = asClosestCanonical(v);
      expect(back.shape).toEqual(ras.shape);
      expect(Array.from(back.data)).toEqual(Array.from(ras.data));
      back.affine.flat().forEach((x, e) => expect(x).toBeCloseTo(ras.affine.flat()[e], 12));
    }
  });

  it('refuses a transform that is not a signed permutation', () => {
    const v = createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] });
    expect(() =>
      reorient(v, [
        [0, 1],
        [0, 1],
        [2, 1],
      ]),
    ).toThrow(/reorient: transform/);
  });
});
