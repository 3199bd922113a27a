import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readNifti } from '@nnunet-ts/io-nifti';
import { describe, expect, it } from 'vitest';
import { tempDir } from './internal/sharedData.fixture';
import { readCase } from './readCase';
import { synthesizeDataset } from './synthesizeDataset';
import { verifyDataset } from './verifyDataset';
import type { Dataset } from './Dataset';

const small = { shape: '32,32,16', cases: 3, testCases: 1 };

/** Mean intensity per label value of one channel, over every training case. */
async function meansByLabel(dataset: Dataset, channel: number): Promise<Map<number, number>> {
  const sums = new Map<number, [number, number]>();
  for (const c of dataset.training) {
    const { image, label } = await readCase(dataset, c);
    const size = label!.data.length;
    for (let v = 0; v < size; v++) {
      const key = Number(label!.data[v]);
      const [s, n] = sums.get(key) ?? [0, 0];
      sums.set(key, [s + image.data[channel * size + v]!, n + 1]);
    }
  }
  return new Map([...sums].map(([key, [s, n]]) => [key, s / n]));
}

/** relative path → sha256 of every file under root */
async function filesOf(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(
        path.relative(root, file),
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      );
    }
  }
  return files;
}

describe('synthesizeDataset', () => {
  it('writes a CT-like MSD dataset that verifyDataset passes', async () => {
    const root = path.join(await tempDir(), 'Task00_Phantom');
    const dataset = await synthesizeDataset(root, small);
    expect(dataset).toMatchObject({
      layout: 'msd',
      name: 'PhantomCT',
      channelNames: ['CT'],
      fileEnding: '.nii.gz',
    });
    expect([...dataset.labels]).toEqual([
      [0, 'background'],
      [1, 'organ'],
      [2, 'lesion'],
    ]);
    expect(dataset.training.map((c) => c.id)).toEqual(['phantom_000', 'phantom_001', 'phantom_002']);
    expect(dataset.test.map((c) => c.id)).toEqual(['phantom_003']);
    expect(await verifyDataset(dataset)).toEqual([]);

    const image = await readNifti(dataset.training[0]!.images[0]!);
    expect(image.dtype).toBe('int16');
    expect(image.dims).toHaveLength(3);
    expect(image.zooms).toEqual([1, 1, 1]);
    for (const c of dataset.training) {
      const { image: volume, label } = await readCase(dataset, c);
      // each axis within ±12.5% of 32,32,16
      volume.shape.forEach((n, d) =>
        expect(Math.abs(n / [32, 32, 16][d]! - 1)).toBeLessThanOrEqual(0.125 + 0.5 / n),
      );
      const present = new Set(label!.data as Uint8Array);
      expect([...present].sort()).toEqual([0, 1, 2]);
    }
    // the test case's ground truth sits in labelsTs
    expect((await readNifti(path.join(root, 'labelsTs/phantom_003.nii.gz'))).dtype).toBe('uint8');

    // tissue means in HU: outside the body (air) and body make up label 0
    const means = await meansByLabel(dataset, 0);
    expect(means.get(1)).toBeGreaterThan(100);
    expect(means.get(1)).toBeLessThan(120);
    expect(means.get(2)).toBeGreaterThan(45);
    expect(means.get(2)).toBeLessThan(65);
    expect(means.get(0)).toBeLessThan(-300);
  });

  it('writes MR-like 4D images with anisotropic voxels and three labels', async () => {
    const root = path.join(await tempDir(), 'mr');
    const dataset = await synthesizeDataset(root, {
      ...small,
      modality: 'MR',
      channels: 2,
      labels: 3,
      anisotropic: true,
    });
    expect(dataset.channelNames).toEqual(['T1w', 'T2w']);
    expect([...dataset.labels.values()]).toEqual(['background', 'organ', 'lesion', 'kidney']);
    expect(JSON.parse(await readFile(path.join(root, 'dataset.json'), 'utf8')).tensorImageSize).toBe('4D');
    expect(await verifyDataset(dataset)).toEqual([]);
    const image = await readNifti(dataset.training[0]!.images[0]!);
    expect(image.dtype).toBe('float32');
    expect(image.dims).toHaveLength(4);
    expect(image.dims[3]).toBe(2);
    expect(image.zooms.slice(0, 3).map((z) => Number(z.toFixed(6)))).toEqual([0.8, 0.8, 3]);
    const [t1, t2] = [await meansByLabel(dataset, 0), await meansByLabel(dataset, 1)];
    // the lesion is dark on T1 and bright on T2 relative to its organ; the kidney is its own class
    expect(t1.get(2)!).toBeLessThan(0.7 * t1.get(1)!);
    expect(t2.get(2)!).toBeGreaterThan(1.5 * t2.get(1)!);
    expect(t2.has(3)).toBe(true);
    const { image: volume, label } = await readCase(dataset, dataset.training[0]!);
    const size = label!.data.length;
    let air = 0;
    for (let v = 0; v < size; v++) if (volume.data[v] === 0 && volume.data[size + v] === 0) air++;
    expect(air).toBeGreaterThan(0.05 * size); // zero outside the body in both channels
  });

  it('writes the chosen label values, as uint16 when one exceeds 255', async () => {
    const root = path.join(await tempDir(), 'wide');
    const dataset = await synthesizeDataset(root, { ...small, labels: 3, labelValues: [0, 1, 300, 1000] });
    expect([...dataset.labels]).toEqual([
      [0, 'background'],
      [1, 'organ'],
      [300, 'lesion'],
      [1000, 'kidney'],
    ]);
    expect(await verifyDataset(dataset)).toEqual([]);
    const seen = new Set<number>();
    for (const c of [...dataset.training, { label: path.join(root, 'labelsTs/phantom_003.nii.gz') }]) {
      const label = await readNifti(c.label!);
      expect(label.dtype).toBe('uint16');
      for (const v of label.volume.data as Uint16Array) seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 300, 1000]);
    await expect(synthesizeDataset(path.join(root, 'x'), { labelValues: [0, 5, 5] })).rejects.toThrow(
      'labelValues 0, 5, 5: expected 3 values ascending from 0 (background, organ, lesion)',
    );
  });

  it('writes byte-identical files for the same seed, and keeps earlier cases when adding cases', async () => {
    const base = await tempDir();
    const options = { ...small, seed: 42 };
    await synthesizeDataset(path.join(base, 'a'), options);
    await synthesizeDataset(path.join(base, 'b'), options);
    await synthesizeDataset(path.join(base, 'c'), { ...options, seed: 43 });
    await synthesizeDataset(path.join(base, 'd'), { ...options, cases: 4 });
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((x) => filesOf(path.join(base, x))));
    expect([...a.keys()].sort()).toEqual([
      'dataset.json',
      'imagesTr/phantom_000.nii.gz',
      'imagesTr/phantom_001.nii.gz',
      'imagesTr/phantom_002.nii.gz',
      'imagesTs/phantom_003.nii.gz',
      'labelsTr/phantom_000.nii.gz',
      'labelsTr/phantom_001.nii.gz',
      'labelsTr/phantom_002.nii.gz',
      'labelsTs/phantom_003.nii.gz',
    ]);
    expect(b).toEqual(a);
    for (const name of a.keys()) if (name !== 'dataset.json') expect(c.get(name), name).not.toBe(a.get(name));
    for (const name of ['imagesTr/phantom_002.nii.gz', 'labelsTr/phantom_002.nii.gz']) {
      expect(d.get(name), name).toBe(a.get(name));
    }
    // the test case is drawn from its own seed, so it is the same image under another number
    expect(d.get('imagesTs/phantom_004.nii.gz')).toEqual(a.get('imagesTs/phantom_003.nii.gz'));
  });

  it('replaces an existing folder only when forced, leaving no temporary folder', async () => {
    const base = await tempDir();
    const root = path.join(base, 'phantom');
    await synthesizeDataset(root, { ...small, cases: 1, testCases: 0 });
    await writeFile(path.join(root, 'extra.txt'), 'x');
    await expect(synthesizeDataset(root, { ...small, cases: 1 })).rejects.toThrow(
      `${root} already exists and is not empty; choose another folder or pass force`,
    );
    const dataset = await synthesizeDataset(root, { ...small, cases: 2, testCases: 0, force: true });
    expect(dataset.training).toHaveLength(2);
    expect(await readdir(base)).toEqual(['phantom']);
    expect((await readdir(root)).sort()).toEqual([
      'dataset.json',
      'imagesTr',
      'imagesTs',
      'labelsTr',
      'labelsTs',
    ]);
  });

  it('explains invalid options', async () => {
    const root = path.join(await tempDir(), 'x');
    await expect(synthesizeDataset(root, { shape: '32,32' })).rejects.toThrow(
      /invalid options: shape: expected three integers x,y,z such as 64,64,32/,
    );
    await expect(synthesizeDataset(root, { channels: 3 as 1 })).rejects.toThrow(
      /invalid options: channels: /,
    );
    await expect(synthesizeDataset(root, { shape: '4,64,64' })).rejects.toThrow(
      /shape 4,64,64: each size must be 8 to 1024 voxels/,
    );
  });
});
