import { afterEach, describe, expect, it } from 'vitest';
import { GradientFusion } from './GradientFusion';
import type { ReduceOp } from './ringAllreduce';
import { firstMismatch } from './testing/firstMismatch';
import { startInProcessJob, type InProcessJob } from './testing/startInProcessJob';

const jobs: InProcessJob[] = [];
afterEach(async () => {
  await Promise.all(jobs.splice(0).map((j) => j.close()));
});

const LENGTHS = [5, 0, 1000, 3, 70_000, 1, 2];
/** Integer-valued gradients: the sums are exact, whatever the grouping. */
const gradients = (rank: number) =>
  LENGTHS.map((length, t) =>
    Float32Array.from({ length }, (_, i) => ((i * 31 + t * 17 + rank * 101) % 199) - 99),
  );

describe('GradientFusion', () => {
  it('plans consecutive groups up to the threshold, a too-large array alone', () => {
    const fusion = (thresholdBytes: number) =>
      new GradientFusion({ allreduce: async (b) => b }, { thresholdBytes });
    expect(fusion(40).plan([2, 3, 4, 20, 1, 1])).toEqual([[0, 1, 2], [3], [4, 5]]);
    expect(fusion(0).plan([2, 0, 3])).toEqual([[0], [1], [2]]);
    expect(fusion(1 << 26).plan(LENGTHS)).toEqual([[0, 1, 2, 3, 4, 5, 6]]);
    expect(() => fusion(-1)).toThrow('thresholdBytes must be an integer ≥ 0, got -1');
  });

  it.each([0, 64, 4096, undefined])(
    'gives every rank the sum and the mean of each array (threshold %s), one allreduce per group',
    async (thresholdBytes) => {
      const job = await startInProcessJob(3, { segmentBytes: 4096 });
      jobs.push(job);
      for (const op of ['sum', 'mean'] as ReduceOp[]) {
        const inputs = job.contexts.map((c) => gradients(c.rank));
        const expected = LENGTHS.map((length, t) =>
          Float32Array.from({ length }, (_, i) => {
            const sum = inputs.reduce((s, g) => s + g[t]![i]!, 0);
            return op === 'sum' ? sum : Math.fround(sum / 3);
          }),
        );
        const calls: number[][] = job.contexts.map(() => []);
        await Promise.all(
          job.contexts.map((c, r) => {
            const counting = {
              allreduce: (b: Float32Array, o?: ReduceOp) => (calls[r]!.push(b.length), c.allreduce(b, o)),
            };
            return new GradientFusion(counting, { thresholdBytes }).allreduce(inputs[r]!, op);
          }),
        );
        const groups = new GradientFusion(job.contexts[0]!, { thresholdBytes }).plan(LENGTHS);
        for (let r = 0; r < 3; r++) {
          inputs[r]!.forEach((array, t) => expect(firstMismatch(array, expected[t]!)).toBe(-1));
          expect(calls[r]).toEqual(groups.map((g) => g.reduce((s, i) => s + LENGTHS[i]!, 0)));
        }
      }
    },
  );
});
