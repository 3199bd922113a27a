export { learningRateAt, type ScheduleOptions, type SchedulerKind } from './learningRateSchedule';
export type { Optimizer } from './optimizers/Optimizer';
export { adam, type AdamOptions } from './optimizers/adam';
export { sgd, type SgdOptions } from './optimizers/sgd';
export { lookahead, type LookaheadOptions } from './optimizers/lookahead';
export {
  createTrainStep,
  type AsyncTrainStep,
  type GradientReducer,
  type TensorBatchSource,
  type TrainStep,
  type TrainStepOptions,
} from './trainStep';
export { DataParallel, type DataParallelOptions } from './DataParallel';
export { saveTrainingCheckpoint, loadTrainingCheckpoint, type TrainingProgress } from './trainingCheckpoint';
export {
  readCheckpoint,
  writeCheckpoint,
  type CheckpointContents,
  type CheckpointTensor,
} from './checkpoint/checkpointFile';
export {
  validationDice,
  argmaxChannels,
  type ValidationCase,
  type ValidationOptions,
  type ValidationResult,
} from './validationDice';
export {
  runTraining,
  LAST_CHECKPOINT,
  BEST_CHECKPOINT,
  type RunTrainingOptions,
  type TrainingData,
  type TrainingSummary,
  type CheckpointStrategy,
} from './runTraining';
export { evaluateFolders, type EvaluateFoldersOptions } from './evaluateFolders';
export * from './options';
export { train, PHANTOM_FOLDER, type TrainHooks, type TrainResult } from './train';
