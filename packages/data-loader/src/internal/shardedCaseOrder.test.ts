import { describe, expect, it } from 'vitest';
import { shardedCaseOrder } from './shardedCaseOrder';

const ids = Array.from({ length: 11 }, (_, i) => `case${i}`);

describe('shardedCaseOrder', () => {
  it('deals every case to exactly one rank in each epoch', () => {
    for (const size of [1, 2, 3, 4]) {
      for (const epoch of [0, 1, 7]) {
        const shards = Array.from({ length: size }, (_, rank) => shardedCaseOrder(ids, 5, epoch, rank, size));
        expect(shards.flat().sort()).toEqual([...ids].sort());
        for (const shard of shards) {
          expect(shard.length).toBeGreaterThanOrEqual(Math.floor(ids.length / size));
          expect(shard.length).toBeLessThanOrEqual(Math.ceil(ids.length / size));
        }
      }
    }
  });

  it('is fixed by (seed, epoch) and changes with either', () => {
    const order = shardedCaseOrder(ids, 5, 3, 0, 1);
    expect(shardedCaseOrder(ids, 5, 3, 0, 1)).toEqual(order);
    expect(shardedCaseOrder(ids, 5, 4, 0, 1)).not.toEqual(order);
    expect(shardedCaseOrder(ids, 6, 3, 0, 1)).not.toEqual(order);
  });

  it('shuffles uniformly: each case lands in each position about equally often', () => {
    const n = 5;
    const few = ids.slice(0, n);
    const epochs = 4000;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let epoch = 0; epoch < epochs; epoch++) {
      shardedCaseOrder(few, 1, epoch, 0, 1).forEach((id, pos) => counts[few.indexOf(id)][pos]++);
    }
    // Each count is Binomial(4000, 1/5): mean 800, sd 25.3; 5 sd either side.
    for (const row of counts) for (const c of row) expect(Math.abs(c - epochs / n)).toBeLessThan(127);
  });
});
