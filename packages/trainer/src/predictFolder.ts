import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readNifti, writeNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Volume } from '@nnunet-ts/volume';
import { configurationHash, preprocessCase, restoreProbabilities, writeNpy } from '@nnunet-ts/preprocessing';
import { slidingWindowInference, tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import { loadUNet } from '@nnunet-ts/unet-model';
import type { tf } from '@nnunet-ts/tf-backend';
import type { ModelPlan } from './ModelPlan';
import { restorePrediction } from './restorePrediction';

export interface PredictFolderOptions {
  /** model folders written by `train` (several: their softmax outputs are averaged, a fold ensemble) */
  models: readonly string[];
  /** a NIfTI file, or a folder of them (MSD: one possibly 4D file per case; nnU-Net v2: `{case}_XXXX` per channel) */
  input: string;
  /** folder for `{case}.nii.gz` label maps */
  output: string;
  overlap?: number;
  blend?: 'gaussian' | 'constant';
  tta?: boolean;
  batchSize?: number;
  /** keep predictions that already exist (`--continue`) */
  continuePrediction?: boolean;
  /** also write the probabilities on the original grid as `{case}_probabilities.npy` ([C, k, j, i]) */
  saveProbabilities?: boolean;
  onCase?: (caseId: string, done: number, total: number, skipped: boolean) => void;
  onWindows?: (caseId: string, done: number, total: number) => void;
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

/** Softmax over the last axis of channels-last logits, in place. */
function softmaxInPlace(values: Float32Array, channels: number): void {
  for (let v = 0; v < values.length; v += channels) {
    let max = -Infinity;
    for (let c = 0; c < channels; c++) max = Math.max(max, values[v + c]!);
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += values[v + c] = Math.exp(values[v + c]! - max);
    for (let c = 0; c < channels; c++) values[v + c]! /= sum;
  }
}

/**
 * `nnunet predict -i -o`: each case is preprocessed with the model's plan, predicted by sliding
 * windows (with mirror TTA on request) by every model, the softmax averaged, mapped back onto the
 * original grid (padding removed, resampled to the cropped shape, pasted into the crop box) and
 * written as a label map with the input's geometry. Writes are atomic; `continuePrediction` skips
 * cases already written.
 */
export async function predictFolder(options: PredictFolderOptions): Promise<string[]> {
  if (options.models.length === 0) throw new Error('predict needs at least one model folder');
  const loaded = await Promise.all(options.models.map((folder) => loadUNet<ModelPlan>(folder)));
  const reference = loaded[0]!.plan;
  loaded.forEach(({ plan }, i) => {
    if (
      configurationHash(plan.plan) !== configurationHash(reference.plan) ||
      plan.classes !== reference.classes
    ) {
      throw new Error(
        `${options.models[i]} was trained with another plan than ${options.models[0]}: they cannot be ensembled`,
      );
    }
  });
  const { plan, classes, configuration } = reference;
  const cases = await inputCases(options.input);
  await mkdir(options.output, { recursive: true });
  const written: string[] = [];
  let done = 0;
  try {
    for (const [id, files] of cases) {
      const target = join(options.output, `${id}.nii.gz`);
      if (options.continuePrediction && existsSync(target)) {
        options.onCase?.(id, ++done, cases.size, true);
        continue;
      }
      const image = await readImage(files);
      const prepared = preprocessCase({ id, image, source: { images: files } }, plan, {
        configuration,
        mode: 'test',
        planHash: configurationHash(plan),
      });
      const probabilities = new Float32Array((prepared.image.length / prepared.meta.channels) * classes);
      for (const { model } of loaded) {
        const logits = await predictLogits(
          model,
          prepared.image,
          prepared.meta.shape,
          prepared.meta.channels,
          {
            ...options,
            patchSize: plan.patchSize,
            classes,
            onWindows: (d, t) => options.onWindows?.(id, d, t),
          },
        );
        softmaxInPlace(logits, classes);
        for (let i = 0; i < logits.length; i++) probabilities[i]! += logits[i]! / loaded.length;
      }
      await writeNifti(target, restorePrediction(prepared.meta, probabilities, classes));
      if (options.saveProbabilities) {
        const restored = restoreProbabilities(prepared.meta, probabilities, classes);
        const [i, j, k] = restored.shape;
        await writeNpy(join(options.output, `${id}_probabilities.npy`), restored.data as Float32Array, [
          classes,
          k,
          j,
          i,
        ]);
      }
      written.push(target);
      options.onCase?.(id, ++done, cases.size, false);
    }
  } finally {
    for (const { model } of loaded) model.dispose();
  }
  return written;
}

async function predictLogits(
  model: tf.LayersModel,
  image: Float32Array,
  shape: readonly number[],
  channels: number,
  options: Pick<PredictFolderOptions, 'overlap' | 'blend' | 'tta' | 'batchSize'> & {
    patchSize: readonly number[];
    classes: number;
    onWindows?: (done: number, total: number) => void;
  },
): Promise<Float32Array> {
  return slidingWindowInference(image, shape, tfjsWindowPredictor(model, options.patchSize, channels), {
    patchSize: options.patchSize,
    inChannels: channels,
    outChannels: options.classes,
    overlap: options.overlap,
    blend: options.blend,
    tta: options.tta,
    batchSize: options.batchSize,
    onProgress: options.onWindows,
  });
}
