import { describe, expect, it } from 'vitest';
import { chunkBounds, segments } from './chunkBounds';

describe('chunkBounds', () => {
  it('covers every element once, in chunks that differ by at most one', () => {
    for (const parts of [1, 2, 3, 4, 7]) {
      for (const length of [0, 1, 2, 3, 5, 10, 101]) {
        const b = chunkBounds(length, parts);
        expect(b[0]).toBe(0);
        expect(b[parts]).toBe(length);
        const sizes = b.slice(1).map((end, i) => end - b[i]!);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes.every((s) => s >= 0)).toBe(true);
      }
    }
    expect(chunkBounds(2, 4)).toEqual([0, 0, 1, 1, 2]);
  });
});

describe('segments', () => {
  it('cuts a range into pieces of at most maxLength, one empty piece for an empty range', () => {
    expect(segments(3, 10, 3)).toEqual([
      [3, 6],
      [6, 9],
      [9, 10],
    ]);
    expect(segments(4, 4, 3)).toEqual([[4, 4]]);
  });
});
