import { describe, expect, it } from 'vitest';
import { initBackend } from '@nnunet-ts/tf-backend';
import { tinyShardedData, tinyUNet } from './testing/tinyTraining';
import { validationDice } from './validationDice';

await initBackend({ backend: 'cpu' });

/** An allreduce(sum) for `size` callers in one process: resolves once all have contributed. */
function inProcessSum(size: number) {
  const contributions: Float32Array[] = [];
  let release: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async (values: Float32Array) => {
    contributions.push(values.slice());
    if (contributions.length === size) release();
    await all;
    values.fill(0);
    for (const c of contributions) c.forEach((v, i) => (values[i]! += v));
    return values;
  };
}

describe('validationDice', () => {
  it('split across ranks and combined, gives the Dice of all cases in one process', async () => {
    const model = tinyUNet(3);
    const options = { patchSize: [8, 8, 8], classes: 2 };
    const whole = await validationDice(model, tinyShardedData(0, 1, 5).validation(), options);
    const allreduceSum = inProcessSum(2);
    // 5 cases over 2 ranks: 3 and 2
    const shards = await Promise.all(
      [0, 1].map((rank) =>
        validationDice(model, tinyShardedData(rank, 2, 5).validation(), { ...options, allreduceSum }),
      ),
    );
    model.dispose();
    expect(whole.cases).toBe(5);
    expect(whole.meanForeground).toBeGreaterThan(0.05); // an untrained net: neither empty nor perfect
    expect(whole.meanForeground).toBeLessThan(0.95);
    for (const shard of shards) {
      expect(shard.cases).toBe(5);
      // float32 sums over the ranks against float64 ones
      shard.perClass.forEach((d, c) => expect(d).toBeCloseTo(whole.perClass[c]!, 6));
    }
  });
});
