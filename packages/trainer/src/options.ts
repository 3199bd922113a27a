// @nnunet-ts/trainer/options: the option schema alone, without loading tfjs (for command lines and
// Nx targets that parse flags before they decide to train).
export { trainOptionsSchema, trainOptionProblems, applyPreset, type TrainOptions } from './trainOptions';
