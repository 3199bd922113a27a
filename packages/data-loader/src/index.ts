// @nnunet-ts/data-loader: Batches as AsyncIterables with augmentation in worker processes and an rxjs stream with backpressure.
// Its API arrives with issue #7; until then the package exports nothing.
export {};
