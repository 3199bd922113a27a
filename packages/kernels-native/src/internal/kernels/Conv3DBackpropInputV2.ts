import { backend_util, Conv3DBackpropInputV2, util } from '@tensorflow/tfjs-core';
import type { Conv3DBackpropInputV2Attrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf3D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape5 = [number, number, number, number, number];

/** Conv3DBackpropInputV2: the gradient of conv3d w.r.t. its input (also conv3dTranspose's forward pass). */
export function conv3DBackpropInputV2Config(addon: NativeAddon): KernelConfig {
  const name = Conv3DBackpropInputV2;
  return nativeKernelConfig<'dy' | 'filter', Conv3DBackpropInputV2Attrs>(
    name,
    ['dy', 'filter'],
    ({ dy, filter }, backend, { strides, pad, inputShape }) => {
      const info = backend_util.computeConv3DInfo(inputShape, filter.shape as Shape5, strides, 1, pad);
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const dx = new Float32Array(util.sizeFromShape(info.inShape));
      addon.convBackpropInput(
        float32Values(backend, dy, name, 'dy'),
        float32Values(backend, filter, name, 'filter'),
        dx,
        geometryOf3D(info),
      );
      return backend.makeTensorInfo(info.inShape, 'float32', dx);
    },
  );
}
