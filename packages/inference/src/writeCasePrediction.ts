import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabelMap } from '@nnunet-ts/datasets';
import { writeNifti } from '@nnunet-ts/io-nifti';
import { writeNpy } from '@nnunet-ts/preprocessing';
import type { Volume } from '@nnunet-ts/volume';
import { labelsOfProbabilities } from './restorePrediction';

/** The files of one predicted case: `{id}.nii.gz` label map and, on request, `{id}.npy` probabilities. */
export function casePredictionFiles(output: string, id: string): { labels: string; probabilities: string } {
  return { labels: join(output, `${id}.nii.gz`), probabilities: join(output, `${id}.npy`) };
}

/** Whether a case's prediction is complete (`--continue`): the label map is written last, so it decides. */
export function isCasePredicted(output: string, id: string, saveProbabilities: boolean): boolean {
  const files = casePredictionFiles(output, id);
  return existsSync(files.labels) && (!saveProbabilities || existsSync(files.probabilities));
}

/**
 * Writes a case's prediction from its probabilities on the original grid (one plane per class, as
 * `predictProbabilities` returns them), each file atomically: with `saveProbabilities` first
 * `{id}.npy`, float32 `[C, k, j, i]` (the seed's `(C, D, H, W)` of the original image, D the last
 * NIfTI axis, so `numpy.argmax(p, 0)` is the label map transposed), then the argmax as `{id}.nii.gz`
 * with the original header geometry, holding the label values of `labels` (uint8 when every value
 * fits, else uint16). Returns the label map's path.
 */
export async function writeCasePrediction(
  output: string,
  id: string,
  probabilities: Volume<'float32'>,
  labels: LabelMap,
  saveProbabilities: boolean,
): Promise<string> {
  const files = casePredictionFiles(output, id);
  const classes = probabilities.channels;
  await mkdir(output, { recursive: true });
  if (saveProbabilities) {
    const [i, j, k] = probabilities.shape;
    await writeNpy(files.probabilities, probabilities.data, [classes, k, j, i]);
  }
  await writeNifti(files.labels, labelsOfProbabilities(probabilities, labels));
  return files.labels;
}
