import { backend_util, Conv2D, util } from '@tensorflow/tfjs-core';
import type { Conv2DAttrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf2D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape4 = [number, number, number, number];

/** Conv2D (NHWC input, [kh, kw, inC, outC] filter) on the cpu backend; NCHW goes to tfjs's kernel. */
export function conv2DConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x' | 'filter', Conv2DAttrs>(
    Conv2D,
    ['x', 'filter'],
    ({ x, filter }, backend, attrs) => {
      const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
      const info = backend_util.computeConv2DInfo(
        x.shape as Shape4,
        filter.shape as Shape4,
        strides,
        dilations,
        pad,
        dimRoundingMode,
        false,
        backend_util.convertConv2DDataFormat(dataFormat),
      );
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const y = new Float32Array(util.sizeFromShape(info.outShape));
      addon.convForward(
        float32Values(backend, x, Conv2D, 'x'),
        float32Values(backend, filter, Conv2D, 'filter'),
        y,
        geometryOf2D(info),
      );
      return backend.makeTensorInfo(info.outShape, 'float32', y);
    },
  );
}
