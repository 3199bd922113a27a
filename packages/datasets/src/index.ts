// @nnunet-ts/datasets: Dataset folders (MSD and nnU-Net v2 layouts), integrity checks, cross-validation splits, downloader, phantom generator.
// Its API arrives with issue #4; until then the package exports nothing.
export {};
