import { backend_util, Conv2DBackpropInput, util } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf2D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape4 = [number, number, number, number];

/** Conv2DBackpropInput: the gradient of conv2d w.r.t. its input (also conv2dTranspose's forward pass). */
export function conv2DBackpropInputConfig(addon: NativeAddon): KernelConfig {
  const name = Conv2DBackpropInput;
  return nativeKernelConfig<'dy' | 'filter', Conv2DBackpropInputAttrs>(
    name,
    ['dy', 'filter'],
    ({ dy, filter }, backend, attrs) => {
      const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
      const info = backend_util.computeConv2DInfo(
        inputShape,
        filter.shape as Shape4,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        backend_util.convertConv2DDataFormat(dataFormat),
      );
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const dx = new Float32Array(util.sizeFromShape(info.inShape));
      addon.convBackpropInput(
        float32Values(backend, dy, name, 'dy'),
        float32Values(backend, filter, name, 'filter'),
        dx,
        geometryOf2D(info),
      );
      return backend.makeTensorInfo(info.inShape, 'float32', dx);
    },
  );
}
