import { backend_util, Conv3DBackpropInputV2 } from '@tensorflow/tfjs';
import type { Conv3DBackpropInputV2Attrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv3DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropInput } from './wasmConvBackpropInput';

/** Replaces tfjs-backend-wasm 4.22's kernel, whose depth loop skips most taps and returns wrong values. */
const conv3DBackpropInputV2: KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = float32Input(Conv3DBackpropInputV2, inputs, 'dy');
  const filter = float32Input(Conv3DBackpropInputV2, inputs, 'filter');
  const { strides, pad, inputShape } = attrs as unknown as Conv3DBackpropInputV2Attrs;
  const info = backend_util.computeConv3DInfo(
    inputShape,
    filter.shape as [number, number, number, number, number],
    strides,
    1,
    pad,
  );
  return wasmConvBackpropInput(
    backend as BackendWasm,
    dy,
    filter,
    geometryFromConv3DInfo(info),
    info.inShape,
  );
};

export const conv3DBackpropInputV2WasmConfig: KernelConfig = {
  kernelName: Conv3DBackpropInputV2,
  backendName: 'wasm',
  kernelFunc: conv3DBackpropInputV2,
};
