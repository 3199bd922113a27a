// @nnunet-ts/datasets: dataset folders (MSD and nnU-Net v2 layouts), integrity checks, splits, downloader, phantoms.
export type { Dataset, DatasetCase, DatasetLayout } from './Dataset';
export { DatasetError } from './DatasetError';
export { LabelMap, type LabelNames } from './LabelMap';
export { casesOfRank, mergeRankParts, type CaseShare } from './CaseShare';
export { loadDataset } from './loadDataset';
export { defaultDataRoot, resolveDatasetFolder } from './resolveDatasetFolder';
export { MSD_TASKS, msdTaskName, taskNumber } from './msdTasks';
export { readCase, type LoadedCase, type ReadCaseOptions } from './readCase';
export { verifyDataset, type DatasetProblem, type VerifyDatasetOptions } from './verifyDataset';
export { crossValidationSplits, type Fold, type SplitOptions } from './crossValidationSplits';
export { readSplits, writeSplits } from './splitsFile';
export { synthesizeDataset } from './synthesizeDataset';
export { synthOptionsSchema, type SynthOptions } from './synthOptions';
export {
  downloadTask,
  MSD_BASE_URL,
  type DownloadTaskOptions,
  type DownloadTaskProgress,
} from './downloadTask';
export type { DownloadProgress } from './internal/downloadFile';
export { datasetFolderOptions, downloadOptionsSchema, verifyOptionsSchema } from './commandOptions';
