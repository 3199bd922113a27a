// @nnunet-ts/trainer: The nnU-Net training loop: optimizers, schedules, evaluation, checkpoints and resume, prediction.
// Its API arrives with issue #9; until then the package exports nothing.
export {};
