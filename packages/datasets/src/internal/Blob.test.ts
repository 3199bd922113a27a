import { describe, expect, it } from 'vitest';
import { Blob } from './Blob';
import { LegacyRandomState } from './LegacyRandomState';

/** Fraction of a 2x2x2 cube (n points per axis) inside the blob, times the cube volume. */
function volume(blob: Blob, n = 80): number {
  let inside = 0;
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const c = (t: number) => ((t + 0.5) / n) * 2 - 1;
        if (blob.contains(c(i), c(j), c(k))) inside++;
      }
  return (inside / n ** 3) * 8;
}

describe('Blob', () => {
  it('is a turned ellipsoid when its roughness is 0', () => {
    const blob = new Blob([0.1, -0.1, 0], [0.6, 0.3, 0.4], new LegacyRandomState(2), 0);
    expect(volume(blob)).toBeCloseTo((4 / 3) * Math.PI * 0.6 * 0.3 * 0.4, 2);
    expect(blob.contains(0.1, -0.1, 0)).toBe(true);
    expect(blob.contains(0.1, -0.1, 0.41)).toBe(false);
    expect(blob.contains(0.1, -0.1, 0.39)).toBe(true);
  });

  it('keeps a rough outline within its roughness of the ellipsoid, and differs from it', () => {
    const random = new LegacyRandomState(9);
    const blob = new Blob([0, 0, 0], [0.5, 0.5, 0.5], random, 0.2);
    let [innerMissing, outerFound, differs] = [0, 0, 0];
    for (let n = 0; n < 2000; n++) {
      const [u, v, w] = [random.standardNormal(), random.standardNormal(), random.standardNormal()];
      const norm = Math.hypot(u, v, w);
      const point = (r: number) => [(u / norm) * r, (v / norm) * r, (w / norm) * r] as const;
      if (!blob.contains(...point(0.5 * 0.79))) innerMissing++;
      if (blob.contains(...point(0.5 * 1.21))) outerFound++;
      if (blob.contains(...point(0.5 * 1.05)) || !blob.contains(...point(0.5 * 0.95))) differs++;
    }
    expect([innerMissing, outerFound]).toEqual([0, 0]);
    expect(differs).toBeGreaterThan(100);
  });
});
