import { describe, expect, it } from 'vitest';
import { resizeAxis, resizeVolume } from './resize';
import { sampleOf } from './testing';

/** Source position of output o when n samples are resized to m (half-pixel centres). */
const at = (o: number, n: number, m: number) => ((o + 0.5) * n) / m - 0.5;

describe('resizeAxis', () => {
  it('reproduces linear functions with linear and cubic kernels, and quadratics with cubic, away from the ends', () => {
    for (const [n, m] of [
      [7, 13],
      [13, 7],
      [10, 10],
      [5, 16],
    ]) {
      const line = Float32Array.from({ length: n }, (_, i) => 2 * i + 1);
      const square = Float32Array.from({ length: n }, (_, i) => i * i - 3 * i);
      const lin = resizeAxis(line, 1, n, 1, m, 'linear');
      const cub = resizeAxis(line, 1, n, 1, m, 'cubic');
      const cubSq = resizeAxis(square, 1, n, 1, m, 'cubic');
      for (let o = 0; o < m; o++) {
        const x = at(o, n, m);
        if (x >= 0 && x <= n - 1) expect(lin[o]).toBeCloseTo(2 * x + 1, 4);
        if (x >= 1 && x <= n - 2) {
          expect(cub[o]).toBeCloseTo(2 * x + 1, 4);
          expect(cubSq[o]).toBeCloseTo(x * x - 3 * x, 3);
        }
      }
    }
  });

  it('keeps constants constant up to the borders', () => {
    const flat = new Float32Array(9).fill(3.5);
    for (const kernel of ['nearest', 'linear', 'cubic'] as const) {
      expect(Array.from(resizeAxis(flat, 1, 9, 1, 20, kernel))).toEqual(new Array(20).fill(3.5));
    }
  });

  it('nearest picks sample floor((o + 0.5)·n/m): the centre-right sample when halving, each sample twice when doubling', () => {
    const src = Uint8Array.from([10, 11, 12, 13, 14, 15, 16, 17]);
    expect(Array.from(resizeAxis(src, 1, 8, 1, 4, 'nearest'))).toEqual([11, 13, 15, 17]);
    expect(Array.from(resizeAxis(src.subarray(0, 4), 1, 4, 1, 8, 'nearest'))).toEqual([
      10, 10, 11, 11, 12, 12, 13, 13,
    ]);
  });

  it('moves whole inner rows (channels) together and refuses to interpolate labels', () => {
    // Two interleaved channels: c0 = i, c1 = 100 - i.
    const src = Float32Array.from({ length: 12 }, (_, k) => (k % 2 === 0 ? k / 2 : 100 - (k - 1) / 2));
    const out = resizeAxis(src, 1, 6, 2, 9, 'linear');
    for (let o = 0; o < 9; o++) {
      const x = Math.min(5, Math.max(0, at(o, 6, 9)));
      expect(out[2 * o]).toBeCloseTo(x, 5);
      expect(out[2 * o + 1]).toBeCloseTo(100 - x, 4);
    }
    expect(() => resizeAxis(new Uint8Array(4), 1, 4, 1, 8, 'linear')).toThrow(/needs float data/);
  });
});

describe('resizeVolume', () => {
  it('resizes all three axes of a channels-last volume (trilinear reproduces an affine function inside)', () => {
    const f = (d: number, h: number, w: number, c: number) => 1.5 * d - 2 * h + 0.5 * w + 10 * c;
    const s = sampleOf([6, 7, 8], 2, f);
    const to = [9, 5, 12] as const;
    const out = resizeVolume(s.image, s.shape, 2, to, 'linear');
    expect(out.length).toBe(9 * 5 * 12 * 2);
    for (let d = 0; d < to[0]; d++) {
      for (let h = 0; h < to[1]; h++) {
        for (let w = 0; w < to[2]; w++) {
          const x = [at(d, 6, 9), at(h, 7, 5), at(w, 8, 12)];
          if (x[0] < 0 || x[0] > 5 || x[1] < 0 || x[1] > 6 || x[2] < 0 || x[2] > 7) continue;
          for (let c = 0; c < 2; c++) {
            expect(out[((d * to[1] + h) * to[2] + w) * 2 + c]).toBeCloseTo(f(x[0], x[1], x[2], c), 4);
          }
        }
      }
    }
    expect(resizeVolume(s.image, s.shape, 2, s.shape, 'cubic')).toBe(s.image);
  });
});
