import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '@nnunet-ts/preprocessing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from './CaseSource';
import { openStoreSource } from './openStoreSource';
import { referenceRegion } from './internal/testing/referenceRegion';
import { syntheticCase } from './internal/testing/syntheticCase';
import { writeStore } from './internal/testing/writeStore';

describe('openStoreSource', () => {
  let dir: string;
  const cases = [
    syntheticCase('case_b', [7, 6, 9], 2, [{ center: [3, 3, 4], radius: 2, label: 1 }]),
    { ...syntheticCase('case_a', [5, 8, 4], 1), label: new Uint16Array(5 * 8 * 4).map((_, i) => i % 700) },
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-'));
    await writeStore(dir, cases);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the finished cases, sorted, and reads headers and whole cases', async () => {
    const source = await openStoreSource(dir);
    expect(source.ids).toEqual(['case_a', 'case_b']);
    expect(await source.header('case_b')).toEqual({ shape: [7, 6, 9], channels: 2 });
    const a = await source.read('case_a');
    expect(a.shape).toEqual([5, 8, 4]);
    expect(a.label).toBeInstanceOf(Uint16Array);
    expect(a.label).toEqual(cases[1].label);
    expect(a.image).toEqual(cases[1].image);
    expect(await source.readLabel('case_b')).toEqual(cases[0].label);
    expect(source.recipe).toMatchObject({ factory: 'openStoreSource', args: [dir] });
  });

  it('reads regions from disk like the voxel-by-voxel reference, padding outside the case', async () => {
    const source = await openStoreSource(dir);
    const regions: Region[] = [
      { start: [1, 1, 2], size: [3, 4, 5] },
      { start: [-2, 4, -1], size: [4, 5, 6] },
      { start: [5, -3, 7], size: [4, 12, 4] },
    ];
    for (const region of regions) {
      for (const c of cases) {
        const got = await source.read(c.id, region);
        const want = referenceRegion(c, region);
        expect(got.shape).toEqual(region.size);
        expect(got.channels).toBe(c.channels);
        expect(Array.from(got.image)).toEqual(want.image);
        expect(Array.from(got.label)).toEqual(want.label);
      }
    }
  });

  it('names the file and the problem for a broken store', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'store-bad-'));
    const meta = (id: string, shape: number[], channels: number) =>
      writeFile(join(bad, `${id}.json`), JSON.stringify({ id, shape, channels }));
    try {
      await expect(openStoreSource(join(bad, 'missing'))).rejects.toThrow(
        /store\.json: not a preprocessed store/,
      );
      await writeStore(bad, [], 'test');
      await expect(openStoreSource(bad)).rejects.toThrow(/is a test store: its cases have no labels/);
      await writeStore(bad, []);
      await expect(openStoreSource(bad)).rejects.toThrow(/holds no finished case/);
      await writeNpy(join(bad, 'p_x.npy'), new Float32Array(2 * 3 * 4), [2, 3, 4, 1]);
      await writeNpy(join(bad, 'p_y.npy'), new Uint8Array(2 * 3 * 5), [2, 3, 5]);
      await meta('p', [2, 3, 4], 1);
      await writeNpy(join(bad, 'q_x.npy'), new Float64Array(8), [2, 2, 2, 1]);
      await writeNpy(join(bad, 'q_y.npy'), new Uint8Array(8), [2, 2, 2]);
      await meta('q', [2, 2, 2], 1);
      await writeNpy(join(bad, 'r_x.npy'), new Float32Array(8), [2, 2, 2, 1]);
      await meta('r', [2, 2, 2], 1);
      const source = await openStoreSource(bad);
      expect(source.ids).toEqual(['p', 'q', 'r']);
      await expect(source.read('p')).rejects.toThrow(
        /p_y\.npy: expected uint8 or uint16 \[2, 3, 4\], got uint8 \[2, 3, 5\]/,
      );
      await expect(source.readLabel('p')).rejects.toThrow(/p_y\.npy: expected uint8 or uint16 \[2, 3, 4\]/);
      await expect(source.read('q')).rejects.toThrow(
        /q_x\.npy: expected float32 \[2, 2, 2, 1\] as q\.json describes, got float64/,
      );
      await expect(source.read('r', { start: [0, 0, 0], size: [1, 1, 1] })).rejects.toThrow(
        /r_y\.npy: cannot open/,
      );
      await expect(source.header('s')).rejects.toThrow(/no finished case 's'/);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
