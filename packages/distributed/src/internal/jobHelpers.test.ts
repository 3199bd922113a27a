import { afterEach, describe, expect, it } from 'vitest';
import { allgatherJson } from './allgatherJson';
import { rootFirst } from './rootFirst';
import { startInProcessJob, type InProcessJob } from './testing/startInProcessJob';

const jobs: InProcessJob[] = [];
afterEach(async () => {
  await Promise.all(jobs.splice(0).map((j) => j.close()));
});
async function job(size: number) {
  const j = await startInProcessJob(size, { segmentBytes: 64, timeoutMs: 10_000 });
  jobs.push(j);
  return j.contexts;
}

describe.each([1, 3])('job helpers on %i rank(s)', (size) => {
  it('allgatherJson gives every rank every value in rank order, non-ASCII text and non-finite numbers intact', async () => {
    const contexts = await job(size);
    const valueOf = (rank: number) => ({
      rank,
      cases: Array.from({ length: rank * 40 }, (_, i) => `case_${i}_é✓`),
      dice: [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25],
      nested: { empty: [], none: null },
    });
    const results = await Promise.all(contexts.map((c) => allgatherJson(c, valueOf(c.rank))));
    const expected = contexts.map((c) => valueOf(c.rank));
    for (const result of results) expect(result).toEqual(expected);
  });

  it('rootFirst runs the work on rank 0 before any other rank starts it', async () => {
    const contexts = await job(size);
    const order: string[] = [];
    const results = await Promise.all(
      contexts.map((c) =>
        rootFirst(c, async () => {
          order.push(`start ${c.rank}`);
          await new Promise((resolve) => setTimeout(resolve, c.rank === 0 ? 50 : 0));
          order.push(`end ${c.rank}`);
          return c.rank * 2;
        }),
      ),
    );
    expect(results).toEqual(contexts.map((c) => c.rank * 2));
    expect(order.slice(0, 2)).toEqual(['start 0', 'end 0']);
    expect(order).toHaveLength(2 * size);
  });
});
