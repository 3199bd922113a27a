import { getGradient, getKernel, registerGradient, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import { conv3DBackpropInputV2GradConfig } from './gradients/Conv3DBackpropInputV2_grad';
import { conv2DBackpropFilterWasmConfig } from './kernels/wasm/Conv2DBackpropFilter';
import { conv2DBackpropInputWasmConfig } from './kernels/wasm/Conv2DBackpropInput';
import { conv3DWasmConfig } from './kernels/wasm/Conv3D';
import { conv3DBackpropFilterV2WasmConfig } from './kernels/wasm/Conv3DBackpropFilterV2';
import { conv3DBackpropInputV2WasmConfig } from './kernels/wasm/Conv3DBackpropInputV2';

/**
 * wasm kernels that tfjs-backend-wasm 4.22 lacks (Conv2DBackpropFilter), computes wrongly (the 3D
 * backprops) or slowly (Conv3D, Conv2DBackpropInput). Its Conv2D stays: XNNPACK's convolution beats
 * im2col + matMul there (bench/wasmConv.bench.ts).
 */
const WASM_KERNELS = [
  conv2DBackpropInputWasmConfig,
  conv2DBackpropFilterWasmConfig,
  conv3DWasmConfig,
  conv3DBackpropInputV2WasmConfig,
  conv3DBackpropFilterV2WasmConfig,
];

let registered = false;

/**
 * Registers the gradient (Conv3DBackpropInputV2) and the wasm kernels tfjs 4.22 lacks; the part of
 * `registerMissingPieces` that runs in browsers too. Idempotent.
 */
export function registerComputePieces(): void {
  if (registered) return;
  if (getGradient(conv3DBackpropInputV2GradConfig.kernelName) === undefined) {
    registerGradient(conv3DBackpropInputV2GradConfig);
  }
  for (const config of WASM_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) !== undefined) {
      unregisterKernel(config.kernelName, config.backendName);
    }
    registerKernel(config);
  }
  registered = true;
}
