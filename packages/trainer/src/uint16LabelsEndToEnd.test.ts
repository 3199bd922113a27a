import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictFolder } from '@nnunet-ts/inference';
import { readNifti, writeNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Vec3 } from '@nnunet-ts/volume';
import { evaluateFolders } from './evaluateFolders';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-uint16-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALUES = [0, 1, 300, 1000];
const SHAPE: Vec3 = [24, 24, 16];

/**
 * One case of an easy phantom (1 mm voxels, MR-like float32): three balls of radius 5 voxels with
 * the label values 1, 300 and 1000, at intensities 100, 200 and 300 in a background of 20, with
 * noise of sd 5, so a threshold per voxel tells them apart. Where the balls sit varies with `seed`.
 */
function easyCase(seed: number) {
  let state = seed + 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const centres = [
    [6.5, 6.5, 8],
    [17.5, 7, 8],
    [12, 17.5, 8],
  ].map((c) => c.map((x) => x + (next() - 0.5) * 3));
  const [nI, nJ, nK] = SHAPE;
  const image = new Float32Array(nI * nJ * nK);
  const label = new Uint16Array(image.length);
  for (let k = 0, at = 0; k < nK; k++)
    for (let j = 0; j < nJ; j++)
      for (let i = 0; i < nI; i++, at++) {
        const ball = centres.findIndex(([x, y, z]) => (i - x!) ** 2 + (j - y!) ** 2 + (k - z!) ** 2 <= 25);
        label[at] = ball < 0 ? 0 : VALUES[ball + 1]!;
        // a sum of uniforms: roughly normal noise of sd 5
        image[at] = (ball < 0 ? 20 : 100 * (ball + 1)) + (next() + next() + next() - 1.5) * 10;
      }
  return {
    image: createVolume({ data: image, shape: SHAPE }),
    label: createVolume({ data: label, shape: SHAPE }),
  };
}

/** An MSD dataset of easy phantoms with `labelsTs` for evaluation; dataset.json declares the values. */
async function easyDataset(root: string, cases: number, testCases: number): Promise<void> {
  for (const sub of ['imagesTr', 'labelsTr', 'imagesTs', 'labelsTs'])
    mkdirSync(join(root, sub), { recursive: true });
  const id = (n: number) => `easy_${String(n).padStart(3, '0')}`;
  for (let n = 0; n < cases + testCases; n++) {
    const { image, label } = easyCase(n);
    const [images, labels] = n < cases ? ['imagesTr', 'labelsTr'] : ['imagesTs', 'labelsTs'];
    await writeNifti(join(root, images, `${id(n)}.nii.gz`), image);
    await writeNifti(join(root, labels, `${id(n)}.nii.gz`), label);
  }
  const train = Array.from({ length: cases }, (_, n) => ({
    image: `./imagesTr/${id(n)}.nii.gz`,
    label: `./labelsTr/${id(n)}.nii.gz`,
  }));
  const test = Array.from({ length: testCases }, (_, n) => `./imagesTs/${id(cases + n)}.nii.gz`);
  const labels = { '0': 'background', '1': 'low', '300': 'middle', '1000': 'high' };
  writeFileSync(
    join(root, 'dataset.json'),
    JSON.stringify({ name: 'Easy', modality: { '0': 'MR' }, labels, training: train, test }),
  );
}

describe('label values beyond uint8, end to end', () => {
  it('An easy phantom with labels 0, 1, 300, 1000 trains; its predictions use only those values, and each of them appears', async () => {
    const data = join(dir, 'Task00_Easy');
    await easyDataset(data, 6, 2);
    const epochs = 20;
    const result = await train(
      {
        data,
        results: join(dir, 'results'),
        epochs,
        stepsPerEpoch: 8,
        nfolds: 3,
        // one validation, at the end: Dice of the stored classes 1..3
        skipEval: epochs - 1,
        baseFilters: 4,
        maxFilters: 8,
        numWorkers: 0,
        seed: 1,
        quiet: true,
        learningRate: 3e-3,
      },
      { consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
    );
    expect(result.summary.epoch).toBe(epochs);
    expect(result.summary.lastValidation?.perClass).toHaveLength(3);
    expect(result.summary.lastValidation?.meanForeground).toBeGreaterThan(0.8);

    const output = join(dir, 'predictions');
    const written = await predictFolder({
      models: [result.modelFolder],
      input: join(data, 'imagesTs'),
      output,
    });
    expect(written).toHaveLength(2);
    const seen = new Set<number>();
    for (const file of written) {
      const { volume } = await readNifti(file);
      expect(volume.dtype).toBe('uint16');
      for (const v of volume.data as Uint16Array) seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(VALUES);

    const summary = await evaluateFolders({ preds: output, lbls: join(data, 'labelsTs') });
    expect(summary.metric_per_case).toHaveLength(2);
    expect(Object.keys(summary.mean)).toEqual(['1', '300', '1000']);
    // each value is where its ball is: classes were mapped back to the right values
    for (const value of ['1', '300', '1000']) expect(summary.mean[value]!.Dice).toBeGreaterThan(0.8);
  }, 180_000);
});
