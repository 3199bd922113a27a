import { describe, expect, it } from 'vitest';
import { normalizeChannel } from './normalizeChannel';

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const std = (a: number[]) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));

describe('normalizeChannel', () => {
  it('ct: clips to the percentiles, then standardizes with the dataset statistics', () => {
    const values = Float32Array.from([-1000, -50, 0, 40, 100, 3000]);
    normalizeChannel(values, { scheme: 'ct', clip: [-50, 200], mean: 40, std: 20 });
    expect(Array.from(values)).toEqual([-4.5, -4.5, -2, 0, 3, 8]);
  });

  it('zscore over nonzero voxels leaves the zeros at 0 and gives the others mean 0, std 1', () => {
    const raw = [0, 0, 10, 20, 30, 0, 40];
    const values = Float32Array.from(raw);
    normalizeChannel(values, { scheme: 'zscore', nonzeroMask: true });
    const inside = [2, 3, 4, 6].map((i) => values[i]);
    expect([values[0], values[1], values[5]]).toEqual([0, 0, 0]);
    expect(mean(inside)).toBeCloseTo(0, 6);
    expect(std(inside)).toBeCloseTo(1, 5);
    expect(values[2]).toBeCloseTo((10 - 25) / std([10, 20, 30, 40]), 5);
  });

  it('zscore over all voxels uses the zeros too', () => {
    const raw = [0, 0, 10, 20, 30, 0, 40];
    const values = Float32Array.from(raw);
    normalizeChannel(values, { scheme: 'zscore', nonzeroMask: false });
    for (let i = 0; i < raw.length; i++) expect(values[i]).toBeCloseTo((raw[i] - mean(raw)) / std(raw), 5);
  });

  it('keeps a constant image finite, and none changes nothing', () => {
    const flat = new Float32Array(5).fill(7);
    normalizeChannel(flat, { scheme: 'zscore', nonzeroMask: false });
    expect(Array.from(flat)).toEqual([0, 0, 0, 0, 0]);
    const raw = Float32Array.from([1, -2, 3]);
    normalizeChannel(raw, { scheme: 'none' });
    expect(Array.from(raw)).toEqual([1, -2, 3]);
  });
});
