import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { zoom } from './zoom';
import { ballSample, centroid, dice, expectBinomial, expectMean, sampleOf } from './internal/testing';

describe('zoom', () => {
  it('applies with probability p (default 0.15)', () => {
    const s = sampleOf([6, 6, 6], 1, (d, h, w) => d + h + w);
    const r = Random.derive(1);
    let applied = 0;
    for (let i = 0; i < 2000; i++) if (zoom(s, r) !== s) applied++;
    expectBinomial(applied, 2000, 0.15);
  });

  it('crops a centred fraction s in [0.7, 1] and resizes it back (slope of a ramp = crop / size)', () => {
    const W = 40;
    const ramp = sampleOf([1, 1, W], 1, (_d, _h, w) => w);
    const r = Random.derive(2);
    const scales: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const out = zoom(ramp, r, { p: 1, axes: [2] });
      // Catmull-Rom reproduces the ramp exactly away from the crop's ends: x = start + (o + 0.5)·c/W − 0.5.
      const slope = (out.image[30] - out.image[10]) / 20;
      const crop = Math.round(slope * W);
      expect(slope * W).toBeCloseTo(crop, 3);
      const start = Math.floor((W - crop) / 2);
      expect(out.image[20]).toBeCloseTo(start + ((20 + 0.5) * crop) / W - 0.5, 3);
      scales.push(crop / W);
    }
    expect(Math.min(...scales)).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...scales)).toBeLessThanOrEqual(1);
    expectMean(scales, 0.85, 0.3 ** 2 / 12 + 1 / (12 * W * W));
  });

  it('leaves unscaled axes alone: a 2D slab keeps each slice in place', () => {
    const s = sampleOf(
      [3, 10, 12],
      1,
      (d, h, w) => 100 * d + h + w,
      () => 1,
    );
    const out = zoom(s, Random.derive(3), { p: 1, scale: [0.7, 0.7], axes: [1, 2] });
    for (let d = 0; d < 3; d++) {
      const slice = out.image.subarray(d * 120, (d + 1) * 120);
      expect(Math.min(...slice)).toBeGreaterThanOrEqual(100 * d - 1);
      expect(Math.max(...slice)).toBeLessThanOrEqual(100 * d + 21);
    }
  });

  it('keeps a labelled ball on its image and magnifies it by 1/s', () => {
    const ball = ballSample([32, 32, 32], [17, 14, 15.5], 6, 2);
    const out = zoom(ball, Random.derive(4), { p: 1, scale: [0.75, 0.75] });
    const imageBall = (k: number) => out.image[2 * k] > 0.5;
    const labelBall = (k: number) => out.label[k] === 1;
    // Nearest-neighbour labels are blocky where the cubic image is smooth: equal up to about half a voxel.
    const [a, b] = [centroid(out.shape, labelBall), centroid(out.shape, imageBall)];
    a.forEach((v, axis) => expect(Math.abs(v - b[axis])).toBeLessThan(0.25));
    expect(
      dice(
        out.label,
        Float32Array.from(out.label, (_, k) => out.image[2 * k]),
        (v) => v > 0.5,
      ),
    ).toBeGreaterThan(0.93);
    // The centre moves away from the middle (15.5) by 1/s.
    expect(b[0]).toBeCloseTo(15.5 + (17 - 15.5) / 0.75, 0);
    const before = ball.label.reduce((x, y) => x + y, 0);
    const after = out.label.reduce((x, y) => x + y, 0);
    expect(after / before).toBeGreaterThan((1 / 0.75) ** 3 * 0.9);
    expect(after / before).toBeLessThan((1 / 0.75) ** 3 * 1.1);
    // Labels stay class ids (nearest), never blends.
    expect(new Set(out.label)).toEqual(new Set([0, 1]));
  });

  it('rejects zoom-out scales and bad probabilities', () => {
    const s = sampleOf([2, 2, 2], 1, () => 0);
    expect(() => zoom(s, Random.derive(5), { scale: [0.9, 1.2] })).toThrow(/zoom: scale must not exceed 1/);
    expect(() => zoom(s, Random.derive(5), { p: -0.1 })).toThrow(/zoom: p/);
  });
});
