// @nnunet-ts/data-loader: training batches as AsyncIterables, augmentation in worker processes, and an rxjs
// stream with credit-based backpressure. Typed arrays only (no tfjs): the trainer makes the tensors.
export type { Batch } from './Batch';
export type { CaseArrays, CaseHeader, CaseSource, Region, SourceRecipe } from './CaseSource';
export { memorySource, type MemoryCase } from './memorySource';
export { openStoreSource } from './openStoreSource';
export {
  createTrainingLoader,
  type TrainingLoader,
  type TrainingLoaderOptions,
} from './createTrainingLoader';
export { validationCases, type ValidationCase, type ValidationCasesOptions } from './validationCases';
export { toObservable, type Credited, type ToObservableOptions } from './toObservable';
export { WorkerCrashError, type WorkerCrash } from './WorkerCrashError';
