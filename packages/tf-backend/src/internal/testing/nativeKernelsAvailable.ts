import { defaultBackendLoaders } from '../BackendLoaders';
import { asNativeKernelsModule } from '../nativeKernels';

/**
 * Whether the real `@nnunet-ts/kernels-native` addon is built and usable here, checked without
 * registering anything, so that tests of the `native` backend are reported as skipped where not.
 */
export async function nativeKernelsAvailable(): Promise<boolean> {
  try {
    const native = asNativeKernelsModule(await defaultBackendLoaders.kernelsNative());
    return typeof native !== 'string' && native.nativeAddonStatus().available;
  } catch {
    return false;
  }
}
