// @nnunet-ts/losses-metrics: Dice + cross-entropy losses, deep-supervision loss, and Dice/IoU/HD95/NSD metrics with summary files.
// Its API arrives with issue #6; until then the package exports nothing.
export {};
