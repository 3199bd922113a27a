import { describe, expect, it } from 'vitest';
import type { Shape3 } from '../internal/Shape3';
import { referenceResampleLabel } from './referenceResample.fixture';
import type { AxisInterpolations } from './resampleChannel';
import { resampleLabel } from './resampleLabel';

function labelMap(shape: Shape3, f: (z: number, y: number, x: number) => number): Uint8Array {
  const out = new Uint8Array(shape[0] * shape[1] * shape[2]);
  let i = 0;
  for (let z = 0; z < shape[0]; z++)
    for (let y = 0; y < shape[1]; y++) for (let x = 0; x < shape[2]; x++) out[i++] = f(z, y, x);
  return out;
}

function count(label: ArrayLike<number>, cls: number): number {
  let n = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === cls) n++;
  return n;
}

/** A ball of radius r (mm) centred at c (mm) on a grid of the given spacing; voxel centres decide. */
function ball(shape: Shape3, spacing: Shape3, centre: Shape3, r: number, cls = 1): Uint8Array {
  return labelMap(shape, (z, y, x) => {
    const d = [z, y, x].map((v, a) => v * spacing[a] - centre[a]);
    return d[0] ** 2 + d[1] ** 2 + d[2] ** 2 <= r * r ? cls : 0;
  });
}

describe('resampleLabel', () => {
  it('keeps the volume of a shifted sphere when the spacing changes', () => {
    const r = 14;
    const src: Shape3 = [1, 1, 1];
    // sizes the target spacings divide exactly, so the grid's extent in mm does not change
    const shape: Shape3 = [48, 45, 45];
    // centre off the voxel grid by a fraction of a voxel on every axis
    const label = ball(shape, src, [23.3, 22.6, 21.45], r);
    const analytic = (4 / 3) * Math.PI * r ** 3;
    expect(Math.abs(count(label, 1) - analytic) / analytic).toBeLessThan(0.01);
    for (const [dst, kinds] of [
      [
        [1.6, 1.25, 0.9],
        ['linear', 'linear', 'linear'],
      ],
      [
        [3, 0.9, 0.9],
        ['nearest', 'linear', 'linear'],
      ],
    ] as [Shape3, AxisInterpolations][]) {
      const newShape = shape.map((n, a) => Math.round((n * src[a]) / dst[a])) as unknown as Shape3;
      expect(newShape.every((n, a) => Math.abs(n * dst[a] - shape[a] * src[a]) < 1e-9)).toBe(true);
      const out = resampleLabel(label, shape, newShape, kinds);
      const volume = count(out, 1) * dst[0] * dst[1] * dst[2];
      expect(Math.abs(volume - analytic) / analytic).toBeLessThan(0.03);
    }
  });

  it('matches full one-hot interpolation and argmax everywhere the decision is not a near tie', () => {
    const shape: Shape3 = [9, 11, 10];
    // three overlapping blobs, one touching the border
    const label = labelMap(shape, (z, y, x) => {
      if ((z - 3) ** 2 + (y - 4) ** 2 + (x - 4) ** 2 <= 9) return 1;
      if ((z - 6) ** 2 + (y - 7) ** 2 + (x - 6) ** 2 <= 10) return 3;
      if (x >= 8 && y < 5) return 2;
      return 0;
    });
    for (const [newShape, kinds] of [
      [
        [13, 7, 17],
        ['linear', 'linear', 'linear'],
      ],
      [
        [5, 16, 6],
        ['nearest', 'linear', 'linear'],
      ],
      [
        [9, 5, 23],
        ['linear', 'nearest', 'linear'],
      ],
    ] as [Shape3, AxisInterpolations][]) {
      const out = resampleLabel(label, shape, newShape, kinds);
      const ref = referenceResampleLabel(label, shape, newShape, kinds);
      let compared = 0;
      for (let i = 0; i < out.length; i++) {
        if (ref.margin[i] < 1e-5) continue;
        compared++;
        expect(out[i], `voxel ${i}`).toBe(ref.label[i]);
      }
      expect(compared).toBeGreaterThan(out.length * 0.95);
    }
  });

  it('keeps the array type (uint16 classes above 255)', () => {
    const label = Uint16Array.from([0, 0, 300, 300, 300, 0, 0, 1000]);
    const out = resampleLabel(label, [1, 1, 8], [1, 1, 16], ['linear', 'linear', 'linear']);
    expect(out).toBeInstanceOf(Uint16Array);
    // output j reads x = j/2 − 0.25; a class wins where its interpolated mask exceeds the background's
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 300, 300, 300, 300, 300, 300, 0, 0, 0, 0, 1000, 1000]);
  });

  it('copies a label map whose shape does not change', () => {
    const label = Uint8Array.from([0, 1, 2, 3]);
    const out = resampleLabel(label, [1, 2, 2], [1, 2, 2], ['linear', 'linear', 'linear']);
    expect(Array.from(out)).toEqual([0, 1, 2, 3]);
    expect(out).not.toBe(label);
  });

  it('refuses cubic interpolation, which per-class boxes cannot reproduce', () => {
    expect(() =>
      resampleLabel(new Uint8Array(8), [2, 2, 2], [3, 3, 3], ['cubic', 'linear', 'linear']),
    ).toThrow('linear or nearest');
  });
});
