import { backend_util, Conv2DBackpropFilter, util } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf2D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape4 = [number, number, number, number];

/** Conv2DBackpropFilter: the gradient of conv2d w.r.t. its filter. */
export function conv2DBackpropFilterConfig(addon: NativeAddon): KernelConfig {
  const name = Conv2DBackpropFilter;
  return nativeKernelConfig<'x' | 'dy', Conv2DBackpropFilterAttrs>(
    name,
    ['x', 'dy'],
    ({ x, dy }, backend, attrs) => {
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
      const info = backend_util.computeConv2DInfo(
        x.shape as Shape4,
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        backend_util.convertConv2DDataFormat(dataFormat),
      );
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const dFilter = new Float32Array(util.sizeFromShape(info.filterShape));
      addon.convBackpropFilter(
        float32Values(backend, x, name, 'x'),
        float32Values(backend, dy, name, 'dy'),
        dFilter,
        geometryOf2D(info),
      );
      return backend.makeTensorInfo(info.filterShape, 'float32', dFilter);
    },
  );
}
