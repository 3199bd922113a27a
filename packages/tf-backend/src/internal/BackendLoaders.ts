/** How `initBackend` loads the optional backend packages; tests substitute fakes. */
export interface BackendLoaders {
  tfjsNodeGpu: () => Promise<unknown>;
  tfjsNode: () => Promise<unknown>;
  kernelsNative: () => Promise<unknown>;
}

// Specifiers in variables: the packages are optional, so neither tsc nor the bundler may require them.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';
const KERNELS_NATIVE = '@nnunet-ts/kernels-native';

export const defaultBackendLoaders: BackendLoaders = {
  tfjsNodeGpu: () => import(TFJS_NODE_GPU),
  tfjsNode: () => import(TFJS_NODE),
  kernelsNative: () => import(KERNELS_NATIVE),
};
