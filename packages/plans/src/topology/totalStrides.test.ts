import { describe, expect, it } from 'vitest';
import { patchStrideProblem, totalStrides } from './totalStrides';

describe('totalStrides', () => {
  it('multiplies the strides of every stage per axis', () => {
    expect(
      totalStrides([
        [1, 1, 1],
        [1, 2, 2],
        [2, 2, 2],
        [2, 2, 1],
      ]),
    ).toEqual([4, 8, 4]);
    expect(totalStrides([[1, 1]])).toEqual([1, 1]);
  });

  it('names the first axis a patch does not fit', () => {
    const strides = [
      [1, 1, 1],
      [2, 2, 2],
      [2, 2, 2],
    ];
    expect(patchStrideProblem([8, 12, 16], strides)).toBeUndefined();
    expect(patchStrideProblem([8, 10, 18], strides)).toBe(
      "patch size 10 on axis 1 is not divisible by the network's total stride 4 there; use a multiple of 4",
    );
  });
});
