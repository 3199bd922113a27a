// @nnunet-ts/cli: The nnunet command line.
// Its API arrives with issue #2; until then the package exports nothing.
export {};
