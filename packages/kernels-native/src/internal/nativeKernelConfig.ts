import { getKernel } from '@tensorflow/tfjs-core';
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

import { asCpuBackend, type CpuBackend } from './cpuBackend';

/** Returned by a kernel body for a case it does not implement: the original cpu kernel runs instead. */
export class Unsupported {
  constructor(readonly reason: string) {}
}

/** The body sees the required inputs as present and any optional ones as possibly undefined. */
export type KernelBody<Input extends string, Attrs> = (
  inputs: Record<Input, TensorInfo> & NamedTensorInfoMap,
  backend: CpuBackend,
  attrs: Attrs,
) => TensorInfo | TensorInfo[] | Unsupported;

// The tfjs kernel each of our kernel functions replaced, so that asking again for the configs after
// they were registered still delegates to tfjs's kernel and not to ourselves.
const replaced = new WeakMap<KernelFunc, KernelFunc | undefined>();

function originalCpuKernel(kernelName: string): KernelFunc | undefined {
  const current = getKernel(kernelName, 'cpu')?.kernelFunc;
  return current && replaced.has(current) ? replaced.get(current) : current;
}

/** A tfjs KernelConfig for the cpu backend running `body`, delegating unsupported cases to tfjs's kernel. */
export function nativeKernelConfig<Input extends string, Attrs>(
  kernelName: string,
  inputNames: readonly Input[],
  body: KernelBody<Input, Attrs>,
): KernelConfig {
  const original = originalCpuKernel(kernelName);
  const kernelFunc: KernelFunc = (params) => {
    const backend = asCpuBackend(params.backend, kernelName);
    for (const name of inputNames) {
      if (!params.inputs[name]) {
        throw new Error(`@nnunet-ts/kernels-native ${kernelName}: input ${name} is missing`);
      }
    }
    const inputs = params.inputs as Record<Input, TensorInfo> & NamedTensorInfoMap;
    const result = body(inputs, backend, (params.attrs ?? {}) as NamedAttrMap as unknown as Attrs);
    if (!(result instanceof Unsupported)) return result;
    if (!original) {
      throw new Error(
        `@nnunet-ts/kernels-native ${kernelName}: ${result.reason}, and no tfjs cpu kernel is registered to fall back to`,
      );
    }
    return original(params);
  };
  replaced.set(kernelFunc, original);
  return { kernelName, backendName: 'cpu', kernelFunc };
}
