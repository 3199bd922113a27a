import { describe, expect, it } from 'vitest';
import { gamma } from './gamma';
import { Random } from './random';
import { expectBinomial, sampleOf } from './internal/testing';

/** nnU-Net v2's formula written out for one channel, in float64. */
function reference(x: number[], g: number, invert: boolean, retain: boolean): number[] {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const std = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));
  let v = x.map((a) => (invert ? -a : a));
  const [m0, s0] = [mean(v), std(v)];
  const lo = Math.min(...v);
  const range = Math.max(...v) - lo;
  v = v.map((a) => ((a - lo) / Math.max(range, 1e-7)) ** g * range + lo);
  if (retain) {
    const [m1, s1] = [mean(v), std(v)];
    v = v.map((a) => ((a - m1) * s0) / Math.max(s1, 1e-7) + m0);
  }
  return v.map((a) => (invert ? -a : a));
}

describe('gamma', () => {
  const r0 = Random.derive(1);
  const s = sampleOf([3, 4, 5], 2, (_d, _h, _w, c) => r0.uniform(-2, 2) * (c + 1));
  const channel = (img: Float32Array, c: number) => Array.from(img).filter((_, k) => k % 2 === c);

  it('matches the written-out formula for every combination of invert and retainStats', () => {
    for (const invert of [false, true]) {
      for (const retainStats of [false, true]) {
        const out = gamma(s, r0, { p: 1, gamma: [1.3, 1.3], draw: 'uniform', invert, retainStats });
        for (let c = 0; c < 2; c++) {
          const want = reference(channel(s.image, c), 1.3, invert, retainStats);
          channel(out.image, c).forEach((v, k) => expect(v).toBeCloseTo(want[k], 4));
        }
      }
    }
  });

  it('keeps mean and standard deviation when retaining stats, and is the identity for γ = 1', () => {
    const out = gamma(s, r0, { p: 1, gamma: [0.7, 0.7], draw: 'uniform' });
    for (let c = 0; c < 2; c++) {
      const [a, b] = [channel(s.image, c), channel(out.image, c)];
      const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
      const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
      expect(mean(b)).toBeCloseTo(mean(a), 4);
      expect(sd(b)).toBeCloseTo(sd(a), 4);
    }
    gamma(s, r0, { p: 1, gamma: [1, 1] }).image.forEach((v, k) => expect(v).toBeCloseTo(s.image[k], 5));
  });

  it('applies with probability p (default 0.3) and draws γ per channel around 1 in [0.7, 1.5]', () => {
    // Values 0, 0.5, 1 per channel: without stats retention 0.5 becomes 0.5^γ.
    const probe = sampleOf([1, 1, 3], 2, (_d, _h, w) => [0, 0.5, 1][w]);
    const r = Random.derive(2);
    let applied = 0;
    const gammas: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const out = gamma(probe, r, { retainStats: false });
      if (out === probe) continue;
      applied++;
      for (let c = 0; c < 2; c++) gammas.push(Math.log(out.image[2 + c]) / Math.log(0.5));
    }
    expectBinomial(applied, 2000, 0.3);
    expect(Math.min(...gammas)).toBeGreaterThanOrEqual(0.7 - 1e-4);
    expect(Math.max(...gammas)).toBeLessThan(1.5 + 1e-4);
    expectBinomial(gammas.filter((g) => g < 1).length, gammas.length, 0.5);
    expect(gammas.filter((g, k) => k % 2 === 1 && g === gammas[k - 1]).length).toBe(0);
  });

  it('names bad options', () => {
    expect(() => gamma(s, r0, { gamma: [1.1, 1.5] })).toThrow(/gamma: gamma/);
  });
});
