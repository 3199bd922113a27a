// @nnunet-ts/logging: Metrics logger with a DLLogger-compatible JSON-lines backend, console output and a rank-zero gate.
// Its API arrives with issue #2; until then the package exports nothing.
export {};
