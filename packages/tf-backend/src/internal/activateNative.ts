import { setBackend } from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig } from '@tensorflow/tfjs';
import type { Activation } from './Activation';
import { errorMessage } from './errorMessage';
import { asNativeKernelsModule, installNativeCpuKernels, type NativeAddonStatus } from './nativeKernels';

/** tfjs's cpu backend with its slow kernels replaced by `@nnunet-ts/kernels-native`. */
export async function activateNative(load: () => Promise<unknown>): Promise<Activation> {
  const unavailable = (why: string): Activation => ({
    ok: false,
    reason: `native kernels unavailable: ${why}`,
  });
  let module: unknown;
  try {
    module = await load();
  } catch (error) {
    return unavailable(`@nnunet-ts/kernels-native cannot be loaded: ${errorMessage(error)}`);
  }
  const native = asNativeKernelsModule(module);
  if (typeof native === 'string') return unavailable(native);
  let status: NativeAddonStatus;
  let configs: KernelConfig[];
  let gradients: GradConfig[];
  try {
    status = native.nativeAddonStatus();
    if (!status.available) return unavailable(status.reason);
    configs = native.nativeKernelConfigs();
    gradients = native.nativeGradientConfigs?.() ?? [];
    if (!(await setBackend('cpu'))) return unavailable("tf.setBackend('cpu') failed");
    installNativeCpuKernels(configs, gradients);
  } catch (error) {
    return unavailable(errorMessage(error));
  }
  const names = configs.map((config) => config.kernelName).join(', ');
  const gradientNames = gradients.map((gradient) => gradient.kernelName).join(', ');
  const isa = status.isa ?? 'unknown ISA';
  const threads = status.threads === undefined ? '' : `, ${status.threads} threads`;
  const replacedGradients = gradientNames ? `; gradients: ${gradientNames}` : '';
  return {
    ok: true,
    reason: `kernels-native (${isa}${threads}) replaces cpu kernels: ${names}${replacedGradients}`,
  };
}
