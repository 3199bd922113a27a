import { describe, expect, it } from 'vitest';
import { lcg } from './internal/testing/lcg';
import { hausdorffDistance95, normalizedSurfaceDice } from './surfaceDistances';
import { squaredDistanceTransform } from './internal/squaredDistanceTransform';
import { surfaceVoxels } from './internal/surfaceVoxels';
import { percentile } from './internal/percentile';

const coordsOf = (index: number, shape: readonly number[]) =>
  shape.map((_, axis) => Math.floor(index / shape.slice(0, axis).reduce((a, b) => a * b, 1)) % shape[axis]!);

function bruteDistances(from: Uint8Array, to: Uint8Array, shape: number[], spacing: number[]): Float64Array {
  const targets = [...to.keys()].filter((i) => to[i]).map((i) => coordsOf(i, shape));
  const out: number[] = [];
  from.forEach((v, i) => {
    if (!v) return;
    const c = coordsOf(i, shape);
    let best = Infinity;
    for (const t of targets) {
      best = Math.min(best, Math.hypot(...c.map((x, a) => (x - t[a]!) * spacing[a]!)));
    }
    out.push(best);
  });
  return Float64Array.from(out);
}

describe('squaredDistanceTransform', () => {
  it('matches brute force on a random anisotropic 3D grid', () => {
    const random = lcg(3);
    const shape = [9, 7, 5];
    const spacing = [0.8, 1.5, 3];
    const seeds = Uint8Array.from({ length: 9 * 7 * 5 }, () => (random() < 0.05 ? 1 : 0));
    const field = squaredDistanceTransform(seeds, shape, spacing);
    const everywhere = new Uint8Array(seeds.length).fill(1);
    const expected = bruteDistances(everywhere, seeds, shape, spacing);
    field.forEach((d2, i) => expect(Math.sqrt(d2)).toBeCloseTo(expected[i]!, 9));
  });

  it('gives Infinity when there is no seed', () => {
    expect([...squaredDistanceTransform(new Uint8Array(6), [3, 2], [1, 1])]).toEqual(Array(6).fill(Infinity));
  });
});

describe('surfaceVoxels', () => {
  it('keeps all but the core of a 3×3×3 cube, and counts the grid border as outside', () => {
    const shape = [5, 5, 5];
    const cube = new Uint8Array(125);
    for (let z = 1; z < 4; z++)
      for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) cube[x + 5 * y + 25 * z] = 1;
    const surface = surfaceVoxels(cube, shape);
    expect(surface.reduce((a, b) => a + b, 0)).toBe(26);
    expect(surface[2 + 10 + 50]).toBe(0);
    expect(surfaceVoxels(new Uint8Array(8).fill(1), [2, 2, 2]).every((v) => v === 1)).toBe(true);
  });
});

describe('HD95 and NSD', () => {
  const grid = { shape: [6, 4, 4], spacing: [2, 1, 1] };
  const single = (x: number) => {
    const mask = new Uint8Array(96);
    mask[x] = 1;
    return mask;
  };

  it('measure in millimetres along the spacing', () => {
    expect(hausdorffDistance95(single(0), single(3), grid)).toBe(6);
    expect(normalizedSurfaceDice(single(0), single(3), grid, 5.9)).toBe(0);
    expect(normalizedSurfaceDice(single(0), single(3), grid, 6)).toBe(1);
  });

  it('are perfect for identical masks', () => {
    const random = lcg(11);
    const mask = Uint8Array.from({ length: 96 }, () => (random() < 0.4 ? 1 : 0));
    expect(hausdorffDistance95(mask, mask, grid)).toBe(0);
    expect(normalizedSurfaceDice(mask, mask, grid, 0)).toBe(1);
  });

  it('match a brute-force computation on random masks', () => {
    const random = lcg(5);
    const shape = [8, 6, 5];
    const spacing = [1.2, 0.7, 2.5];
    const a = Uint8Array.from({ length: 240 }, () => (random() < 0.3 ? 1 : 0));
    const b = Uint8Array.from({ length: 240 }, () => (random() < 0.3 ? 1 : 0));
    const sa = surfaceVoxels(a, shape);
    const sb = surfaceVoxels(b, shape);
    const ab = bruteDistances(sa, sb, shape, spacing);
    const ba = bruteDistances(sb, sa, shape, spacing);
    expect(hausdorffDistance95(a, b, { shape, spacing })).toBeCloseTo(
      Math.max(percentile(ab, 95), percentile(ba, 95)),
      9,
    );
    const tolerance = 1.5;
    const within = [...ab, ...ba].filter((d) => d <= tolerance).length;
    expect(normalizedSurfaceDice(a, b, { shape, spacing }, tolerance)).toBeCloseTo(
      within / (ab.length + ba.length),
      12,
    );
  });

  it('handle empty masks: both empty NaN, one empty Infinity / 0', () => {
    const empty = new Uint8Array(96);
    expect(hausdorffDistance95(empty, empty, grid)).toBeNaN();
    expect(normalizedSurfaceDice(empty, empty, grid, 1)).toBeNaN();
    expect(hausdorffDistance95(single(4), empty, grid)).toBe(Infinity);
    expect(normalizedSurfaceDice(empty, single(4), grid, 1)).toBe(0);
  });

  it('refuse masks that do not fit the grid', () => {
    expect(() => hausdorffDistance95(new Uint8Array(10), new Uint8Array(96), grid)).toThrow(
      /do not match the grid/,
    );
  });
});

describe('percentile', () => {
  it('interpolates linearly as numpy does', () => {
    expect(percentile(Float64Array.from([4, 1, 3, 2]), 95)).toBeCloseTo(3.85, 12);
    expect(percentile(Float64Array.from([5]), 95)).toBe(5);
  });
});
