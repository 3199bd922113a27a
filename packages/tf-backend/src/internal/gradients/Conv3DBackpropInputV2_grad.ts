import { conv3d, Conv3DBackpropFilterV2, Conv3DBackpropInputV2, engine } from '@tensorflow/tfjs';
import type {
  Conv3DBackpropFilterV2Attrs,
  Conv3DBackpropInputV2Attrs,
  GradConfig,
  NamedAttrMap,
  Tensor,
  Tensor5D,
} from '@tensorflow/tfjs';

/**
 * tfjs 4.22 has no gradient for Conv3DBackpropInputV2, so `conv3dTranspose` cannot be trained.
 * The op computes dx = Wᵀ·dy (a transposed convolution). Its adjoint w.r.t. dy is the forward
 * convolution of the incoming gradient ddx with the same filter, strides and padding; w.r.t.
 * the filter it is the filter gradient of that forward convolution with ddx as its input and
 * dy as its output gradient.
 */
export const conv3DBackpropInputV2GradConfig: GradConfig = {
  kernelName: Conv3DBackpropInputV2,
  inputsToSave: ['dy', 'filter'],
  gradFunc: (ddx: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [dy, filter] = saved as [Tensor5D, Tensor5D];
    const upstream = ddx as Tensor5D;
    const { strides, pad } = attrs as unknown as Conv3DBackpropInputV2Attrs;
    const filterAttrs: Conv3DBackpropFilterV2Attrs = { strides, pad, filterShape: filter.shape };
    return {
      dy: () => conv3d(upstream, filter, strides, pad),
      filter: () =>
        engine().runKernel(
          Conv3DBackpropFilterV2,
          { x: upstream, dy },
          filterAttrs as unknown as NamedAttrMap,
        ) as Tensor,
    };
  },
};
