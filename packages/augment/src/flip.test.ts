import { describe, expect, it } from 'vitest';
import { flip, mirror } from './flip';
import { Random } from './random';
import { ballSample, expectBinomial, sampleOf } from './internal/testing';

const AXES_SUBSETS = [[], [0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];

describe('mirror', () => {
  const r = Random.derive(1);
  const s = sampleOf(
    [3, 4, 5],
    2,
    () => r.normal(),
    () => r.int(4),
  );

  it('reverses the chosen axes of image and label voxel by voxel', () => {
    for (const axes of AXES_SUBSETS) {
      const out = mirror(s, axes);
      for (let d = 0; d < 3; d++)
        for (let h = 0; h < 4; h++)
          for (let w = 0; w < 5; w++) {
            const src = [d, h, w].map((v, a) => (axes.includes(a) ? s.shape[a] - 1 - v : v));
            const i = (src[0] * 4 + src[1]) * 5 + src[2];
            const o = (d * 4 + h) * 5 + w;
            expect(out.label[o]).toBe(s.label[i]);
            expect([out.image[2 * o], out.image[2 * o + 1]]).toEqual([s.image[2 * i], s.image[2 * i + 1]]);
          }
    }
  });

  it('is its own inverse', () => {
    for (const axes of AXES_SUBSETS) {
      const back = mirror(mirror(s, axes), axes);
      expect(back.image).toEqual(s.image);
      expect(back.label).toEqual(s.label);
    }
  });

  it('rejects axes outside 0..2 or repeated', () => {
    expect(() => mirror(s, [3])).toThrow(/mirror: axes/);
    expect(() => mirror(s, [1, 1])).toThrow(/mirror: axes/);
  });
});

describe('flip', () => {
  const r0 = Random.derive(2);
  const s = sampleOf(
    [4, 5, 6],
    1,
    () => r0.normal(),
    () => r0.int(3),
  );
  const variants = AXES_SUBSETS.map((axes) => ({ axes, image: mirror(s, axes).image }));
  const whichAxes = (image: Float32Array) =>
    variants.find((v) => v.image.every((x, i) => x === image[i]))!.axes;

  it('flips each allowed axis independently with probability 1/2', () => {
    const r = Random.derive(3);
    const n = 2000;
    const perAxis = [0, 0, 0];
    let both01 = 0;
    for (let i = 0; i < n; i++) {
      const axes = whichAxes(flip(s, r).image);
      axes.forEach((a) => perAxis[a]++);
      if (axes.includes(0) && axes.includes(1)) both01++;
    }
    perAxis.forEach((c) => expectBinomial(c, n, 0.5));
    expectBinomial(both01, n, 0.25);
  });

  it('honours p and the allowed axes (2D slabs never flip axis 0)', () => {
    const r = Random.derive(4);
    const n = 2000;
    const perAxis = [0, 0, 0];
    for (let i = 0; i < n; i++)
      whichAxes(flip(s, r, { p: 0.2, axes: [1, 2] }).image).forEach((a) => perAxis[a]++);
    expect(perAxis[0]).toBe(0);
    expectBinomial(perAxis[1], n, 0.2);
    expectBinomial(perAxis[2], n, 0.2);
    expect(flip(s, r, { p: 0 })).toBe(s);
  });

  it('keeps a labelled ball on its image', () => {
    const ball = ballSample([12, 14, 16], [3, 9, 4], 2.5);
    const r = Random.derive(5);
    for (let i = 0; i < 20; i++) {
      const out = flip(ball, r);
      out.label.forEach((v, k) => expect(v === 1).toBe(out.image[k] >= 0.5));
    }
  });
});
