import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussianNoise';
import { Random } from './random';
import { expectBinomial, expectMean, sampleOf } from './internal/testing';

describe('gaussianNoise', () => {
  it('applies with probability p (default 0.15)', () => {
    const s = sampleOf([2, 2, 2], 1, () => 1);
    const r = Random.derive(1);
    let applied = 0;
    for (let i = 0; i < 2000; i++) if (gaussianNoise(s, r) !== s) applied++;
    expectBinomial(applied, 2000, 0.15);
  });

  it('adds zero-mean noise whose σ is uniform in [0, 0.3] and shared by the channels', () => {
    const s = sampleOf(
      [8, 16, 16],
      2,
      (d, h, w, c) => c * 10 + d - h,
      () => 1,
    );
    const r = Random.derive(2);
    const sigmas: number[] = [];
    const n = s.label.length;
    for (let i = 0; i < 400; i++) {
      const out = gaussianNoise(s, r, { p: 1 });
      expect(out.label).toBe(s.label);
      const std = [0, 1].map((c) => {
        let sq = 0;
        let sum = 0;
        for (let k = c; k < out.image.length; k += 2) {
          const e = out.image[k] - s.image[k];
          sum += e;
          sq += e * e;
        }
        const sigma = Math.sqrt(sq / n);
        // The noise is centred: its mean is within 5 standard errors of 0.
        expect(Math.abs(sum / n)).toBeLessThanOrEqual((5 * sigma) / Math.sqrt(n) + 1e-6);
        return sigma;
      });
      // Same σ in both channels: the two estimates agree within sampling error (relative sd 1/sqrt(2n)).
      expect(Math.abs(std[0] - std[1])).toBeLessThanOrEqual(5 * std[0] * Math.sqrt(1 / n) + 1e-6);
      sigmas.push(std[0]);
    }
    expect(Math.max(...sigmas)).toBeLessThanOrEqual(0.3 * (1 + 5 / Math.sqrt(2 * n)));
    expect(Math.min(...sigmas)).toBeGreaterThanOrEqual(0);
    expectMean(sigmas, 0.15, 0.09 / 12 + 0.01 / n);
    // Uniform: a quarter of the draws in each quarter of the range.
    expectBinomial(sigmas.filter((x) => x < 0.075).length, sigmas.length, 0.25);
  });

  it('honours a custom σ range (nnU-Net v2: [0, 0.1])', () => {
    const s = sampleOf([16, 16, 16], 1, () => 0);
    const out = gaussianNoise(s, Random.derive(3), { p: 1, sigma: [0.05, 0.05] });
    const std = Math.sqrt(out.image.reduce((a, v) => a + v * v, 0) / out.image.length);
    expect(std).toBeCloseTo(0.05, 2);
    expect(() => gaussianNoise(s, Random.derive(3), { sigma: [0.2, 0.1] })).toThrow(/gaussianNoise: sigma/);
  });
});
