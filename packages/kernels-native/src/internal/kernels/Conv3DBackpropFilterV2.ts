import { backend_util, Conv3DBackpropFilterV2, util } from '@tensorflow/tfjs-core';
import type { Conv3DBackpropFilterV2Attrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf3D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape5 = [number, number, number, number, number];

/** Conv3DBackpropFilterV2: the gradient of conv3d w.r.t. its filter. */
export function conv3DBackpropFilterV2Config(addon: NativeAddon): KernelConfig {
  const name = Conv3DBackpropFilterV2;
  return nativeKernelConfig<'x' | 'dy', Conv3DBackpropFilterV2Attrs>(
    name,
    ['x', 'dy'],
    ({ x, dy }, backend, { strides, pad, filterShape }) => {
      const info = backend_util.computeConv3DInfo(x.shape as Shape5, filterShape, strides, 1, pad);
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const dFilter = new Float32Array(util.sizeFromShape(info.filterShape));
      addon.convBackpropFilter(
        float32Values(backend, x, name, 'x'),
        float32Values(backend, dy, name, 'dy'),
        dFilter,
        geometryOf3D(info),
      );
      return backend.makeTensorInfo(info.filterShape, 'float32', dFilter);
    },
  );
}
