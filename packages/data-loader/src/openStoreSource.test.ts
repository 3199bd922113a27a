import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNifti } from '@nnunet-ts/io-nifti';
import { preprocessDataset, writeNpy } from '@nnunet-ts/preprocessing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from './CaseSource';
import { createTrainingLoader } from './createTrainingLoader';
import { openStoreSource } from './openStoreSource';
import { validationCases } from './validationCases';
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

/**
 * An MSD dataset of two 20×18×12 cases with label values 0, 1, 300 and 1000 (uint16 files): blocks
 * along i, each with its own intensity, inside an image that is nonzero everywhere.
 */
async function wideLabelDataset(root: string): Promise<void> {
  const shape: [number, number, number] = [20, 18, 12];
  // 1 mm voxels at the origin (the loader's package does not depend on @nnunet-ts/volume's createVolume)
  const volumeOf = (data: Float32Array | Uint16Array) =>
    ({
      dtype: data instanceof Float32Array ? 'float32' : 'uint16',
      data,
      shape,
      channels: 1,
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      affine: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    }) as Parameters<typeof writeNifti>[1];
  const values = [0, 1, 300, 1000];
  await mkdir(join(root, 'imagesTr'), { recursive: true });
  await mkdir(join(root, 'labelsTr'), { recursive: true });
  const training = [];
  for (const id of ['w_0', 'w_1']) {
    const image = new Float32Array(shape[0] * shape[1] * shape[2]);
    const label = new Uint16Array(image.length);
    for (let k = 0, at = 0; k < shape[2]; k++)
      for (let j = 0; j < shape[1]; j++)
        for (let i = 0; i < shape[0]; i++, at++) {
          const block =
            j >= 3 && j <= 14 && k >= 2 && k <= 9 ? Math.floor((i + (id === 'w_1' ? 1 : 0)) / 5) : 0;
          label[at] = values[block]!;
          image[at] = 10 + 50 * block;
        }
    await writeNifti(join(root, 'imagesTr', `${id}.nii.gz`), volumeOf(image));
    await writeNifti(join(root, 'labelsTr', `${id}.nii.gz`), volumeOf(label));
    training.push({ image: `./imagesTr/${id}.nii.gz`, label: `./labelsTr/${id}.nii.gz` });
  }
  const labels = { '0': 'background', '1': 'a', '300': 'b', '1000': 'c' };
  await writeFile(join(root, 'dataset.json'), JSON.stringify({ modality: { '0': 'CT' }, labels, training }));
}

describe('a store preprocessed from label values 0, 1, 300, 1000', () => {
  let dir: string;
  let storeDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-wide-'));
    await wideLabelDataset(join(dir, 'Wide'));
    const run = await preprocessDataset({ data: join(dir, 'Wide'), results: join(dir, 'results'), nJobs: 1 });
    expect(run.failures).toEqual([]);
    storeDir = run.storeDir!;
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives batches and validation cases of the classes 0..3, never the values', async () => {
    const source = await openStoreSource(storeDir);
    const whole = [];
    for await (const c of validationCases(source)) {
      expect(c.label).toBeInstanceOf(Uint8Array);
      whole.push(new Set(c.label));
    }
    expect(whole.map((present) => [...present].sort())).toEqual([
      [0, 1, 2, 3],
      [0, 1, 2, 3],
    ]);
    const loader = await createTrainingLoader({ source, dim: 3, patch: [8, 8, 8], batchSize: 2, seed: 1 });
    const seen = new Set<number>();
    for (const epoch of [0, 1, 2, 3])
      for await (const batch of loader.epoch(epoch)) batch.label.forEach((v) => seen.add(v));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});
