import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Volume } from '@nnunet-ts/volume';
import { configurationHash, preprocessCase } from '@nnunet-ts/preprocessing';
import { loadModelEnsemble } from './modelEnsemble';
import { predictCases, type CasePredictionOptions } from './internal/predictCases';

export interface PredictFolderOptions extends CasePredictionOptions {
  /** a NIfTI file, or a folder of them (MSD: one possibly 4D file per case; nnU-Net v2: `{case}_XXXX` per channel) */
  input: string;
}

const NIFTI = /\.nii(\.gz)?$/;

/** The cases of an input path: id → its channel files in order. */
export async function inputCases(input: string): Promise<Map<string, string[]>> {
  if (NIFTI.test(input)) return new Map([[basename(input).replace(NIFTI, ''), [input]]]);
  if (!existsSync(input)) throw new Error(`${input}: no such file or folder`);
  const files = (await readdir(input)).filter((f) => NIFTI.test(f)).sort();
  if (files.length === 0) throw new Error(`${input}: no NIfTI images (.nii or .nii.gz) in this folder`);
  const cases = new Map<string, string[]>();
  for (const file of files) {
    const stem = file.replace(NIFTI, '');
    // nnU-Net v2 keeps one file per channel: {case}_0000, {case}_0001, ...
    const id = /_\d{4}$/.test(stem) ? stem.slice(0, -5) : stem;
    cases.set(id, [...(cases.get(id) ?? []), join(input, file)]);
  }
  return cases;
}

/** Stacks single-channel volumes of one grid into a multi-channel float32 volume. */
async function readImage(files: readonly string[]): Promise<Volume<'float32'>> {
  const volumes = await Promise.all(files.map(async (f) => (await readNifti(f, { as: 'float32' })).volume));
  if (volumes.length === 1) return volumes[0] as Volume<'float32'>;
  const first = volumes[0]!;
  const voxels = first.shape[0] * first.shape[1] * first.shape[2];
  const data = new Float32Array(voxels * volumes.length);
  volumes.forEach((v, c) => {
    if (v.shape.join() !== first.shape.join()) {
      throw new Error(
        `${files[c]}: shape [${v.shape.join(', ')}] differs from ${files[0]} [${first.shape.join(', ')}]`,
      );
    }
    data.set(v.data as Float32Array, c * voxels);
  });
  return createVolume({ data, shape: first.shape, channels: volumes.length, affine: first.affine });
}

/**
 * `nnunet predict -i -o`: each case is preprocessed with the model's plan, predicted by sliding
 * windows (with mirror TTA on request) by every model, the softmax averaged, mapped back onto the
 * original grid (padding removed, resampled to the cropped shape, pasted into the crop box) and
 * written as a label map with the input's geometry. Writes are atomic; `continuePrediction` skips
 * cases already written.
 */
export async function predictFolder(options: PredictFolderOptions): Promise<string[]> {
  const ensemble = await loadModelEnsemble(options.models, options);
  const { plan, configuration } = ensemble.plan;
  try {
    const cases = await inputCases(options.input);
    return await predictCases(
      ensemble,
      [...cases.keys()],
      async (id) => {
        const files = cases.get(id)!;
        const image = await readImage(files);
        return preprocessCase({ id, image, source: { images: files } }, plan, {
          configuration,
          mode: 'test',
          planHash: configurationHash(plan),
        });
      },
      options,
    );
  } finally {
    ensemble.dispose();
  }
}
