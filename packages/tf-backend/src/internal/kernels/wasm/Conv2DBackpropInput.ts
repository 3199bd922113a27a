import { Conv2DBackpropInput } from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv2DInfo, nhwcConv2DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropInput } from './wasmConvBackpropInput';

/** Replaces tfjs-backend-wasm 4.22's Conv2DBackpropInput, a direct loop over every output and tap. */
const conv2DBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = float32Input(Conv2DBackpropInput, inputs, 'dy');
  const filter = float32Input(Conv2DBackpropInput, inputs, 'filter');
  const conv = attrs as unknown as Conv2DBackpropInputAttrs;
  const info = nhwcConv2DInfo(
    Conv2DBackpropInput,
    conv.inputShape,
    filter.shape as [number, number, number, number],
    conv,
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
