import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidationSplits, readSplits } from '@nnunet-ts/datasets';
import { preprocessingKey } from '@nnunet-ts/plans';
import { openStore, restoreProbabilities, type PreprocessedStore } from '@nnunet-ts/preprocessing';
import { loadModelEnsemble } from './loadModelEnsemble';
import type { ModelEnsemble } from './modelEnsemble';
import { predictCases, type CasePredictionOptions } from './internal/predictCases';

export interface PredictStoreOptions extends CasePredictionOptions {
  /** a preprocessed store folder, `<results>/<dataset>/<configuration>/{training,val,test}` */
  store: string;
  /** training or val store: predict this fold's validation cases (default 0); a test store: every case */
  fold?: number;
  /** folds of the split when no `splits_final.json` of as many folds exists (default 5) */
  nfolds?: number;
  /** default: `splits_final.json` of the store's dataset (`<store>/../../`), the one training wrote */
  splitsFile?: string;
}

/**
 * Prediction on a preprocessed store, as the seed's `--exec-mode predict`: the validation cases of
 * `fold` of a training or val store (the split training used, else the seed's KFold over the store's
 * cases), or every case of a test store. Each case's softmax (fold ensembles averaged) is mapped
 * back onto its original grid and written atomically as `{case}.nii.gz` and, with
 * `saveProbabilities`, `{case}.npy` (see `writeCasePrediction`). Returns the label maps written.
 */
export async function predictStore(options: PredictStoreOptions): Promise<string[]> {
  const store = await openStore(options.store);
  const caseIds = await storePredictionCases(store, options);
  const ensemble = await loadModelEnsemble(options.models, options);
  try {
    const group = storeGroup(store, ensemble);
    const { classes } = ensemble.plan;
    return await predictCases(
      caseIds,
      async (id, onWindows) => {
        const { image, meta } = await store.readCase(id);
        if (!(image.data instanceof Float32Array)) {
          throw new Error(`${join(options.store, `${id}_x.npy`)}: expected float32, got ${image.dtype}`);
        }
        const probabilities = await ensemble.probabilities(group, image.data, meta.shape, onWindows);
        return restoreProbabilities(meta, probabilities, classes);
      },
      ensemble.labelMap,
      options,
    );
  } finally {
    ensemble.dispose();
  }
}

/** The cases the seed predicts from a store: a test store's all, else the fold's validation cases. */
export async function storePredictionCases(
  store: PreprocessedStore,
  options: Pick<PredictStoreOptions, 'fold' | 'nfolds' | 'splitsFile'> = {},
): Promise<string[]> {
  if (store.caseIds.length === 0) throw new Error(`${store.dir}: the store holds no finished case`);
  if (store.manifest.mode === 'test') return [...store.caseIds];
  const { fold = 0, nfolds = 5 } = options;
  const splitsFile = options.splitsFile ?? join(store.dir, '..', '..', 'splits_final.json');
  let splits = existsSync(splitsFile) ? await readSplits(splitsFile) : undefined;
  if (!splits || splits.length !== nfolds) splits = crossValidationSplits(store.caseIds, { folds: nfolds });
  const chosen = splits[fold];
  if (!chosen) {
    throw new Error(
      `--fold ${fold} does not exist with ${splits.length} folds (folds are 0..${splits.length - 1})`,
    );
  }
  const known = new Set(store.caseIds);
  const missing = chosen.val.filter((id) => !known.has(id));
  if (missing.length) {
    throw new Error(
      `${store.dir}: validation case(s) of fold ${fold} not in the store (preprocess them first): ${missing.join(', ')}`,
    );
  }
  return chosen.val;
}

/**
 * A store holds one preprocessing: every model must have been trained on it, or it sees other
 * intensities and voxels (configuration ensembles need the images: `predictFolder`).
 */
function storeGroup(store: PreprocessedStore, ensemble: ModelEnsemble) {
  const key = preprocessingKey(store.manifest.plan);
  const other = ensemble.groups.find((g) => preprocessingKey(g.plan) !== key);
  if (other) {
    throw new Error(
      `${store.dir} was preprocessed with another plan than ${other.members[0]!.source} was trained on ` +
        "(spacing, normalization or resampling differ); preprocess the data with the model's plan" +
        (ensemble.groups.length > 1
          ? ', or ensemble configurations on the images with nnunet predict -i'
          : ''),
    );
  }
  return ensemble.groups[0]!;
}
