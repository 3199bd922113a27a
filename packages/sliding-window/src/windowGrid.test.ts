import { describe, expect, it } from 'vitest';
import { windowGrid, windowStarts } from './windowGrid';
import { gaussianImportanceMap } from './gaussianImportanceMap';

describe('windowStarts', () => {
  it('spaces windows evenly and ends the last one at the border', () => {
    expect(windowStarts(10, 4, 0.5)).toEqual([0, 2, 4, 6]);
    expect(windowStarts(11, 4, 0.5)).toEqual([0, 2, 4, 5, 7]);
    expect(windowStarts(11, 4, 0)).toEqual([0, 4, 7]);
    expect(windowStarts(4, 4, 0.5)).toEqual([0]);
    expect(windowStarts(3, 4, 0.5)).toEqual([0]);
    // a large overlap never repeats a window
    expect(windowStarts(9, 4, 0.8)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never steps further than patch · (1 − overlap)', () => {
    for (const overlap of [0, 0.25, 0.5, 0.75]) {
      for (let size = 5; size < 60; size += 7) {
        const starts = windowStarts(size, 5, overlap);
        expect(starts.at(-1)).toBe(size - 5);
        for (let i = 1; i < starts.length; i++) {
          expect(starts[i]! - starts[i - 1]!).toBeLessThanOrEqual(Math.ceil(5 * (1 - overlap)));
        }
      }
    }
  });

  it('rejects an overlap outside [0, 1) and a bad patch', () => {
    expect(() => windowStarts(10, 4, 1)).toThrow(/overlap must be in \[0, 1\)/);
    expect(() => windowStarts(10, 0, 0.5)).toThrow(/positive integer/);
  });

  it('combines the axes into a grid', () => {
    expect(windowGrid([6, 5], [4, 5], 0.5)).toEqual([
      [0, 0],
      [2, 0],
    ]);
    expect(() => windowGrid([6, 5, 4], [4, 5], 0.5)).toThrow(/same axes/);
  });
});

describe('gaussianImportanceMap', () => {
  it('peaks at 1 in the centre with σ = patch/8, and has no zeros', () => {
    const map = gaussianImportanceMap([16, 8]);
    expect(map[8 * 8 + 4]).toBe(1);
    // one σ (16/8 = 2 voxels) away along the first axis: exp(−1/2)
    expect(map[10 * 8 + 4]).toBeCloseTo(Math.exp(-0.5), 6);
    expect(map[6 * 8 + 4]).toBeCloseTo(map[10 * 8 + 4]!, 7);
    expect(Math.min(...map)).toBeGreaterThan(0);
  });
});
