import type { BackendValues, DataId, DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** The part of tfjs's cpu backend (MathBackendCPU) the kernels use: its typed arrays, read in place. */
export interface CpuBackend {
  data: { get(dataId: DataId): { values?: BackendValues } | undefined };
  makeTensorInfo(shape: number[], dtype: DataType, values: BackendValues): TensorInfo;
}

export function asCpuBackend(backend: unknown, kernelName: string): CpuBackend {
  const b = backend as Partial<CpuBackend> | undefined;
  if (typeof b?.data?.get !== 'function' || typeof b.makeTensorInfo !== 'function') {
    throw new Error(
      `@nnunet-ts/kernels-native ${kernelName}: expected tfjs's cpu backend (typed-array storage)`,
    );
  }
  return b as CpuBackend;
}

/** The tensor's values as float32, without a copy when they already are (the usual case). */
export function float32Values(
  backend: CpuBackend,
  tensor: TensorInfo,
  kernelName: string,
  input: string,
): Float32Array {
  const values = backend.data.get(tensor.dataId)?.values;
  if (values instanceof Float32Array) return values;
  if (values instanceof Int32Array || values instanceof Uint8Array) return Float32Array.from(values);
  throw new Error(
    `@nnunet-ts/kernels-native ${kernelName}: input ${input} (dtype ${tensor.dtype}) has no numeric data on the cpu backend`,
  );
}
