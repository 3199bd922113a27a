import { readNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Volume } from '@nnunet-ts/volume';
import { inputCases } from './inputCases';
import { loadModelEnsemble } from './loadModelEnsemble';
import { predictCases, type CasePredictionOptions } from './internal/predictCases';
import { predictProbabilities } from './predictVolume';

export interface PredictFolderOptions extends CasePredictionOptions {
  /** a NIfTI file, or a folder of them (see `inputCases`) */
  input: string;
}

/**
 * `nnunet predict -i -o`: each case is read, predicted by the ensemble of `models`
 * (`predictProbabilities`: the plan's preprocessing, sliding windows with mirror TTA on request,
 * softmax averaged, mapped back onto the original grid) and written as a label map with the input's
 * geometry (`writeCasePrediction`). Writes are atomic; `continuePrediction` skips cases already written.
 */
export async function predictFolder(options: PredictFolderOptions): Promise<string[]> {
  const cases = await inputCases(options.input);
  const ensemble = await loadModelEnsemble(options.models, options);
  try {
    return await predictCases(
      [...cases.keys()],
      async (id, onWindows) => {
        const files = cases.get(id)!;
        return predictProbabilities(ensemble, await readImage(files), { name: files.join(', '), onWindows });
      },
      ensemble.labelMap,
      options,
    );
  } finally {
    ensemble.dispose();
  }
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
