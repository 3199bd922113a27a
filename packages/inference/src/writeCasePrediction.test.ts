import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabelMap } from '@nnunet-ts/datasets';
import { readNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCasePrediction } from './writeCasePrediction';

const affine: Mat4 = [
  [-1.5, 0, 0, 4],
  [0, 1.5, 0, -3],
  [0, 0, 2, 9],
  [0, 0, 0, 1],
];

/** Probabilities of 4 classes on a 3×2×2 grid, one plane per class: voxel v is most likely class v % 4. */
function probabilities() {
  const voxels = 12;
  const data = new Float32Array(voxels * 4).fill(0.1);
  for (let v = 0; v < voxels; v++) data[(v % 4) * voxels + v] = 0.7;
  return createVolume({ data, shape: [3, 2, 2], channels: 4, affine });
}

describe('writeCasePrediction', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-prediction-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the label values of the classes: uint16 NIfTI for 0, 1, 300, 1000, uint8 for 0..3', async () => {
    const cases: [string, LabelMap, string, number[]][] = [
      ['wide', new LabelMap({ '0': 'bg', '1': 'a', '300': 'b', '1000': 'c' }), 'uint16', [0, 1, 300, 1000]],
      ['narrow', new LabelMap({ '0': 'bg', '1': 'a', '2': 'b', '3': 'c' }), 'uint8', [0, 1, 2, 3]],
    ];
    for (const [id, labels, dtype, values] of cases) {
      const file = await writeCasePrediction(dir, id, probabilities(), labels, false);
      expect(file).toBe(join(dir, `${id}.nii.gz`));
      const { volume } = await readNifti(file);
      expect(volume.dtype).toBe(dtype);
      expect(volume.affine).toEqual(affine);
      expect([...volume.data]).toEqual(Array.from({ length: 12 }, (_, v) => values[v % 4]));
    }
  });

  it('refuses labels of another number of classes than the probabilities', async () => {
    const three = new LabelMap({ '0': 'bg', '1': 'a', '300': 'b' });
    await expect(writeCasePrediction(dir, 'x', probabilities(), three, false)).rejects.toThrow(
      'probabilities have 4 class plane(s), but the labels declare 3 classes',
    );
  });
});
