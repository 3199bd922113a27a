import { describe, expect, it } from 'vitest';
import { foregroundCrop } from './foregroundCrop';
import { labelObjects } from './labelObjects';
import { Random } from './random';
import type { Sample } from './Sample';
import { expectBinomial, sampleOf } from './internal/testing';

const SHAPE = [64, 64, 64] as const;
const PATCH = [24, 24, 24] as const;

/** A case with one 3×3×3 structure at `at`; the image is the label plus a ramp so crops can be located. */
function smallStructure(at: readonly number[]): Sample {
  const inside = (d: number, h: number, w: number) =>
    d >= at[0] && d < at[0] + 3 && h >= at[1] && h < at[1] + 3 && w >= at[2] && w < at[2] + 3 ? 1 : 0;
  return sampleOf(SHAPE, 1, (d, h, w) => inside(d, h, w) * 1000 + d * 64 * 64 + h * 64 + w + 1, inside);
}

/** Probability that a uniformly placed patch overlaps the structure: exact, per axis. */
function uniformHit(at: readonly number[]): number {
  return at.reduce((p, a, axis) => {
    const positions = SHAPE[axis] - PATCH[axis] + 1;
    let hits = 0;
    for (let s = 0; s < positions; s++) if (s <= a + 2 && s + PATCH[axis] - 1 >= a) hits++;
    return p * (hits / positions);
  }, 1);
}

describe('foregroundCrop', () => {
  const cases = [
    [10, 40, 25],
    [0, 0, 61],
    [30, 31, 32],
    [55, 5, 12],
  ].map((at) => {
    const sample = smallStructure(at);
    return { at, sample, objects: labelObjects(sample.label, sample.shape) };
  });

  it('gives patches holding foreground at least `oversampling` of the time on a dataset with a small structure', () => {
    for (const oversampling of [0, 0.33, 0.5]) {
      const r = Random.derive(7, Math.round(oversampling * 100));
      let withForeground = 0;
      let expected = 0;
      const n = 2000;
      for (let i = 0; i < n; i++) {
        const { at, sample, objects } = cases[i % cases.length];
        const patch = foregroundCrop(sample, r, { patch: PATCH, oversampling, crop: { objects } });
        if (patch.label.some((v) => v === 1)) withForeground++;
        expected += oversampling + (1 - oversampling) * uniformHit(at);
      }
      // An aimed patch always holds the whole 3×3×3 structure; an unaimed one holds it by chance.
      expectBinomial(withForeground, n, expected / n);
      expect(withForeground / n).toBeGreaterThanOrEqual(oversampling);
    }
  });

  it('copies the chosen region of image and label unchanged', () => {
    const { sample } = cases[0];
    const r = Random.derive(8);
    for (let i = 0; i < 50; i++) {
      const patch = foregroundCrop(sample, r, { patch: PATCH });
      // The ramp tells where the patch came from: its first voxel.
      const first = patch.image[0] - 1 - (patch.label[0] ? 1000 : 0);
      const start = [Math.floor(first / 4096), Math.floor(first / 64) % 64, first % 64];
      for (let d = 0; d < 24; d += 5)
        for (let h = 0; h < 24; h += 7)
          for (let w = 0; w < 24; w += 3) {
            const o = (d * 24 + h) * 24 + w;
            const s = ((start[0] + d) * 64 + start[1] + h) * 64 + start[2] + w;
            expect([patch.image[o], patch.label[o]]).toEqual([sample.image[s], sample.label[s]]);
          }
    }
  });

  it('finds the objects itself when none are given, and checks cached ones against the shape', () => {
    const { sample } = cases[2];
    const r = Random.derive(9);
    for (let i = 0; i < 20; i++) {
      expect(foregroundCrop(sample, r, { patch: PATCH, oversampling: 1 }).label.some((v) => v === 1)).toBe(
        true,
      );
    }
    const wrong = labelObjects(new Uint8Array(8), [2, 2, 2]);
    expect(() => foregroundCrop(sample, r, { patch: PATCH, crop: { objects: wrong } })).toThrow(
      /objects were found on shape/,
    );
  });
});
