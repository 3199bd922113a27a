import { describe, expect, it } from 'vitest';
import { extractPatch } from './extractPatch';
import { Random } from './random';
import { sampleOf } from './internal/testing';

describe('extractPatch', () => {
  it('copies the box voxel by voxel and pads outside with 0 (image) and background (label)', () => {
    const r = Random.derive(3);
    const s = sampleOf(
      [5, 6, 7],
      3,
      () => r.uniform(1, 2),
      () => 1 + r.int(3),
    );
    for (const start of [
      [0, 0, 0],
      [-2, 3, -4],
      [3, -1, 5],
      [-10, 0, 0],
      [1, 1, 1],
    ]) {
      const patch = [4, 5, 6] as const;
      const out = extractPatch(s, start, patch);
      expect(out.shape).toEqual([4, 5, 6]);
      for (let d = 0; d < 4; d++)
        for (let h = 0; h < 5; h++)
          for (let w = 0; w < 6; w++) {
            const [sd, sh, sw] = [start[0] + d, start[1] + h, start[2] + w];
            const inside = sd >= 0 && sd < 5 && sh >= 0 && sh < 6 && sw >= 0 && sw < 7;
            const o = (d * 5 + h) * 6 + w;
            const i = (sd * 6 + sh) * 7 + sw;
            expect(out.label[o]).toBe(inside ? s.label[i] : 0);
            for (let c = 0; c < 3; c++) expect(out.image[o * 3 + c]).toBe(inside ? s.image[i * 3 + c] : 0);
          }
    }
  });

  it('rejects a malformed start', () => {
    const s = sampleOf([2, 2, 2], 1, () => 0);
    expect(() => extractPatch(s, [0, 0], [1, 1, 1])).toThrow(/start must be three integers/);
    expect(() => extractPatch(s, [0, 0, 0], [1, 0, 1])).toThrow(/patch/);
  });
});
