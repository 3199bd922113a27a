import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

/** Returns a kernel input, failing with the kernel and input named when it is missing or not float32. */
export function float32Input(kernel: string, inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const info = inputs[name];
  if (info === undefined) throw new Error(`${kernel} (wasm): input '${name}' is missing`);
  if (info.dtype !== 'float32') {
    throw new Error(`${kernel} (wasm): input '${name}' must be float32, got ${info.dtype}`);
  }
  return info;
}
