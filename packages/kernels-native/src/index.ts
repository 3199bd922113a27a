// @nnunet-ts/kernels-native: C++ N-API kernels (AVX2/FMA, threads) replacing the slow convolutions of the tfjs cpu backend.
// Its API arrives with issue #5; until then the package exports nothing.
export {};
