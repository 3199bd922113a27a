import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

describe('percentile (numpy linear method)', () => {
  it('interpolates between the ranks around p/100·(n−1)', () => {
    // n = 4: rank = 3p/100; p90 → 2.7 → 30 + 0.7·(40 − 30)
    const values = [40, 10, 30, 20];
    expect(percentile(values, 50)).toBeCloseTo(25, 12);
    expect(percentile(values, 90)).toBeCloseTo(37, 12);
    expect(percentile(values, 95)).toBeCloseTo(38.5, 12);
    expect(percentile(values, 99)).toBeCloseTo(39.7, 12);
  });

  it('gives the sorted element itself where the rank is whole, the extremes at 0 and 100', () => {
    const values = [7.5, 1.25, 3, 100, 42, 9];
    const sorted = [...values].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) expect(percentile(values, (100 * i) / 5)).toBe(sorted[i]);
    // p50 of six values: rank 2.5, halfway between the 3rd and 4th smallest
    expect(percentile(values, 50)).toBeCloseTo((7.5 + 9) / 2, 12);
  });

  it('is the value itself for one value, and leaves the input unsorted', () => {
    expect(percentile([12.5], 99)).toBe(12.5);
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects an empty list and p outside [0, 100]', () => {
    expect(() => percentile([], 50)).toThrow('percentile: no values');
    expect(() => percentile([1], 101)).toThrow('p must be within [0, 100], got 101');
    expect(() => percentile([1], Number.NaN)).toThrow('got NaN');
  });
});
