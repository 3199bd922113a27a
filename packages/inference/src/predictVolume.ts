import { preprocessCase, restoreProbabilities } from '@nnunet-ts/preprocessing';
import type { Volume } from '@nnunet-ts/volume';
import type { ModelEnsemble } from './modelEnsemble';
import { labelsOfProbabilities } from './restorePrediction';

export interface PredictVolumeOptions {
  /** the image's file name(s), for error messages */
  name?: string;
  /** windows predicted so far by the model now running, of its total */
  onWindows?: (done: number, total: number) => void;
}

/**
 * Class probabilities of an image on its own grid, one float32 plane per class (the volume's
 * channels): each preprocessing group of the ensemble preprocesses the image with its plan (crop
 * to the nonzero box, resample, normalize), predicts it by sliding windows, and its softmax is
 * mapped back (resampled, uncropped); the groups' results are averaged there.
 */
export async function predictProbabilities(
  ensemble: ModelEnsemble,
  image: Volume<'float32'>,
  options: PredictVolumeOptions = {},
): Promise<Volume<'float32'>> {
  const { name = 'image', onWindows } = options;
  const { classes } = ensemble.plan;
  let sum: Float32Array | undefined;
  let restored: Volume<'float32'> | undefined;
  for (const group of ensemble.groups) {
    const input = preprocessCase({ id: name, image, source: { images: [name] } }, group.plan, {
      configuration: group.configuration,
      mode: 'test',
      // the metadata stays in memory: nothing compares this case's hash
      planHash: '',
    });
    const probabilities = await ensemble.probabilities(group, input.image, input.meta.shape, onWindows);
    restored = restoreProbabilities(input.meta, probabilities, classes);
    if (ensemble.groups.length === 1) return restored;
    sum ??= new Float32Array(restored.data.length);
    for (let i = 0; i < sum.length; i++) sum[i]! += restored.data[i]! / ensemble.groups.length;
  }
  return { ...restored!, data: sum! };
}

/**
 * `nnunet predict` on one image in memory, in Node or a web page: the label map (argmax of
 * `predictProbabilities`, as the model's label values) on the image's grid, with its geometry.
 */
export async function predictVolume(
  ensemble: ModelEnsemble,
  image: Volume<'float32'>,
  options: PredictVolumeOptions = {},
): Promise<Volume<'uint8' | 'uint16'>> {
  return labelsOfProbabilities(await predictProbabilities(ensemble, image, options), ensemble.labelMap);
}
