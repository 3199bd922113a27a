import { afterEach, describe, expect, it } from 'vitest';
import { firstMismatch } from './testing/firstMismatch';
import { startInProcessJob, type InProcessJob } from './testing/startInProcessJob';

const jobs: InProcessJob[] = [];
afterEach(async () => {
  await Promise.all(jobs.splice(0).map((j) => j.close()));
});
async function job(size: number, segmentBytes = 64) {
  // Small frames so that even short buffers go through the multi-frame path.
  const j = await startInProcessJob(size, { segmentBytes, timeoutMs: 10_000 });
  jobs.push(j);
  return j.contexts;
}

/** Integer-valued data: every summation order gives the exact sum, so results compare with `toEqual`. */
const intData = (rank: number, length: number) =>
  Float32Array.from({ length }, (_, i) => ((i * 7919 + rank * 104729) % 2001) - 1000);

/** A small deterministic generator for float data (xorshift). */
function floatData(seed: number, length: number): Float32Array {
  let s = seed * 2654435761 + 1;
  return Float32Array.from({ length }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 2 ** 32 - 0.5) * 10 ** ((s >>> 0) % 7);
  });
}

const LENGTHS = [0, 1, 2, 3, 5, 7, 31, 1001];

describe.each([1, 2, 3, 4])('collectives with %i rank(s) on loopback', (size) => {
  it('allreduce sum is exact for every length, including lengths below the number of ranks', async () => {
    const contexts = await job(size);
    for (const length of LENGTHS) {
      const inputs = contexts.map((c) => intData(c.rank, length));
      const expected = Float32Array.from({ length }, (_, i) => inputs.reduce((sum, x) => sum + x[i]!, 0));
      const buffers = inputs.map((x) => x.slice());
      const results = await Promise.all(contexts.map((c, r) => c.allreduce(buffers[r]!, 'sum')));
      results.forEach((result, r) => {
        expect(result).toBe(buffers[r]); // in place
        expect(result).toEqual(expected);
      });
    }
  });

  it('allreduce mean is the exact sum divided once by the size', async () => {
    const contexts = await job(size);
    for (const length of [1, 3, 1001]) {
      const inputs = contexts.map((c) => intData(c.rank, length));
      const expected = Float32Array.from({ length }, (_, i) =>
        Math.fround(inputs.reduce((sum, x) => sum + x[i]!, 0) / size),
      );
      const results = await Promise.all(contexts.map((c, r) => c.allreduce(inputs[r]!, 'mean')));
      for (const result of results) expect(result).toEqual(expected);
    }
  });

  it('allreduce of floats is bit-identical on every rank, run after run, and close to the exact sum', async () => {
    const contexts = await job(size);
    const length = 517;
    const run = () => Promise.all(contexts.map((c) => c.allreduce(floatData(c.rank + 1, length), 'sum')));
    const [first, second] = [await run(), await run()];
    const exact = Array.from({ length }, (_, i) =>
      contexts.reduce((sum, c) => sum + floatData(c.rank + 1, length)[i]!, 0),
    );
    for (const result of [...first, ...second]) {
      expect(new Uint32Array(result.buffer)).toEqual(new Uint32Array(first[0]!.buffer));
    }
    const magnitude = (i: number) =>
      contexts.reduce((s, c) => s + Math.abs(floatData(c.rank + 1, length)[i]!), 0);
    first[0]!.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThanOrEqual(magnitude(i) * 2 ** -22));
  });

  it('broadcast copies the root’s buffer to every rank, for every root', async () => {
    const contexts = await job(size);
    for (let root = 0; root < size; root++) {
      for (const length of [0, 1, 5, 1001]) {
        const buffers = contexts.map((c) => intData(c.rank + 10, length));
        const expected = buffers[root]!.slice();
        const results = await Promise.all(contexts.map((c, r) => c.broadcast(buffers[r]!, root)));
        results.forEach((result, r) => {
          expect(result).toBe(buffers[r]);
          expect(result).toEqual(expected);
        });
      }
    }
  });

  it('allgather returns every rank’s buffer, of varying lengths, in rank order', async () => {
    const contexts = await job(size);
    const inputs = contexts.map((c) => intData(c.rank, [3, 0, 1000, 1][c.rank]!));
    const results = await Promise.all(contexts.map((c, r) => c.allgather(inputs[r]!)));
    for (const gathered of results) expect(gathered).toEqual(inputs);
    expect(results[0]![0]).not.toBe(inputs[0]); // copies
  });

  it('barrier lets no rank through before the last one has entered', async () => {
    const contexts = await job(size);
    const entered: number[] = [];
    const late = size - 1;
    const passed = contexts.map(async (c) => {
      if (c.rank === late) await new Promise((resolve) => setTimeout(resolve, 100));
      entered.push(c.rank);
      await c.barrier();
      return [...entered].sort();
    });
    for (const seen of await Promise.all(passed)) expect(seen).toEqual(contexts.map((c) => c.rank));
  });

  it('runs calls made without awaiting in call order', async () => {
    const contexts = await job(size);
    const results = await Promise.all(
      contexts.map((c) => {
        const a = c.allreduce(Float32Array.of(c.rank, 1), 'sum');
        const b = c.broadcast(Float32Array.of(c.rank * 10), size - 1);
        const g = c.allgather(Float32Array.of(c.rank));
        return Promise.all([a, b, g]);
      }),
    );
    const rankSum = (size * (size - 1)) / 2;
    for (const [a, b, g] of results) {
      expect(a).toEqual(Float32Array.of(rankSum, size));
      expect(b).toEqual(Float32Array.of((size - 1) * 10));
      expect(g).toEqual(contexts.map((c) => Float32Array.of(c.rank)));
    }
  });
});

describe('collectives with large buffers', () => {
  it('allreduce 3 ranks × 1.5 M floats with 1 MiB frames matches the sum', async () => {
    const contexts = await job(3, 1 << 20);
    const length = 1_500_001;
    const inputs = contexts.map((c) => intData(c.rank, length));
    const expected = Float32Array.from(
      { length },
      (_, i) => inputs[0]![i]! + inputs[1]![i]! + inputs[2]![i]!,
    );
    const results = await Promise.all(contexts.map((c, r) => c.allreduce(inputs[r]!, 'sum')));
    for (const result of results) expect(firstMismatch(result, expected)).toBe(-1);
  });
});
