// @nnunet-ts/inference in a web page or worker: a loaded tfjs model (with its plan checked) to a
// label map, from a Volume or a flat array. No Node APIs; model folders and files are the Node entry's.
export { modelPlanOf } from './modelPlanOf';
export {
  createModelEnsemble,
  tfjsEnsembleMember,
  type EnsembleMember,
  type InferenceOptions,
  type ModelEnsemble,
  type PreprocessingGroup,
} from './modelEnsemble';
export { predictVolume, predictProbabilities, type PredictVolumeOptions } from './predictVolume';
export {
  predictArrays,
  type AxisOrder,
  type ArrayGeometry,
  type PredictArraysOptions,
} from './predictArrays';
export { restorePrediction, labelsOfProbabilities } from './restorePrediction';
