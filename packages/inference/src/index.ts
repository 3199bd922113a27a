// @nnunet-ts/inference: from model folders (or models in memory) to label maps on the images' grids.
// Node entry: everything of the browser entry, plus model folders, NIfTI folders and stores.
export * from './browser';
export { saveModelFolder, loadModelFolder } from './modelFolder';
export { loadModelEnsemble } from './loadModelEnsemble';
export { inputCases } from './inputCases';
export { predictFolder, type PredictFolderOptions } from './predictFolder';
export { predictStore, storePredictionCases, type PredictStoreOptions } from './predictStore';
export type { CasePredictionOptions } from './internal/predictCases';
export { writeCasePrediction, casePredictionFiles, isCasePredicted } from './writeCasePrediction';
