import { casesOfRank, type CaseShare, type LabelMap } from '@nnunet-ts/datasets';
import type { Volume } from '@nnunet-ts/volume';
import type { InferenceOptions } from '../modelEnsemble';
import { isCasePredicted, writeCasePrediction } from '../writeCasePrediction';

/** What `predictFolder` and `predictStore` share: where the predictions go and how progress is told. */
export interface CasePredictionOptions extends InferenceOptions {
  /** model folders written by `train` (several: a fold or configuration ensemble, see `createModelEnsemble`) */
  models: readonly string[];
  /** folder for `{case}.nii.gz` label maps and, with `saveProbabilities`, `{case}.npy` probabilities */
  output: string;
  /** keep predictions that already exist (`--continue`) */
  continuePrediction?: boolean;
  /** also write the softmax on the original grid as `{case}.npy` ([C, k, j, i], as the seed; `--save-preds`) */
  saveProbabilities?: boolean;
  /**
   * In a job of several ranks (mpirun, srun), this rank predicts only its part of the cases
   * (`casesOfRank`); every rank writes its own files, so together they write what one process would.
   */
  share?: Pick<CaseShare, 'rank' | 'size'>;
  onCase?: (caseId: string, done: number, total: number, skipped: boolean) => void;
  onWindows?: (caseId: string, done: number, total: number) => void;
}

/**
 * Predicts the cases in order (`predictCase`: probabilities on the original grid) and writes each
 * with the label values of `labels` (see `writeCasePrediction`), only for cases still to be
 * predicted (and, with a share, of this rank's part). Returns the label maps written.
 */
export async function predictCases(
  allCaseIds: readonly string[],
  predictCase: (id: string, onWindows: (done: number, total: number) => void) => Promise<Volume<'float32'>>,
  labels: LabelMap,
  options: CasePredictionOptions,
): Promise<string[]> {
  const saveProbabilities = options.saveProbabilities ?? false;
  const caseIds = casesOfRank(allCaseIds, options.share);
  const written: string[] = [];
  let done = 0;
  for (const id of caseIds) {
    if (options.continuePrediction && isCasePredicted(options.output, id, saveProbabilities)) {
      options.onCase?.(id, ++done, caseIds.length, true);
      continue;
    }
    const probabilities = await predictCase(id, (d, t) => options.onWindows?.(id, d, t));
    written.push(await writeCasePrediction(options.output, id, probabilities, labels, saveProbabilities));
    options.onCase?.(id, ++done, caseIds.length, false);
  }
  return written;
}
