import { describe, expect, it } from 'vitest';
import { LegacyRandomState } from './LegacyRandomState';
import { valueNoise } from './valueNoise';

describe('valueNoise', () => {
  const shape = [17, 13, 9] as const;
  const field = valueNoise([...shape], [4, 4, 4], new LegacyRandomState(5));
  const at = (i: number, j: number, k: number) => field[i + shape[0] * (j + shape[1] * k)]!;

  it('stays within [-1, 1] and depends on the seed only', () => {
    expect(field.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(valueNoise([...shape], [4, 4, 4], new LegacyRandomState(5))).toEqual(field);
    expect(valueNoise([...shape], [4, 4, 4], new LegacyRandomState(6))).not.toEqual(field);
  });

  it('interpolates between lattice nodes with smoothstep weights', () => {
    // on lattice lines (j, k multiples of the cell) the field is a 1D smoothstep blend of the nodes
    const s = (t: number) => t * t * (3 - 2 * t);
    for (const j of [0, 4, 8, 12]) {
      for (const k of [0, 4, 8]) {
        for (let node = 0; node + 4 < shape[0]; node += 4) {
          const [a, b] = [at(node, j, k), at(node + 4, j, k)];
          for (const step of [1, 2, 3]) {
            expect(at(node + step, j, k)).toBeCloseTo(a + s(step / 4) * (b - a), 6);
          }
        }
      }
    }
  });

  it('accepts fractional cells (anisotropic voxels)', () => {
    const fine = valueNoise([8, 8, 8], [2.5, 2.5, 0.75], new LegacyRandomState(1));
    expect(fine.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(() => valueNoise([8, 8, 8], [0, 1, 1], new LegacyRandomState(1))).toThrow(
      /cell sizes must be positive/,
    );
  });
});
