import { tf } from '@nnunet-ts/tf-backend';

/** The choice each optimiser offers between its two forms of the update. */
export interface FusedUpdateOption {
  /**
   * true: one pass over the typed arrays per variable; false: tensor ops. Default: the faster on
   * the backend (typed arrays on cpu, tensor ops on wasm and GPUs).
   */
  fused?: boolean;
}

/**
 * Whether to run the fused updates (one JavaScript loop over the typed arrays per variable): `fused`
 * when given, else whether they beat tensor ops on the current backend. On cpu (also with
 * kernels-native) they replace a dozen kernel passes, each allocating its result, and read the
 * backend's arrays without a copy: Adam with the decay on the 3D U-Net's 31.2 M weights took 0.34 s
 * of CPU against 1.37 s before (scripts/optimizerBench.ts).
 * On wasm every array would be copied out of and into the heap, and its SIMD kernels are fast: tensor
 * ops took 0.16 s of CPU there against 0.63 s for the loop. GPU backends (webgl, webgpu) and tfjs-node
 * (tensorflow) keep the tensor ops too: reading their data back would be a transfer per step.
 */
export function usesTypedArrayUpdates(fused: boolean | undefined): boolean {
  return fused ?? tf.getBackend() === 'cpu';
}

/** The float32 values of a variable, gradient or slot, only read (on cpu this is the backend's own array). */
export function readValues(tensor: tf.Tensor): Float32Array {
  if (tensor.dtype !== 'float32') {
    const what = tensor instanceof tf.Variable ? `variable ${tensor.name}` : 'gradient';
    throw new Error(`optimizer: the ${what} is ${tensor.dtype}, the update needs float32`);
  }
  return tensor.dataSync() as Float32Array;
}

/**
 * Gives `variables` the values of `data`, a fresh array the caller no longer writes: the old data is
 * never overwritten in place because clones (a checkpoint's saved state, lookahead's first slow
 * copy) share it on the cpu backend.
 */
export function assignValues(variables: readonly tf.Variable[], data: Float32Array): void {
  const tensor = tf.tensor(data, variables[0]!.shape, 'float32');
  for (const variable of variables) variable.assign(tensor);
  tensor.dispose();
}
