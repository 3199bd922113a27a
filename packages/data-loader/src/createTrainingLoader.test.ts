import { describe, expect, it } from 'vitest';
import type { Batch } from './Batch';
import { createTrainingLoader, type TrainingLoaderOptions } from './createTrainingLoader';
import { memorySource } from './memorySource';
import { syntheticCase } from './internal/testing/syntheticCase';

const cases = Array.from({ length: 7 }, (_, i) =>
  syntheticCase(`c${i}`, [20, 22, 24], 2, [{ center: [6 + i, 11, 12], radius: 3, label: 1 + (i % 2) }]),
);
const source = memorySource(cases);
const base: TrainingLoaderOptions = { source, dim: 3, patch: [8, 10, 12], batchSize: 2, seed: 3 };

async function collect(iterable: AsyncIterable<Batch>): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of iterable) out.push(b);
  return out;
}

describe('createTrainingLoader', () => {
  it('makes 3D batches of B patches, cycling through the epoch order of the cases', async () => {
    const loader = await createTrainingLoader(base);
    expect(loader.batchShape).toEqual([2, 8, 10, 12]);
    expect(loader.channels).toBe(2);
    expect(loader.stepsPerEpoch).toBe(4); // 7 cases, 2 per batch
    const batches = await collect(loader.epoch(1));
    const order = loader.epochCases(1);
    expect([...order].sort()).toEqual(cases.map((c) => c.id));
    expect(batches.map((b) => b.step)).toEqual([0, 1, 2, 3]);
    for (const b of batches) {
      expect(b.epoch).toBe(1);
      expect(b.shape).toEqual([2, 8, 10, 12]);
      expect(b.image.length).toBe(2 * 8 * 10 * 12 * 2);
      expect(b.label.length).toBe(2 * 8 * 10 * 12);
      expect(b.caseIds).toEqual([0, 1].map((j) => order[(b.step * 2 + j) % 7]));
      expect(b.image.some((v) => v !== 0)).toBe(true);
    }
  });

  it('gives the same batches for the same seed, and others for another seed or epoch', async () => {
    const a = await createTrainingLoader(base);
    const b = await createTrainingLoader(base);
    const c = await createTrainingLoader({ ...base, seed: 4 });
    const first = await collect(a.epoch(0));
    expect(await collect(b.epoch(0))).toEqual(first);
    const other = await collect(c.epoch(0));
    expect(other.map((x) => x.image)).not.toEqual(first.map((x) => x.image));
    const next = await collect(a.epoch(1));
    expect(next.map((x) => x.image)).not.toEqual(first.map((x) => x.image));
    // Random access gives what iteration gives.
    expect(await a.batch(1, 2)).toEqual(next[2]);
  });

  it('iterated itself, runs epochs firstEpoch .. epochs - 1 back to back', async () => {
    const loader = await createTrainingLoader({ ...base, firstEpoch: 2, epochs: 4, stepsPerEpoch: 3 });
    const batches = await collect(loader);
    expect(batches.map((b) => [b.epoch, b.step])).toEqual([
      [2, 0],
      [2, 1],
      [2, 2],
      [3, 0],
      [3, 1],
      [3, 2],
    ]);
    expect(batches[4]).toEqual(await loader.batch(3, 1));
  });

  it('shards cases by rank: in every epoch each rank sees only its own, disjoint cases', async () => {
    const size = 3;
    const loaders = await Promise.all(
      [0, 1, 2].map((rank) => createTrainingLoader({ ...base, rank, size, batchSize: 1 })),
    );
    expect(loaders.map((l) => l.stepsPerEpoch)).toEqual([3, 3, 3]);
    for (const epoch of [0, 1]) {
      const shards = loaders.map((l) => l.epochCases(epoch));
      expect(shards.flat().sort()).toEqual(cases.map((c) => c.id));
      for (const [rank, loader] of loaders.entries()) {
        const seen = new Set((await collect(loader.epoch(epoch))).flatMap((b) => b.caseIds));
        for (const id of seen) expect(shards[rank]).toContain(id);
        expect(seen.size).toBe(shards[rank].length);
      }
    }
    expect(loaders[0].epochCases(0)).not.toEqual(loaders[0].epochCases(1));
  });

  it('aims at least the oversampling share of patches at a small structure', async () => {
    // Two 3-voxel-wide blobs per 64³ case, 16³ patches: a crop placed anywhere hits one about 1 time in 10.
    const small = memorySource(
      Array.from({ length: 4 }, (_, i) =>
        syntheticCase(`s${i}`, [64, 64, 64], 1, [
          { center: [10 + 9 * i, 40, 20], radius: 1.5, label: 1 },
          { center: [50, 12 + 8 * i, 45], radius: 1.5, label: 2 },
        ]),
      ),
    );
    const share = async (oversampling: number) => {
      const loader = await createTrainingLoader({
        source: small,
        dim: 3,
        patch: [16, 16, 16],
        batchSize: 4,
        seed: 11,
        oversampling,
        stepsPerEpoch: 150,
      });
      let withForeground = 0;
      const voxels = 16 ** 3;
      for await (const b of loader.epoch(0)) {
        for (let j = 0; j < 4; j++) {
          if (b.label.subarray(j * voxels, (j + 1) * voxels).some((v) => v !== 0)) withForeground++;
        }
      }
      return withForeground / 600;
    };
    const biased = await share(0.33);
    const uniform = await share(0);
    expect(biased).toBeGreaterThanOrEqual(0.33);
    expect(uniform).toBeLessThan(0.2);
    // The bias accounts for the difference: 0.33 of the patches aimed, minus the few zoom cuts away.
    expect(biased - uniform).toBeGreaterThan(0.25);
  });

  it('makes 2D batches of nvol slabs of consecutive slices', async () => {
    // Every voxel of slice d is labelled d + 1, so a patch's labels show which slices it holds.
    const [D, H, W] = [20, 24, 24];
    const sliced = ['p', 'q', 'r'].map((id) => {
      const c = syntheticCase(id, [D, H, W], 1);
      c.label.forEach((_, i) => (c.label[i] = 1 + Math.floor(i / (H * W))));
      return c;
    });
    for (const augment of ['nvidia', 'nnunet'] as const) {
      const loader = await createTrainingLoader({
        source: memorySource(sliced),
        dim: 2,
        patch: [16, 16],
        batchSize: 6,
        nvol: 2,
        seed: 5,
        augment,
        stepsPerEpoch: 6,
      });
      expect(loader.batchShape).toEqual([6, 16, 16]);
      for await (const b of loader.epoch(0)) {
        expect(b.shape).toEqual([6, 16, 16]);
        expect(b.image.length).toBe(6 * 16 * 16);
        const slab = [0, 1, 2];
        for (const v of [0, 1]) {
          expect(b.caseIds.slice(3 * v, 3 * v + 3)).toEqual(Array(3).fill(b.caseIds[3 * v]));
          const first = b.label[3 * v * 256];
          for (const t of slab) {
            const slice = b.label.subarray((3 * v + t) * 256, (3 * v + t + 1) * 256);
            // Spatial transforms act in-plane only: a slice keeps one label, the next slice's is one more.
            expect(new Set(slice.filter((x) => x !== 0))).toEqual(new Set([first + t]));
          }
        }
      }
    }
  });

  it('names the option and the problem for bad options', async () => {
    const bad = (extra: Partial<TrainingLoaderOptions>) => createTrainingLoader({ ...base, ...extra });
    await expect(bad({ dim: 4 as 3 })).rejects.toThrow('dim must be 2 or 3, got 4');
    await expect(bad({ patch: [8, 8] })).rejects.toThrow(
      'patch must be 3 positive integers for dim 3, got [8, 8]',
    );
    await expect(bad({ dim: 2, patch: [8, 8], batchSize: 5, nvol: 2 })).rejects.toThrow(
      'batchSize (5) must be a multiple of nvol (2) in 2D',
    );
    await expect(bad({ oversampling: 1.5 })).rejects.toThrow('oversampling must be in [0, 1], got 1.5');
    await expect(bad({ augment: 'dali' as 'nvidia' })).rejects.toThrow(
      `augment must be 'nvidia' or 'nnunet'`,
    );
    await expect(bad({ caseIds: ['c1', 'nope'] })).rejects.toThrow('caseIds not in the source: nope');
    await expect(bad({ caseIds: ['c1', 'c2'], size: 3 })).rejects.toThrow(
      '2 case(s) cannot be shared out to 3 ranks',
    );
    await expect(bad({ rank: 2, size: 2 })).rejects.toThrow('rank must be an integer in [0, 1], got 2');
    await expect(bad({ numWorkers: 1, source: { ...source, recipe: undefined } })).rejects.toThrow(
      'numWorkers 1 needs a source with a recipe',
    );
    const loader = await createTrainingLoader(base);
    await expect(loader.batch(0, 4)).rejects.toThrow('step must be an integer in [0, 3], got 4');
  });

  it('fails the batch of a case it cannot augment, naming the case', async () => {
    const wide = { ...syntheticCase('wide', [8, 8, 8], 1), label: new Uint16Array(512).fill(300) };
    const loader = await createTrainingLoader({ ...base, source: memorySource([wide]), patch: [4, 4, 4] });
    await expect(loader.batch(0, 0)).rejects.toThrow(
      /case 'wide': class id 300 at voxel 0; augmentation handles 256 classes/,
    );
  });
});
