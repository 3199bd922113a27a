import { describe, expect, it } from 'vitest';
import { memorySource } from './memorySource';
import { validationCases, type ValidationCase } from './validationCases';
import { syntheticCase } from './internal/testing/syntheticCase';

const cases = ['v0', 'v1', 'v2', 'v3', 'v4'].map((id, i) =>
  syntheticCase(id, [3 + i, 4, 5], 2, [{ center: [1, 2, 2], radius: 1, label: 1 }]),
);
const source = memorySource(cases);

async function collect(iterable: AsyncIterable<ValidationCase>): Promise<ValidationCase[]> {
  const out: ValidationCase[] = [];
  for await (const c of iterable) out.push(c);
  return out;
}

describe('validationCases', () => {
  it('yields whole cases, in order, as stored', async () => {
    const all = await collect(validationCases(source));
    expect(all.map((c) => c.id)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    for (const [i, c] of all.entries()) {
      expect(c.shape).toEqual(cases[i].shape);
      expect(c.channels).toBe(2);
      expect(c.image).toEqual(cases[i].image);
      expect(c.label).toEqual(cases[i].label);
    }
  });

  it('shards the cases by rank: disjoint, together complete', async () => {
    const caseIds = ['v4', 'v2', 'v0', 'v1'];
    const shards = await Promise.all(
      [0, 1, 2].map(async (rank) =>
        (await collect(validationCases(source, { caseIds, rank, size: 3 }))).map((c) => c.id),
      ),
    );
    expect(shards).toEqual([['v4', 'v1'], ['v2'], ['v0']]);
  });

  it('reads a case only when it is asked for', async () => {
    const reads: string[] = [];
    const counting = { ...source, read: (id: string) => (reads.push(id), source.read(id)) };
    const iterator = validationCases(counting);
    await iterator.next();
    expect(reads).toEqual(['v0']);
    await iterator.return(undefined);
  });

  it('rejects a bad rank or size, naming it', async () => {
    await expect(collect(validationCases(source, { rank: 2, size: 2 }))).rejects.toThrow(
      /validationCases: rank must be an integer in \[0, 1\], got 2/,
    );
    await expect(collect(validationCases(source, { size: 0 }))).rejects.toThrow(/validationCases: size/);
  });
});
