// @nnunet-ts/preprocessing: dataset fingerprint, experiment plan, crop, resample, normalize, pad and the preprocessed store.

// the `nnunet plan` / `nnunet preprocess` commands as functions, with their option schemas
export {
  planOptionsSchema,
  preprocessOptionsSchema,
  type PlanOptions,
  type PreprocessOptions,
} from './pipeline/commandOptions';
export { planDataset, type PlanResult } from './pipeline/planDataset';
export { preprocessDataset, type PreprocessResult } from './pipeline/preprocessDataset';
export type {
  NoticeListener,
  PipelineHooks,
  ProgressEvent,
  ProgressListener,
} from './pipeline/ProgressEvent';
export type { CaseFailure } from './internal/caseJobs';

// fingerprint and plan (the plan's schema and topology rules are @nnunet-ts/plans')
export type { DatasetFingerprint } from './fingerprint/DatasetFingerprint';
export { planExperiment, type PlanExperimentOptions } from './plan/planExperiment';
export { readPlansFile } from './plan/readPlansFile';
export { preprocessingHash } from './plan/preprocessingHash';

// one case, and back onto its original grid
export type { CaseMetadata } from './case/CaseMetadata';
export {
  preprocessCase,
  type CaseInput,
  type PreprocessCaseOptions,
  type PreprocessedCase,
} from './case/preprocessCase';
export { restoreLabel, restoreProbabilities } from './case/restoreOriginalGeometry';
export { normalizeChannel } from './normalize/normalizeChannel';
export { resampleChannel, type AxisInterpolations } from './resample/resampleChannel';
export { resampleLabel, type LabelArray } from './resample/resampleLabel';

// the preprocessed store and its .npy files
export { openStore, type PreprocessedStore, type StoredArrays } from './store/openStore';
export { defaultResultsRoot, storeFolder } from './store/storeLayout';
export type { NpyArray, NpyDType } from './npy/NpyArray';
export type { NpyHeader } from './npy/npyHeader';
export { writeNpy } from './npy/writeNpy';
export { readNpy, readNpyHeader } from './npy/readNpy';
export { readNpyRegion, type ReadNpyRegionOptions } from './npy/readNpyRegion';
