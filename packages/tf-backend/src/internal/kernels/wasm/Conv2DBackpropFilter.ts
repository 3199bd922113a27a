import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { geometryFromConv2DInfo } from './ConvGeometry';
import { float32Input } from './kernelInputs';
import { wasmConvBackpropFilter } from './wasmConvBackpropFilter';

/** tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so conv2d cannot be trained on wasm (tfjs issue 6323). */
const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = float32Input(Conv2DBackpropFilter, inputs, 'x');
  const dy = float32Input(Conv2DBackpropFilter, inputs, 'dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') {
    throw new Error(
      `${Conv2DBackpropFilter} (wasm): only dataFormat 'NHWC' is supported, got '${dataFormat}'`,
    );
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
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
