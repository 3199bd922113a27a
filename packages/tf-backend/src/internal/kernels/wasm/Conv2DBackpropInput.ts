import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv2DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropInput } from './wasmConvBackpropInput';

/** Replaces tfjs-backend-wasm 4.22's Conv2DBackpropInput, a direct loop over every output and tap. */
const conv2DBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = float32Input(Conv2DBackpropInput, inputs, 'dy');
  const filter = float32Input(Conv2DBackpropInput, inputs, 'filter');
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as Conv2DBackpropInputAttrs;
  if (dataFormat !== 'NHWC') {
    throw new Error(
      `${Conv2DBackpropInput} (wasm): only dataFormat 'NHWC' is supported, got '${dataFormat}'`,
    );
  }
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return wasmConvBackpropInput(
    backend as BackendWasm,
    dy,
    filter,
    geometryFromConv2DInfo(info),
    info.inShape,
  );
};

export const conv2DBackpropInputWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
