import { backend_util, Conv3DBackpropFilterV2 } from '@tensorflow/tfjs';
import type { Conv3DBackpropFilterV2Attrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv3DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropFilter } from './wasmConvBackpropFilter';

/** Replaces tfjs-backend-wasm 4.22's kernel, which returns wrong values for strides above 1. */
const conv3DBackpropFilterV2: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = float32Input(Conv3DBackpropFilterV2, inputs, 'x');
  const dy = float32Input(Conv3DBackpropFilterV2, inputs, 'dy');
  const { strides, pad, filterShape } = attrs as unknown as Conv3DBackpropFilterV2Attrs;
  const info = backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
  );
  return wasmConvBackpropFilter(
    backend as BackendWasm,
    x,
    dy,
    geometryFromConv3DInfo(info),
    info.filterShape,
  );
};

export const conv3DBackpropFilterV2WasmConfig: KernelConfig = {
  kernelName: Conv3DBackpropFilterV2,
  backendName: 'wasm',
  kernelFunc: conv3DBackpropFilterV2,
};
