import { Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv2DInfo, nhwcConv2DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropFilter } from './wasmConvBackpropFilter';

/** tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so conv2d cannot be trained on wasm (tfjs issue 6323). */
const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = float32Input(Conv2DBackpropFilter, inputs, 'x');
  const dy = float32Input(Conv2DBackpropFilter, inputs, 'dy');
  const conv = attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = nhwcConv2DInfo(
    Conv2DBackpropFilter,
    x.shape as [number, number, number, number],
    conv.filterShape,
    conv,
  );
  return wasmConvBackpropFilter(
    backend as BackendWasm,
    x,
    dy,
    geometryFromConv2DInfo(info),
    info.filterShape,
  );
};

export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
