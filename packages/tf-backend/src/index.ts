// @nnunet-ts/tf-backend: The one place that knows tfjs backends: picks and initialises one, registers missing gradients and kernels, file:// model IO.
// Its API arrives with issue #2; until then the package exports nothing.
export {};
