import { describe, expect, it } from 'vitest';
import { brightness } from './brightness';
import { Random } from './random';
import { expectBinomial, expectMean, sampleOf } from './internal/testing';

describe('brightness', () => {
  // Channel c holds c + 1 at every voxel, so out / in reads the multiplier back.
  const s = sampleOf(
    [2, 3, 4],
    3,
    (_d, _h, _w, c) => c + 1,
    () => 2,
  );

  it('applies with probability p (default 0.15)', () => {
    const r = Random.derive(1);
    let applied = 0;
    for (let i = 0; i < 2000; i++) if (brightness(s, r) !== s) applied++;
    expectBinomial(applied, 2000, 0.15);
  });

  it('multiplies the whole image by one factor uniform in [0.7, 1.3]', () => {
    const r = Random.derive(2);
    const factors: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const out = brightness(s, r, { p: 1 });
      const m = out.image[0];
      expect(Math.max(...out.image.map((v, k) => Math.abs(v - m * s.image[k])))).toBeLessThan(1e-5);
      expect(out.label).toBe(s.label);
      factors.push(m);
    }
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.7 - 1e-6);
    expect(Math.max(...factors)).toBeLessThan(1.3 + 1e-6);
    expectMean(factors, 1, 0.36 / 12);
  });

  it("nnU-Net v2's draw: per channel, below or above 1 with probability 1/2 each, in [0.75, 1.25]", () => {
    const r = Random.derive(3);
    const factors: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const out = brightness(s, r, { p: 1, factor: [0.75, 1.25], draw: 'aroundOne', perChannel: true });
      for (let c = 0; c < 3; c++) factors.push(out.image[c] / (c + 1));
    }
    const low = factors.filter((m) => m < 1);
    expectBinomial(low.length, factors.length, 0.5);
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.75 - 1e-6);
    expect(Math.max(...factors)).toBeLessThan(1.25 + 1e-6);
    expectMean(low, 0.875, 0.0625 / 12);
    // Channels draw independently: consecutive channels rarely share a factor.
    expect(factors.filter((m, k) => k % 3 > 0 && m === factors[k - 1]).length).toBe(0);
  });

  it('names bad options', () => {
    expect(() => brightness(s, Random.derive(4), { factor: [0.8, 0.9], draw: 'aroundOne' })).toThrow(
      /must contain 1/,
    );
    expect(() => brightness(s, Random.derive(4), { factor: [-1, 2] })).toThrow(/brightness: factor/);
  });
});
