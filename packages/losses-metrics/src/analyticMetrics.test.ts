import { describe, expect, it } from 'vitest';
import { evaluateCase } from './evaluateCase';

const shape = [14, 12, 12];
const voxels = shape[0]! * shape[1]! * shape[2]!;
const index = (x: number, y: number, z: number) => x + shape[0]! * (y + shape[1]! * z);

function box(from: number[], to: number[], label = 1): Uint8Array {
  const mask = new Uint8Array(voxels);
  for (let z = from[2]!; z <= to[2]!; z++)
    for (let y = from[1]!; y <= to[1]!; y++)
      for (let x = from[0]!; x <= to[0]!; x++) mask[index(x, y, z)] = label;
  return mask;
}

describe('metrics on analytic cases', () => {
  it('cubes shifted along one axis: known overlap, and every surface within the shift', () => {
    // 8³ cubes, the second moved by 2 voxels along x: overlap 6·8·8
    const a = box([2, 2, 2], [9, 9, 9]);
    const b = box([4, 2, 2], [11, 9, 9]);
    const spacing = [1.5, 0.8, 0.8];
    const m = evaluateCase(a, b, {
      classes: [1],
      surfaceMetrics: true,
      grid: { shape, spacing },
      nsdToleranceMm: 2 * 1.5,
    })['1']!;
    expect(m.TP).toBe(384);
    expect(m.Dice).toBeCloseTo((2 * 384) / 1024, 12);
    expect(m.IoU).toBeCloseTo(384 / 640, 12);
    expect(m.NSD).toBe(1);
    expect(m.HD95).toBeGreaterThan(0);
    expect(m.HD95).toBeLessThanOrEqual(3);
  });

  it('uint16 label values score as their uint8 classes do, surface metrics included', () => {
    const a = box([2, 2, 2], [9, 9, 9]);
    const b = box([4, 2, 2], [11, 9, 9]);
    const options = { surfaceMetrics: true, grid: { shape, spacing: [1, 1, 1] }, nsdToleranceMm: 1 };
    const asClass = evaluateCase(a, b, { ...options, classes: [1] })['1']!;
    const values = (mask: Uint8Array) => Uint16Array.from(mask, (v) => v * 1000);
    const asValue = evaluateCase(values(a), values(b), { ...options, classes: [1000] });
    expect(Object.keys(asValue)).toEqual(['1000']);
    expect(asValue['1000']).toEqual(asClass);
  });

  it('parallel planes k voxels apart: every surface distance is k·spacing', () => {
    const k = 3;
    const spacing = [1.25, 1, 1];
    const a = box([2, 0, 0], [2, 11, 11]);
    const b = box([2 + k, 0, 0], [2 + k, 11, 11]);
    const m = evaluateCase(a, b, {
      classes: [1],
      surfaceMetrics: true,
      grid: { shape, spacing },
      nsdToleranceMm: k * 1.25 - 0.01,
    })['1']!;
    expect(m.Dice).toBe(0);
    expect(m.HD95).toBeCloseTo(k * 1.25, 12);
    expect(m.NSD).toBe(0);
  });

  it('concentric spheres: Dice from their voxel volumes, HD95 about the radius difference', () => {
    const sphere = (r: number) => {
      const mask = new Uint8Array(voxels);
      for (let z = 0; z < 12; z++)
        for (let y = 0; y < 12; y++)
          for (let x = 0; x < 14; x++)
            if ((x - 7) ** 2 + (y - 6) ** 2 + (z - 6) ** 2 <= r * r) mask[index(x, y, z)] = 1;
      return mask;
    };
    const inner = sphere(3);
    const outer = sphere(5);
    const innerVolume = inner.reduce((s, v) => s + v, 0);
    const outerVolume = outer.reduce((s, v) => s + v, 0);
    const m = evaluateCase(inner, outer, {
      classes: [1],
      surfaceMetrics: true,
      grid: { shape, spacing: [1, 1, 1] },
    })['1']!;
    expect(m.Dice).toBeCloseTo((2 * innerVolume) / (innerVolume + outerVolume), 12);
    expect(m.HD95).toBeGreaterThanOrEqual(1.5);
    expect(m.HD95).toBeLessThanOrEqual(2.5);
  });
});
