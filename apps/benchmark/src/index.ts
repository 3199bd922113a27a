// @nnunet-ts/benchmark: Throughput and latency benchmarks of training and inference, with the seed's metric keys.
// Its API arrives with issue #9; until then the package exports nothing.
export {};
