import { describe, expect, it } from 'vitest';
import { gaussianBlur } from './gaussianBlur';
import { Random } from './random';
import type { Sample } from './Sample';
import { reflect101 } from './internal/convolveAxis';
import { gaussianKernel } from './internal/gaussianKernel';
import { expectBinomial, expectMean, sampleOf } from './internal/testing';

/** Direct (non-separable) 3D convolution with the outer product of 1D Gaussians; σ 0 leaves an axis alone. */
function slowBlur(s: Sample, sigma: readonly number[]): Float32Array {
  const [D, H, W] = s.shape;
  const C = s.channels;
  const k = sigma.map((x) => (x === 0 ? Float64Array.of(1) : gaussianKernel(x, Math.ceil(3 * x))));
  const r = k.map((x) => (x.length - 1) / 2);
  const out = new Float32Array(s.image.length);
  for (let d = 0; d < D; d++)
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++)
        for (let c = 0; c < C; c++) {
          let acc = 0;
          for (let a = -r[0]; a <= r[0]; a++)
            for (let b = -r[1]; b <= r[1]; b++)
              for (let e = -r[2]; e <= r[2]; e++) {
                const i = (reflect101(d + a, D) * H + reflect101(h + b, H)) * W + reflect101(w + e, W);
                acc += k[0][a + r[0]] * k[1][b + r[1]] * k[2][e + r[2]] * s.image[i * C + c];
              }
          out[((d * H + h) * W + w) * C + c] = acc;
        }
  return out;
}

function expectClose(a: Float32Array, b: Float32Array, tol: number) {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThan(tol);
}

describe('gaussianBlur', () => {
  const r0 = Random.derive(1);
  const s = sampleOf([5, 9, 11], 2, () => r0.normal());

  it('equals a direct 3D convolution with reflect-101 borders (3D and in-plane)', () => {
    expectClose(gaussianBlur(s, r0, { p: 1, sigma: [1.2, 1.2] }).image, slowBlur(s, [1.2, 1.2, 1.2]), 1e-5);
    // σ = 1.5 makes the kernel (radius 5) wider than axis 0 (5 voxels): the mirror repeats.
    expectClose(gaussianBlur(s, r0, { p: 1, sigma: [1.5, 1.5] }).image, slowBlur(s, [1.5, 1.5, 1.5]), 1e-5);
    expectClose(
      gaussianBlur(s, r0, { p: 1, sigma: [0.7, 0.7], axes: [1, 2] }).image,
      slowBlur(s, [0, 0.7, 0.7]),
      1e-5,
    );
  });

  it('keeps constants constant and leaves the label alone', () => {
    const flat = sampleOf(
      [4, 4, 4],
      1,
      () => 2.5,
      () => 1,
    );
    const out = gaussianBlur(flat, r0, { p: 1 });
    out.image.forEach((v) => expect(v).toBeCloseTo(2.5, 5));
    expect(out.label).toBe(flat.label);
  });

  it('applies with probability p (default 0.15)', () => {
    const r = Random.derive(2);
    let applied = 0;
    for (let i = 0; i < 2000; i++) if (gaussianBlur(s, r) !== s) applied++;
    expectBinomial(applied, 2000, 0.15);
  });

  it('draws σ uniformly in [0.5, 1.5] (read back from the impulse response)', () => {
    // A unit impulse on a line: the output centre is the kernel's centre tap, which falls as σ grows.
    const impulse = sampleOf([1, 1, 41], 1, (_d, _h, w) => (w === 20 ? 1 : 0));
    const centreTap = (sigma: number) => gaussianKernel(sigma, Math.ceil(3 * sigma))[Math.ceil(3 * sigma)];
    const r = Random.derive(3);
    const sigmas: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const peak = gaussianBlur(impulse, r, { p: 1, axes: [2] }).image[20];
      let [lo, hi] = [0.3, 2];
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (centreTap(mid) > peak) lo = mid;
        else hi = mid;
      }
      sigmas.push(lo);
    }
    expect(Math.min(...sigmas)).toBeGreaterThan(0.5 - 1e-4);
    expect(Math.max(...sigmas)).toBeLessThan(1.5 + 1e-4);
    expectMean(sigmas, 1, 1 / 12);
  });

  it("nnU-Net v2's options: each channel with probability 1/2, σ per channel and per axis", () => {
    const impulse = sampleOf([21, 21, 21], 2, (d, h, w) => (d === 10 && h === 10 && w === 10 ? 1 : 0));
    const r = Random.derive(4);
    let blurredChannels = 0;
    let draws = 0;
    let unequalAxes = 0;
    for (let i = 0; i < 300; i++) {
      const out = gaussianBlur(impulse, r, {
        p: 1,
        sigma: [0.5, 1],
        pPerChannel: 0.5,
        independentChannels: true,
        independentAxes: true,
      });
      if (out === impulse) {
        draws += 2;
        continue;
      }
      for (let c = 0; c < 2; c++) {
        draws++;
        const at = (d: number, h: number, w: number) => out.image[((d * 21 + h) * 21 + w) * 2 + c];
        if (at(10, 10, 10) === 1) continue;
        blurredChannels++;
        // Neighbour along each axis over the centre: equal iff the axes share σ.
        const spread = [at(11, 10, 10), at(10, 11, 10), at(10, 10, 11)];
        if (Math.abs(spread[0] - spread[1]) > 1e-6 && Math.abs(spread[1] - spread[2]) > 1e-6) unequalAxes++;
      }
    }
    expectBinomial(blurredChannels, draws, 0.5);
    expect(unequalAxes).toBe(blurredChannels);
    // Without independent axes the three σ are one.
    const shared = gaussianBlur(impulse, r, { p: 1 });
    const at = (d: number, h: number, w: number) => shared.image[((d * 21 + h) * 21 + w) * 2];
    expect(at(11, 10, 10)).toBeCloseTo(at(10, 11, 10), 7);
    expect(at(10, 10, 11)).toBeCloseTo(at(10, 11, 10), 7);
  });

  it('names bad options', () => {
    expect(() => gaussianBlur(s, r0, { sigma: [0, 1] })).toThrow(/gaussianBlur: sigma/);
    expect(() => gaussianBlur(s, r0, { axes: [0, 4] })).toThrow(/gaussianBlur: axes/);
    expect(() => gaussianBlur(s, r0, { truncate: 0 })).toThrow(/gaussianBlur: truncate/);
  });
});
