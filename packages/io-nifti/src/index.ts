// @nnunet-ts/io-nifti: Reading and writing NIfTI-1/2 (.nii, .nii.gz, .hdr/.img), hardened against malformed files.
// Its API arrives with issue #3; until then the package exports nothing.
export {};
