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
export type { ProgressEvent, ProgressListener } from './pipeline/ProgressEvent';
export type { CaseFailure } from './internal/caseJobs';

// fingerprint, plan, topology
export type { DatasetFingerprint, IntensityProperties } from './fingerprint/DatasetFingerprint';
export type { ConfigurationName, ConfigurationPlan, Plans } from './plan/Plans';
export { planExperiment, type PlanExperimentOptions } from './plan/planExperiment';
export { configurationHash } from './plan/configurationHash';
export type { Topology, TopologyRule } from './topology/Topology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './topology/nvidiaTopology';
export { nnunetTopology, type NnunetTopologyOptions } from './topology/nnunetTopology';

// one case, and back onto its original grid
export type { CaseMetadata, ExecMode } from './case/CaseMetadata';
export {
  preprocessCase,
  type CaseInput,
  type PreprocessCaseOptions,
  type PreprocessedCase,
} from './case/preprocessCase';
export { restoreLabel, restoreProbabilities } from './case/restoreOriginalGeometry';
export { normalizeChannel, type ChannelNormalization } from './normalize/normalizeChannel';
export type { Interpolation } from './resample/Interpolation';
export type { ResamplingSettings } from './resample/lowResAxis';
export { resampleChannel, type AxisInterpolations } from './resample/resampleChannel';
export { resampleLabel, type LabelArray } from './resample/resampleLabel';

// the preprocessed store and its .npy files
export { openStore, type PreprocessedStore, type StoredArrays } from './store/openStore';
export type { StoreManifest } from './store/StoreManifest';
export { defaultResultsRoot, storeFolder } from './store/storeLayout';
export type { NpyArray, NpyDType } from './npy/NpyArray';
export type { NpyHeader } from './npy/npyHeader';
export { writeNpy } from './npy/writeNpy';
export { readNpy, readNpyHeader } from './npy/readNpy';
export { readNpyRegion, type ReadNpyRegionOptions } from './npy/readNpyRegion';
