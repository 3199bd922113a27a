import { describe, expect, it } from 'vitest';
import { Random } from './random';
import type { Sample } from './Sample';
import { simulateLowResolution } from './simulateLowResolution';
import { expectBinomial, sampleOf } from './internal/testing';

/** Nearest-exact down to `low`, then trilinear (half-pixel, edge-clamped) back up, voxel by voxel. */
function slowLowRes(s: Sample, c: number, low: readonly number[]): Float32Array {
  const shape = s.shape;
  const C = s.channels;
  const src = (d: number, h: number, w: number) => s.image[((d * shape[1] + h) * shape[2] + w) * C + c];
  const near = (o: number, a: number) => Math.min(shape[a] - 1, Math.floor(((o + 0.5) * shape[a]) / low[a]));
  const down = (d: number, h: number, w: number) => src(near(d, 0), near(h, 1), near(w, 2));
  const out = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let d = 0, i = 0; d < shape[0]; d++)
    for (let h = 0; h < shape[1]; h++)
      for (let w = 0; w < shape[2]; w++, i++) {
        const pos = [d, h, w].map((o, a) =>
          Math.min(low[a] - 1, Math.max(0, ((o + 0.5) * low[a]) / shape[a] - 0.5)),
        );
        const i0 = pos.map(Math.floor);
        const f = pos.map((p, a) => p - i0[a]);
        let v = 0;
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++)
            for (let e = 0; e < 2; e++) {
              const wgt = (a ? f[0] : 1 - f[0]) * (b ? f[1] : 1 - f[1]) * (e ? f[2] : 1 - f[2]);
              if (wgt === 0) continue;
              v +=
                wgt *
                down(
                  Math.min(i0[0] + a, low[0] - 1),
                  Math.min(i0[1] + b, low[1] - 1),
                  Math.min(i0[2] + e, low[2] - 1),
                );
            }
        out[i] = v;
      }
  return out;
}

describe('simulateLowResolution', () => {
  const r0 = Random.derive(1);
  const s = sampleOf([6, 9, 10], 2, () => r0.normal());

  it('equals nearest downsampling then trilinear upsampling, per channel', () => {
    const out = simulateLowResolution(s, r0, { p: 1, pPerChannel: 1, scale: [0.6, 0.6] });
    const low = s.shape.map((n) => Math.round(0.6 * n));
    for (let c = 0; c < 2; c++) {
      const want = slowLowRes(s, c, low);
      want.forEach((v, k) => expect(out.image[k * 2 + c]).toBeCloseTo(v, 5));
    }
  });

  it('leaves axes outside `axes` at full resolution (2D slabs, dummy 2D)', () => {
    const out = simulateLowResolution(s, r0, { p: 1, pPerChannel: 1, scale: [0.5, 0.5], axes: [1, 2] });
    const want = slowLowRes(s, 1, [6, Math.round(4.5), 5]);
    want.forEach((v, k) => expect(out.image[k * 2 + 1]).toBeCloseTo(v, 5));
  });

  it('applies with probability p (default 0.25), then to each channel with probability 1/2', () => {
    const r = Random.derive(2);
    let applied = 0;
    let changed = 0;
    for (let i = 0; i < 2000; i++) {
      const out = simulateLowResolution(s, r, { scale: [0.5, 0.8] });
      if (out === s) continue;
      applied++;
      for (let c = 0; c < 2; c++) if (out.image.some((v, k) => k % 2 === c && v !== s.image[k])) changed++;
    }
    // A draw that picks no channel returns the input too: P(returned changed) = 0.25 · (1 − 1/4).
    expectBinomial(applied, 2000, 0.25 * 0.75);
    // Given at least one channel, each channel is picked with probability (1/2) / (3/4).
    expectBinomial(changed, 2 * applied, 2 / 3);
  });

  it('is the identity at scale 1 and keeps the label', () => {
    const out = simulateLowResolution(s, r0, { p: 1, pPerChannel: 1, scale: [1, 1] });
    expect(out.image).toEqual(s.image);
    expect(out.label).toBe(s.label);
  });
});
