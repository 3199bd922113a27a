import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Mat4, type Volume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './DatasetError';
import { expectedCt, haveSharedData, sharedCt, tempDir } from './internal/sharedData.fixture';
import { loadDataset } from './loadDataset';
import { readCase } from './readCase';

const haveCt = haveSharedData('msd_totalseg_ct');

const affine: Mat4 = [
  [1.5, 0, 0, -10],
  [0, 1.5, 0, 4],
  [0, 0, 2.5, 30],
  [0, 0, 0, 1],
];
const shape = [5, 4, 3] as const;
const n = shape[0] * shape[1] * shape[2];

function counts(data: ArrayLike<number>): [number, number][] {
  const map = new Map<number, number>();
  for (let i = 0; i < data.length; i++) map.set(data[i]!, (map.get(data[i]!) ?? 0) + 1);
  return [...map].sort((a, b) => a[0] - b[0]);
}

/** An MSD dataset with one training case whose files are the given volumes. */
async function msdCase(channels: string[], image: Volume, label: Volume) {
  const root = await tempDir();
  await mkdir(path.join(root, 'imagesTr'));
  await mkdir(path.join(root, 'labelsTr'));
  await writeNifti(path.join(root, 'imagesTr/a.nii.gz'), image);
  await writeNifti(path.join(root, 'labelsTr/a.nii.gz'), label);
  const modality = Object.fromEntries(channels.map((name, i) => [String(i), name]));
  await writeFile(
    path.join(root, 'dataset.json'),
    JSON.stringify({
      modality,
      labels: { 0: 'bg', 1: 'a', 2: 'b' },
      training: [{ image: './imagesTr/a.nii.gz', label: './labelsTr/a.nii.gz' }],
    }),
  );
  const dataset = await loadDataset(root);
  return { root, dataset, c: dataset.training[0]! };
}

const labelOf = (data: Volume['data'], a: Mat4 = affine) => createVolume({ data, shape, affine: a });

describe.skipIf(!haveCt)('readCase on the shared CT dataset', () => {
  it('gives float32 images and integer labels with the geometry and values of expected.json', async () => {
    const expected = await expectedCt();
    const dataset = await loadDataset(sharedCt);
    for (const c of [...dataset.training, ...dataset.test]) {
      const want = [...expected.cases, ...expected.test].find((e) => e.case === c.id)!;
      const { id, image, label } = await readCase(dataset, c);
      expect(id).toBe(c.id);
      expect(image.dtype).toBe('float32');
      expect(image.channels).toBe(1);
      expect(image.shape).toEqual(want.image_shape);
      expect(image.spacing).toEqual(want.spacing);
      expect(image.affine).toEqual(want.affine);
      let [min, max, sum] = [Infinity, -Infinity, 0];
      for (const v of image.data) [min, max, sum] = [Math.min(min, v), Math.max(max, v), sum + v];
      expect([min, max]).toEqual([want.intensity.min, want.intensity.max]);
      expect(sum / image.data.length).toBeCloseTo(want.intensity.mean, 9);
      if (want.label_values === undefined) {
        expect(label).toBeUndefined();
        continue;
      }
      expect(label!.dtype).toBe('uint8');
      expect(label!.shape).toEqual(want.image_shape);
      expect(label!.affine).toEqual(want.affine);
      expect(counts(label!.data as Uint8Array)).toEqual(want.label_values);
    }
  });
});

describe('readCase', () => {
  it('stacks v2 channel files into the image an MSD 4D file gives', async () => {
    const data = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i) * 100);
    const label = labelOf(Uint8Array.from({ length: n }, (_, i) => i % 3));
    const msd = await msdCase(['T1', 'T2'], createVolume({ data, shape, channels: 2, affine }), label);

    const root = await tempDir();
    await mkdir(path.join(root, 'imagesTr'));
    await mkdir(path.join(root, 'labelsTr'));
    for (const c of [0, 1]) {
      const channel = createVolume({ data: data.slice(c * n, (c + 1) * n), shape, affine });
      await writeNifti(path.join(root, `imagesTr/a_000${c}.nii.gz`), channel);
    }
    await writeNifti(path.join(root, 'labelsTr/a.nii.gz'), label);
    await writeFile(
      path.join(root, 'dataset.json'),
      JSON.stringify({
        channel_names: { 0: 'T1', 1: 'T2' },
        labels: { background: 0, a: 1, b: 2 },
        file_ending: '.nii.gz',
      }),
    );
    const v2 = await loadDataset(root);

    const fromMsd = await readCase(msd.dataset, msd.c);
    const fromV2 = await readCase(v2, v2.training[0]!);
    expect(fromV2.image.channels).toBe(2);
    expect(fromV2.image.data).toEqual(data);
    expect(fromV2.image).toEqual(fromMsd.image);
    expect(fromV2.label).toEqual(fromMsd.label);
  });

  it('refuses channel files and labels that are not on one grid, naming the file', async () => {
    const image = createVolume({ data: new Float32Array(n), shape, affine });
    const moved: Mat4 = [affine[0], affine[1], [0, 0, 2.5, 31], affine[3]];
    const { c, dataset } = await msdCase(['CT'], image, labelOf(new Uint8Array(n), moved));
    const error = await readCase(dataset, c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(c.label);
    expect((error as Error).message).toMatch(
      /not on the grid of the image .*a\.nii\.gz: affine .* \(by up to 1,/,
    );
  });

  it('says when the channel count differs from dataset.json', async () => {
    const image = createVolume({ data: new Float32Array(n), shape, affine });
    const { c, dataset } = await msdCase(['FLAIR', 'T1w'], image, labelOf(new Uint8Array(n)));
    await expect(readCase(dataset, c)).rejects.toThrow(
      /case a has 1 channel\(s\), but dataset\.json declares 2 \(FLAIR, T1w\)/,
    );
  });

  it('turns float label maps into the smallest integer type that holds them', async () => {
    const image = createVolume({ data: new Float32Array(n), shape, affine });
    const cases: [number[], string][] = [
      [[0, 1, 2], 'uint8'],
      [[0, 2, 300], 'uint16'],
      [[-1, 0, 2], 'int16'],
      [[0, 1, 70000], 'int32'],
    ];
    for (const [values, dtype] of cases) {
      const data = Float32Array.from({ length: n }, (_, i) => values[i % 3]!);
      const { c, dataset } = await msdCase(['CT'], image, labelOf(data));
      const { label } = await readCase(dataset, c);
      expect(label!.dtype).toBe(dtype);
      expect(Array.from(label!.data as ArrayLike<number>)).toEqual(Array.from(data));
    }
    const half = Float32Array.from({ length: n }, (_, i) => (i === 7 ? 1.5 : 0));
    const { c, dataset } = await msdCase(['CT'], image, labelOf(half));
    await expect(readCase(dataset, c)).rejects.toThrow(
      `${c.label}: 1 label voxels are not integers (e.g. 1.5); labels must be whole numbers`,
    );
  });

  it('passes maxVoxels to the reader', async () => {
    const image = createVolume({ data: new Float32Array(n), shape, affine });
    const { c, dataset } = await msdCase(['CT'], image, labelOf(new Uint8Array(n)));
    await expect(readCase(dataset, c, { maxVoxels: n - 1 })).rejects.toThrow(c.images[0]);
    expect((await readCase(dataset, c, { maxVoxels: n })).image.shape).toEqual(shape);
  });
});
