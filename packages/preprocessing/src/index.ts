// @nnunet-ts/preprocessing: Dataset fingerprint, experiment plan, crop, resample, normalize, pad and the preprocessed store.
// Its API arrives with issue #4; until then the package exports nothing.
export {};
