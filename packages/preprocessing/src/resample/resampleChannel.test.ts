import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Shape3 } from '../internal/Shape3';
import type { Interpolation } from '@nnunet-ts/plans';
import { referenceResample } from './referenceResample.fixture';
import { resampleChannel, type AxisInterpolations } from './resampleChannel';
import { sourceCoordinates } from './sourceCoordinates';

function fill(shape: Shape3, f: (z: number, y: number, x: number) => number): Float32Array {
  const out = new Float32Array(shape[0] * shape[1] * shape[2]);
  let i = 0;
  for (let z = 0; z < shape[0]; z++)
    for (let y = 0; y < shape[1]; y++) for (let x = 0; x < shape[2]; x++) out[i++] = f(z, y, x);
  return out;
}

/** Deterministic pseudo-random values (a fixed LCG), so failures reproduce. */
function noise(shape: Shape3, seed = 7): Float32Array {
  let s = seed;
  return fill(shape, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 200 - 100;
  });
}

const all = (k: Interpolation): AxisInterpolations => [k, k, k];

describe('resampleChannel on analytic cases', () => {
  const ramp = (z: number, y: number, x: number) => 3 * z - 2 * y + 0.5 * x + 7;
  const cases: [Shape3, Shape3][] = [
    [
      [6, 9, 11],
      [13, 5, 17],
    ],
    [
      [12, 7, 5],
      [5, 16, 5],
    ],
  ];
  for (const kind of ['linear', 'cubic'] as const) {
    for (const [shape, newShape] of cases) {
      it(`keeps a linear ramp exact with ${kind} interpolation, [${shape}] -> [${newShape}]`, () => {
        const out = resampleChannel(fill(shape, ramp), shape, newShape, all(kind));
        const [cz, cy, cx] = [0, 1, 2].map((a) => sourceCoordinates(shape[a], newShape[a]));
        // the ramp evaluated where each output voxel reads (edge positions are clamped, edge mode)
        const expected = fill(newShape, (z, y, x) => ramp(cz[z], cy[y], cx[x]));
        for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i], 3);
      });
    }
  }

  for (const kind of ['nearest', 'linear', 'cubic'] as const) {
    it(`keeps a constant image constant with ${kind} interpolation`, () => {
      const out = resampleChannel(new Float32Array(4 * 5 * 6).fill(-312.5), [4, 5, 6], [9, 3, 7], all(kind));
      expect(out.length).toBe(9 * 3 * 7);
      for (const v of out) expect(v).toBeCloseTo(-312.5, 3);
    });
  }

  it('returns an unchanged copy when the shape does not change', () => {
    const data = noise([3, 4, 5]);
    const out = resampleChannel(data, [3, 4, 5], [3, 4, 5], all('cubic'));
    expect(out).toEqual(data);
    expect(out).not.toBe(data);
  });

  it('samples a nearest-neighbour upsampling by two as repeated voxels', () => {
    const data = Float32Array.from([1, 2, 3]);
    expect(Array.from(resampleChannel(data, [1, 1, 3], [1, 1, 6], all('nearest')))).toEqual([
      1, 1, 2, 2, 3, 3,
    ]);
  });

  it('clips cubic overshoot at a step edge to the input range, as skimage does', () => {
    const step = fill([1, 1, 12], (_z, _y, x) => (x < 6 ? 0 : 100));
    const out = resampleChannel(step, [1, 1, 12], [1, 1, 31], all('cubic'));
    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBe(100);
  });

  it('rejects data that does not match the shape, naming both', () => {
    expect(() => resampleChannel(new Float32Array(5), [1, 2, 3], [2, 2, 2], all('linear'))).toThrow(
      'data has 5 values, shape [1, 2, 3] needs 6',
    );
  });
});

describe('resampleChannel against the slow reference', () => {
  const combos: [Shape3, Shape3, AxisInterpolations][] = [
    [[7, 6, 5], [9, 4, 8], all('cubic')],
    [[5, 8, 6], [11, 5, 6], all('linear')],
    [[6, 7, 4], [3, 10, 9], all('nearest')],
    // anisotropic handling: cubic in-plane, nearest along the coarse axis
    [
      [4, 9, 8],
      [10, 6, 12],
      ['nearest', 'cubic', 'cubic'],
    ],
    [
      [2, 5, 9],
      [3, 5, 4],
      ['linear', 'cubic', 'cubic'],
    ],
  ];
  for (const [shape, newShape, kinds] of combos) {
    it(`matches direct evaluation for [${shape}] -> [${newShape}] (${kinds.join('/')})`, () => {
      const data = noise(shape, shape[0] * 31 + newShape[2]);
      const out = resampleChannel(data, shape, newShape, kinds);
      const ref = referenceResample(data, shape, newShape, kinds);
      expect(out.length).toBe(ref.length);
      let worst = 0;
      for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - ref[i]));
      expect(worst).toBeLessThan(1e-3);
    });
  }
});

function hasScipy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import scipy.ndimage'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('resampleChannel against scipy', () => {
  it.runIf(hasScipy())(
    'matches scipy.ndimage.map_coordinates(order=3) with skimage coordinates away from the border',
    () => {
      const shape: Shape3 = [30, 28, 26];
      const newShape: Shape3 = [41, 19, 33];
      const data = noise(shape, 3);
      const ours = resampleChannel(data, shape, newShape, all('cubic'));
      const script = [
        'import json, sys, numpy as np',
        'from scipy.ndimage import map_coordinates',
        'a = np.array(json.load(sys.stdin), dtype=np.float64).reshape(30, 28, 26)',
        'grids = np.meshgrid(*[np.clip((np.arange(m) + 0.5) * n / m - 0.5, 0, n - 1) for n, m in ((30, 41), (28, 19), (26, 33))], indexing="ij")',
        'out = map_coordinates(a, np.array(grids), order=3, mode="nearest")',
        'print(json.dumps(np.clip(out, a.min(), a.max()).ravel().tolist()))',
      ].join('\n');
      const scipy = JSON.parse(
        execFileSync('python3', ['-c', script], {
          input: JSON.stringify(Array.from(data)),
          encoding: 'utf8',
        }),
      ) as number[];
      // the boundary conditions differ (point reflection here, scipy's own at the edge); their effect decays as
      // 0.268^distance, so compare outputs that read at least 8 samples inside on every axis
      const coords = [0, 1, 2].map((a) => sourceCoordinates(shape[a], newShape[a]));
      let compared = 0;
      let worst = 0;
      for (let z = 0; z < newShape[0]; z++)
        for (let y = 0; y < newShape[1]; y++)
          for (let x = 0; x < newShape[2]; x++) {
            const inside = [z, y, x].every((j, a) => coords[a][j] >= 8 && coords[a][j] <= shape[a] - 9);
            if (!inside) continue;
            const i = (z * newShape[1] + y) * newShape[2] + x;
            worst = Math.max(worst, Math.abs(ours[i] - scipy[i]));
            compared++;
          }
      expect(compared).toBeGreaterThan(500);
      expect(worst).toBeLessThan(1e-3);
    },
  );
});
