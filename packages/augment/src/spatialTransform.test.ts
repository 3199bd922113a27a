import { describe, expect, it } from 'vitest';
import { extractPatch } from './extractPatch';
import { Random } from './random';
import {
  drawSpatialParameters,
  rotation,
  spatialTransform,
  type SpatialTransformOptions,
} from './spatialTransform';
import { warp } from './internal/warp';
import { ballSample, centroid, dice, expectBinomial, expectMean, sampleOf } from './internal/testing';

const DEG = Math.PI / 180;

/** out offset → in offset through the 3×3 row-major matrix m, around `center` and the patch centre. */
function mapped(
  m: readonly number[],
  center: readonly number[],
  patch: readonly number[],
  o: readonly number[],
) {
  const off = o.map((v, a) => v - (patch[a] - 1) / 2);
  return [0, 1, 2].map((r) => center[r] + m[3 * r] * off[0] + m[3 * r + 1] * off[1] + m[3 * r + 2] * off[2]);
}

function inverse(m: readonly number[]): number[] {
  // The matrices here are s·R: the inverse is Rᵀ / s.
  const s2 = m[0] * m[0] + m[3] * m[3] + m[6] * m[6];
  return [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => m[3 * c + r] / s2));
}

describe('drawSpatialParameters', () => {
  it('rotates and scales with probability 0.2 each, independently, within ±30° and [0.7, 1.4]', () => {
    const r = Random.derive(1);
    const n = 4000;
    let rotated = 0;
    let scaled = 0;
    let both = 0;
    const angles: number[] = [];
    const scales: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = drawSpatialParameters(r, { patch: [8, 8, 8] });
      if (p.rotated) rotated++;
      if (p.scaled) scaled++;
      if (p.rotated && p.scaled) both++;
      if (p.rotated) angles.push(...p.angles);
      if (p.scaled) scales.push(p.scale);
      // s·R: columns orthogonal with length s.
      const m = p.matrix;
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          const dot = m[a] * m[b] + m[3 + a] * m[3 + b] + m[6 + a] * m[6 + b];
          expect(dot).toBeCloseTo(a === b ? p.scale ** 2 : 0, 12);
        }
    }
    expectBinomial(rotated, n, 0.2);
    expectBinomial(scaled, n, 0.2);
    expectBinomial(both, n, 0.04);
    expect(angles.length).toBe(3 * rotated);
    expect(Math.max(...angles.map(Math.abs))).toBeLessThanOrEqual(30 * DEG);
    expectMean(angles, 0, (60 * DEG) ** 2 / 12);
    expect(Math.min(...scales)).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...scales)).toBeLessThan(1.4);
    expectMean(scales, 1.05, 0.7 ** 2 / 12);
  });

  it('in-plane: one angle in ±180° about axis 0, axis 0 neither rotated nor scaled', () => {
    const r = Random.derive(2);
    const angles: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const p = drawSpatialParameters(r, { patch: [8, 8, 8], inPlane: true, pRotation: 1, pScaling: 1 });
      expect(p.angles).toHaveLength(1);
      angles.push(p.angles[0]);
      expect([p.matrix[0], p.matrix[1], p.matrix[2], p.matrix[3], p.matrix[6]]).toEqual([1, 0, 0, 0, 0]);
      expect(p.matrix[4]).toBeCloseTo(p.scale * Math.cos(p.angles[0]), 12);
      expect(p.matrix[7]).toBeCloseTo(p.scale * Math.sin(p.angles[0]), 12);
    }
    expect(Math.max(...angles.map(Math.abs))).toBeLessThanOrEqual(Math.PI);
    expectMean(angles, 0, (2 * Math.PI) ** 2 / 12);
    expectBinomial(angles.filter((a) => Math.abs(a) > Math.PI / 2).length, angles.length, 0.5);
  });
});

