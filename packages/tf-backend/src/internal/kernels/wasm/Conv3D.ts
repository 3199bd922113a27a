import { backend_util, Conv3D } from '@tensorflow/tfjs';
import type { Conv3DAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv3DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvForward } from './wasmConvForward';

/**
 * Replaces tfjs-backend-wasm 4.22's Conv3D, which is correct but a direct loop (about 0.6
 * GFLOP/s on 3×3×3, 32 channels); im2col + the wasm matMul is an order of magnitude faster.
 */
const conv3D: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = float32Input(Conv3D, inputs, 'x');
  const filter = float32Input(Conv3D, inputs, 'filter');
  const { strides, pad, dilations, dataFormat } = attrs as unknown as Conv3DAttrs;
  if (dataFormat !== 'NDHWC') {
    throw new Error(`${Conv3D} (wasm): only dataFormat 'NDHWC' is supported, got '${dataFormat}'`);
  }
  const info = backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    filter.shape as [number, number, number, number, number],
    strides,
    dilations,
    pad,
  );
  return wasmConvForward(backend as BackendWasm, x, filter, geometryFromConv3DInfo(info), info.outShape);
};

export const conv3DWasmConfig: KernelConfig = {
  kernelName: Conv3D,
  backendName: 'wasm',
  kernelFunc: conv3D,
};
