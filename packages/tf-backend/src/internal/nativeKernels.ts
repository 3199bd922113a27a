import {
  findBackend,
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  unregisterGradient,
  unregisterKernel,
} from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig } from '@tensorflow/tfjs';

/** The API of `@nnunet-ts/kernels-native` that tf-backend relies on. */
export interface NativeAddonStatus {
  available: boolean;
  reason: string;
  isa?: 'avx2-fma' | 'scalar';
  threads?: number;
}

export interface NativeKernelsModule {
  nativeAddonStatus(): NativeAddonStatus;
  nativeKernelConfigs(): KernelConfig[];
  /** gradients that call the native kernels (LeakyRelu's); absent in older builds of the package */
  nativeGradientConfigs?(): GradConfig[];
}

/** The module as a NativeKernelsModule, or why it is not one. */
export function asNativeKernelsModule(module: unknown): NativeKernelsModule | string {
  const candidate = module as Partial<NativeKernelsModule> | null;
  const missing = (['nativeAddonStatus', 'nativeKernelConfigs'] as const).filter(
    (name) => typeof candidate?.[name] !== 'function',
  );
  if (missing.length > 0) return `@nnunet-ts/kernels-native does not export ${missing.join(' and ')}`;
  return candidate as NativeKernelsModule;
}

/** The cpu kernels that native ones replaced (undefined: none existed), kept to restore stock tfjs. */
const stockCpuKernels = new Map<string, KernelConfig | undefined>();
/** Likewise the gradients (tfjs's gradients are global, not per backend). */
const stockGradients = new Map<string, GradConfig | undefined>();

/**
 * Registers `configs` on tfjs's cpu backend (which must be initialised) in place of the stock
 * kernels, and `gradients` in place of tfjs's gradients of the same kernels.
 */
export function installNativeCpuKernels(configs: KernelConfig[], gradients: GradConfig[] = []): void {
  for (const config of configs) {
    if (config.backendName !== 'cpu') {
      throw new Error(
        `kernel '${config.kernelName}' targets backend '${config.backendName}', expected 'cpu'`,
      );
    }
  }
  const cpu = findBackend('cpu');
  for (const config of configs) {
    const current = getKernel(config.kernelName, 'cpu');
    if (current === config) continue;
    if (!stockCpuKernels.has(config.kernelName)) stockCpuKernels.set(config.kernelName, current);
    if (current !== undefined) unregisterKernel(config.kernelName, 'cpu');
    registerKernel(config);
    // tfjs runs setup functions only when a backend initialises; the cpu backend already has.
    config.setupFunc?.(cpu);
  }
  for (const gradient of gradients) {
    const current = getGradient(gradient.kernelName);
    if (current === gradient) continue;
    if (!stockGradients.has(gradient.kernelName)) stockGradients.set(gradient.kernelName, current);
    registerGradient(gradient);
  }
}

/** Puts back the stock cpu kernels and gradients, so that the `cpu` choice really is stock tfjs. */
export function restoreStockCpuKernels(): void {
  for (const [kernelName, stock] of stockCpuKernels) {
    if (getKernel(kernelName, 'cpu') !== undefined) unregisterKernel(kernelName, 'cpu');
    if (stock !== undefined) registerKernel(stock);
  }
  stockCpuKernels.clear();
  for (const [kernelName, stock] of stockGradients) {
    if (stock !== undefined) registerGradient(stock);
    else if (getGradient(kernelName) !== undefined) unregisterGradient(kernelName);
  }
  stockGradients.clear();
}
