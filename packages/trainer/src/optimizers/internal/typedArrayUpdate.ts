import { tf } from '@nnunet-ts/tf-backend';

/**
 * Whether the backend keeps tensor data in this process's memory (cpu, also with kernels-native's
 * kernels; wasm's heap), where one JavaScript loop over the typed arrays replaces the dozen kernel
 * passes of an update, each of which allocates its result. GPU backends (webgl, webgpu) and tfjs-node
 * (tensorflow) keep the tensor ops: reading their data back would be a transfer per step.
 */
export function backendHoldsTypedArrays(): boolean {
  const backend = tf.getBackend();
  return backend === 'cpu' || backend === 'wasm';
}

/** The float32 values of a variable, gradient or slot, only read (on cpu this is the backend's own array). */
export function readValues(tensor: tf.Tensor): Float32Array {
  if (tensor.dtype !== 'float32')
    throw new Error(`optimizer: expected a float32 tensor, got ${tensor.dtype}`);
  return tensor.dataSync() as Float32Array;
}

/**
 * Gives `variable` the values of `data`, a fresh array the caller no longer writes: the old data is
 * never overwritten in place because clones (a checkpoint's saved state, lookahead's first slow
 * copy) share it on the cpu backend.
 */
export function assignValues(variables: readonly tf.Variable[], data: Float32Array): void {
  const tensor = tf.tensor(data, variables[0]!.shape, 'float32');
  for (const variable of variables) variable.assign(tensor);
  tensor.dispose();
}
