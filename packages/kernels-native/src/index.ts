// @nnunet-ts/kernels-native: C++ N-API convolution kernels (AVX2/FMA, threads) for tfjs's cpu backend.
export type { NativeAddonStatus } from './internal/nativeAddon';
export { nativeAddonStatus, setNativeThreads } from './internal/nativeAddon';
export { nativeKernelConfigs } from './internal/nativeKernelConfigs';
