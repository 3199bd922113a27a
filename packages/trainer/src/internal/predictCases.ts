import type { CaseMetadata } from '@nnunet-ts/preprocessing';
import type { InferenceOptions, ModelEnsemble } from '../modelEnsemble';
import { isCasePredicted, writeCasePrediction } from '../writeCasePrediction';

/** What `predictFolder` and `predictStore` share: where the predictions go and how progress is told. */
export interface CasePredictionOptions extends InferenceOptions {
  /** model folders written by `train` (several: their softmax outputs are averaged, a fold ensemble) */
  models: readonly string[];
  /** folder for `{case}.nii.gz` label maps and, with `saveProbabilities`, `{case}.npy` probabilities */
  output: string;
  /** keep predictions that already exist (`--continue`) */
  continuePrediction?: boolean;
  /** also write the softmax on the original grid as `{case}.npy` ([C, k, j, i], as the seed; `--save-preds`) */
  saveProbabilities?: boolean;
  onCase?: (caseId: string, done: number, total: number, skipped: boolean) => void;
  onWindows?: (caseId: string, done: number, total: number) => void;
}

/**
 * Predicts the cases in order with `ensemble` and writes each (see `writeCasePrediction`), reading a
 * case only when its prediction is still to be made. Returns the label maps written.
 */
export async function predictCases(
  ensemble: ModelEnsemble,
  caseIds: readonly string[],
  readCase: (id: string) => Promise<{ image: Float32Array; meta: CaseMetadata }>,
  options: CasePredictionOptions,
): Promise<string[]> {
  const saveProbabilities = options.saveProbabilities ?? false;
  const written: string[] = [];
  let done = 0;
  for (const id of caseIds) {
    if (options.continuePrediction && isCasePredicted(options.output, id, saveProbabilities)) {
      options.onCase?.(id, ++done, caseIds.length, true);
      continue;
    }
    const { image, meta } = await readCase(id);
    const probabilities = await ensemble.probabilities(image, meta.shape, meta.channels, (d, t) =>
      options.onWindows?.(id, d, t),
    );
    written.push(
      await writeCasePrediction(
        options.output,
        meta,
        probabilities,
        ensemble.plan.classes,
        saveProbabilities,
      ),
    );
    options.onCase?.(id, ++done, caseIds.length, false);
  }
  return written;
}
