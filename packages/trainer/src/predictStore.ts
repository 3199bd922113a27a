import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidationSplits, readSplits } from '@nnunet-ts/datasets';
import { openStore, type ConfigurationPlan, type PreprocessedStore } from '@nnunet-ts/preprocessing';
import { loadModelEnsemble } from './modelEnsemble';
import type { ModelPlan } from './ModelPlan';
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
    checkSamePreprocessing(options.store, store.manifest.plan, options.models[0]!, ensemble.plan);
    return await predictCases(
      ensemble,
      caseIds,
      async (id) => {
        const { image, meta } = await store.readCase(id);
        if (!(image.data instanceof Float32Array)) {
          throw new Error(`${join(options.store, `${id}_x.npy`)}: expected float32, got ${image.dtype}`);
        }
        return { image: image.data, meta };
      },
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

/** The store must be preprocessed as the model's plan says, or the model sees other intensities and voxels. */
function checkSamePreprocessing(
  storeDir: string,
  stored: ConfigurationPlan,
  modelFolder: string,
  model: ModelPlan,
): void {
  const key = (p: ConfigurationPlan) =>
    JSON.stringify([p.dim, p.spacing, p.normalization, p.resampling.image, p.resampling.probabilities]);
  if (key(stored) !== key(model.plan)) {
    throw new Error(
      `${storeDir} was preprocessed with another plan than ${modelFolder} was trained on ` +
        "(spacing, normalization or resampling differ); preprocess the data with the model's plan",
    );
  }
}