describe('spatialTransform', () => {
  const affine = (d: number, h: number, w: number, c: number) => 0.7 * d - 1.3 * h + 0.4 * w + 10 * c + 2;
  const s = sampleOf([20, 22, 24], 2, affine, (d, h, w) => (d + h + w) % 3);

  it('is an exact crop when it neither rotates nor scales', () => {
    const out = spatialTransform(s, Random.derive(3), {
      patch: [8, 9, 10],
      start: [3, -2, 17],
      pRotation: 0,
      pScaling: 0,
    });
    const crop = extractPatch(s, [3, -2, 17], [8, 9, 10]);
    expect(out.image).toEqual(crop.image);
    expect(out.label).toEqual(crop.label);
  });

  it('samples the image at centre + M·offset (linear and cubic reproduce an affine image inside)', () => {
    const options: SpatialTransformOptions = {
      patch: [10, 12, 11],
      start: [5, 5, 6],
      pRotation: 1,
      pScaling: 1,
    };
    const r = Random.derive(4);
    for (const imageOrder of ['linear', 'cubic'] as const) {
      for (let trial = 0; trial < 5; trial++) {
        const key = r.fork(trial); // r.fork(trial) again gives the same stream for drawSpatialParameters
        const out = spatialTransform(s, key, { ...options, imageOrder });
        const { matrix } = drawSpatialParameters(r.fork(trial), options);
        const center = options.start!.map((v, a) => v + (options.patch[a] - 1) / 2);
        const margin = imageOrder === 'linear' ? 0 : 1;
        let checked = 0;
        for (let d = 0; d < 10; d++)
          for (let h = 0; h < 12; h++)
            for (let w = 0; w < 11; w++) {
              const x = mapped(matrix, center, options.patch, [d, h, w]);
              if (x.some((v, a) => v < margin || v > s.shape[a] - 1 - margin)) continue;
              checked++;
              const o = ((d * 12 + h) * 11 + w) * 2;
              expect(out.image[o]).toBeCloseTo(affine(x[0], x[1], x[2], 0), 3);
              expect(out.image[o + 1]).toBeCloseTo(affine(x[0], x[1], x[2], 1), 3);
            }
        expect(checked).toBeGreaterThan(500);
      }
    }
  });

  it('a quarter turn about axis 0 is the exact permutation (d, h, w) ← (d, 6 − w, h)', () => {
    const r = Random.derive(5);
    const cube = sampleOf(
      [4, 7, 7],
      2,
      () => r.normal(),
      () => r.int(4),
    );
    for (const labelMode of ['nearest', 'argmax'] as const) {
      const out = warp(cube, {
        patch: [4, 7, 7],
        center: [1.5, 3, 3],
        matrix: rotation(0, Math.PI / 2),
        imageOrder: 'linear',
        labelMode,
      });
      for (let d = 0; d < 4; d++)
        for (let h = 0; h < 7; h++)
          for (let w = 0; w < 7; w++) {
            const o = (d * 7 + h) * 7 + w;
            const i = (d * 7 + 6 - w) * 7 + h;
            expect(out.label[o]).toBe(cube.label[i]);
            expect(out.image[2 * o]).toBeCloseTo(cube.image[2 * i], 5);
            expect(out.image[2 * o + 1]).toBeCloseTo(cube.image[2 * i + 1], 5);
          }
    }
  });

  it('is inverted by the inverse map: a smooth image comes back, a labelled ball stays the same ball', () => {
    const shape = [32, 32, 32] as const;
    const smooth = sampleOf(
      shape,
      1,
      (d, h, w) => Math.sin(d / 5) + Math.cos(h / 6) * Math.sin(w / 7),
      (d, h, w) => (Math.hypot(d - 17, h - 14, w - 15) <= 7 ? 1 : 0),
    );
    const r = Random.derive(6);
    const center = [15.5, 15.5, 15.5];
    for (let trial = 0; trial < 4; trial++) {
      const key = r.fork(trial); // r.fork(trial) again gives the same stream for drawSpatialParameters
      const options: SpatialTransformOptions = {
        patch: shape,
        start: [0, 0, 0],
        pRotation: 1,
        pScaling: 1,
        scaling: [0.85, 1.15],
        imageOrder: 'cubic',
      };
      const forward = spatialTransform(smooth, key, options);
      const { matrix } = drawSpatialParameters(r.fork(trial), options);
      const back = warp(forward, {
        patch: shape,
        center,
        matrix: inverse(matrix),
        imageOrder: 'cubic',
        labelMode: 'argmax',
      });
      // Compare in the middle, where neither map reached outside the volume.
      let worst = 0;
      for (let d = 10; d < 22; d++)
        for (let h = 10; h < 22; h++)
          for (let w = 10; w < 22; w++) {
            const k = (d * 32 + h) * 32 + w;
            worst = Math.max(worst, Math.abs(back.image[k] - smooth.image[k]));
          }
      expect(worst).toBeLessThan(0.005);
      expect(dice(back.label, smooth.label)).toBeGreaterThan(0.97);
    }
  });

  it('keeps a labelled ball on its image and moves it where the map says', () => {
    const ball = ballSample([40, 40, 40], [22, 17, 19], 7, 2);
    const r = Random.derive(7);
    const options: SpatialTransformOptions = {
      patch: [32, 32, 32],
      start: [4, 4, 4],
      pRotation: 1,
      pScaling: 1,
    };
    for (let trial = 0; trial < 6; trial++) {
      const key = r.fork(trial); // r.fork(trial) again gives the same stream for drawSpatialParameters
      const out = spatialTransform(ball, key, options);
      const { matrix } = drawSpatialParameters(r.fork(trial), options);
      const fromLabel = centroid(out.shape, (k) => out.label[k] === 1);
      const fromImage = centroid(out.shape, (k) => out.image[2 * k] > 0.5);
      fromLabel.forEach((v, a) => expect(Math.abs(v - fromImage[a])).toBeLessThan(0.25));
      expect(
        dice(
          out.label,
          Float32Array.from(out.label, (_, k) => out.image[2 * k]),
          (v) => v > 0.5,
        ),
      ).toBeGreaterThan(0.95);
      // The ball's centre c satisfies c = centre + M·(o − half), so o = M⁻¹·(c − centre) + half.
      const inv = inverse(matrix);
      const rel = [22 - 19.5, 17 - 19.5, 19 - 19.5];
      for (let a = 0; a < 3; a++) {
        const expected = 15.5 + inv[3 * a] * rel[0] + inv[3 * a + 1] * rel[1] + inv[3 * a + 2] * rel[2];
        expect(Math.abs(fromLabel[a] - expected)).toBeLessThan(0.3);
      }
    }
  });

  it('labels: argmax and nearest both follow the continuous class boundaries; outside is background', () => {
    // Layers along w: 1 for w < 8, 2 for 8 ≤ w < 13, 3 beyond; boundaries at 7.5 and 12.5.
    const layered = sampleOf(
      [16, 16, 20],
      1,
      () => 0,
      (_d, _h, w) => (w < 8 ? 1 : w < 13 ? 2 : 3),
    );
    const layer = (w: number) => (w < 7.5 ? 1 : w < 12.5 ? 2 : 3);
    const r = Random.derive(8);
    for (const labelMode of ['argmax', 'nearest'] as const) {
      const options: SpatialTransformOptions = {
        patch: [16, 16, 16],
        start: [0, 0, 2],
        pRotation: 1,
        pScaling: 1,
        labelMode,
      };
      for (let trial = 0; trial < 4; trial++) {
        const key = r.fork(trial); // r.fork(trial) again gives the same stream for drawSpatialParameters
        const out = spatialTransform(layered, key, options);
        const { matrix } = drawSpatialParameters(r.fork(trial), options);
        const center = [7.5, 7.5, 9.5];
        for (let d = 0; d < 16; d++)
          for (let h = 0; h < 16; h++)
            for (let w = 0; w < 16; w++) {
              const x = mapped(matrix, center, options.patch, [d, h, w]);
              const label = out.label[(d * 16 + h) * 16 + w];
              const outside = x.some((v, a) => v < -1 || v > layered.shape[a]);
              const inside = x.every((v, a) => v >= 0.5 && v <= layered.shape[a] - 1.5);
              const nearBoundary = Math.abs(x[2] - 7.5) < 0.75 || Math.abs(x[2] - 12.5) < 0.75;
              if (outside) expect(label).toBe(0);
              else if (inside && !nearBoundary) expect(label).toBe(layer(x[2]));
            }
      }
    }
  });

  it('names bad options', () => {
    const r = Random.derive(9);
    expect(() => spatialTransform(s, r, { patch: [4, 4, 4], start: [0, 0] })).toThrow(
      /spatialTransform: start/,
    );
    expect(() => spatialTransform(s, r, { patch: [4, 4, 4], imageOrder: 'quintic' as 'cubic' })).toThrow(
      /imageOrder/,
    );
    expect(() => spatialTransform(s, r, { patch: [4, 4, 4], scaling: [0, 1] })).toThrow(
      /spatialTransform: scaling/,
    );
    expect(() => spatialTransform(s, r, { patch: [4, 4, 4], pRotation: 3 })).toThrow(/pRotation/);
  });
});
