// @nnunet-ts/kernels-native: C++ N-API kernels (AVX2/FMA, threads) for tfjs's cpu backend.
export type { NativeAddonStatus } from './internal/nativeAddon';
export { nativeAddonStatus, setNativeThreads } from './internal/nativeAddon';
export { nativeGradientConfigs, nativeKernelConfigs } from './internal/nativeKernelConfigs';
