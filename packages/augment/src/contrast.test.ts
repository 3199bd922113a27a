import { describe, expect, it } from 'vitest';
import { contrast } from './contrast';
import { Random } from './random';
import { expectBinomial, expectMean, sampleOf } from './internal/testing';

describe('contrast', () => {
  const r0 = Random.derive(1);
  const s = sampleOf([3, 4, 5], 2, (_d, _h, _w, c) => r0.uniform(-1, 1) + 3 * c);

  it("the seed's contrast: x·m clamped to the whole image's [min, max]", () => {
    const out = contrast(s, r0, { p: 1, factor: [1.4, 1.4] });
    const lo = Math.min(...s.image);
    const hi = Math.max(...s.image);
    out.image.forEach((v, k) => expect(v).toBeCloseTo(Math.min(hi, Math.max(lo, s.image[k] * 1.4)), 5));
  });

  it("nnU-Net v2's contrast: per channel (x − mean)·m + mean, clamped to the channel's [min, max]", () => {
    const out = contrast(s, r0, { p: 1, factor: [0.8, 0.8], around: 'mean', perChannel: true });
    for (let c = 0; c < 2; c++) {
      const values = Array.from(s.image).filter((_, k) => k % 2 === c);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const [lo, hi] = [Math.min(...values), Math.max(...values)];
      for (let k = c; k < s.image.length; k += 2) {
        expect(out.image[k]).toBeCloseTo(Math.min(hi, Math.max(lo, (s.image[k] - mean) * 0.8 + mean)), 5);
      }
    }
  });

  it('applies with probability p and draws the factor uniformly from [0.65, 1.5]', () => {
    // Values −1, 0.5, 1: 0.5·m stays inside [−1, 1] for every m ≤ 1.5, so it reads m back.
    const probe = sampleOf([1, 1, 3], 1, (_d, _h, w) => [-1, 0.5, 1][w]);
    const r = Random.derive(2);
    let applied = 0;
    const factors: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const out = contrast(probe, r);
      if (out === probe) continue;
      applied++;
      factors.push(out.image[1] / 0.5);
      expect(Math.min(...out.image)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...out.image)).toBeLessThanOrEqual(1);
    }
    expectBinomial(applied, 4000, 0.15);
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.65 - 1e-6);
    expect(Math.max(...factors)).toBeLessThan(1.5 + 1e-6);
    expectMean(factors, 1.075, 0.85 ** 2 / 12);
  });

  it('names bad options', () => {
    expect(() => contrast(s, r0, { around: 'median' as 'mean' })).toThrow(/contrast: around/);
    expect(() => contrast(s, r0, { p: 2 })).toThrow(/contrast: p/);
  });
});
