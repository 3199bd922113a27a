import { backend_util, FusedConv2D, util } from '@tensorflow/tfjs-core';
import type { FusedConv2DAttrs, KernelConfig } from '@tensorflow/tfjs-core';

import { activationCode } from '../biasActivation';
import { geometryOf2D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape4 = [number, number, number, number];

/** tfjs's default slope of a fused leaky ReLU. */
const DEFAULT_LEAKY_RELU_ALPHA = 0.2;

/**
 * FusedConv2D: conv2d + bias + activation, which tfjs-layers' Conv2D runs for every 2D convolution
 * (its gradient uses Conv2DBackpropInput/Filter). prelu and biases that do not broadcast along the
 * channels run tfjs's kernel.
 */
export function fusedConv2DConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x' | 'filter', FusedConv2DAttrs>(
    FusedConv2D,
    ['x', 'filter'],
    (inputs, backend, attrs) => {
      const { x, filter, bias } = inputs;
      const { strides, pad, dataFormat, dilations, dimRoundingMode, activation, leakyreluAlpha } = attrs;
      const code = activationCode(activation);
      if (code === undefined) return new Unsupported(`activation ${activation}`);
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
      const channels = info.outChannels;
      const biasSize = bias ? util.sizeFromShape(bias.shape) : 0;
      const channelBias = bias === undefined || bias.shape.slice(0, -1).every((d) => d === 1);
      if (bias && !(channelBias && (biasSize === 1 || biasSize === channels))) {
        return new Unsupported(`bias of shape [${bias.shape}] for ${channels} channels`);
      }
      const y = new Float32Array(util.sizeFromShape(info.outShape));
      addon.convForward(
        float32Values(backend, x, FusedConv2D, 'x'),
        float32Values(backend, filter, FusedConv2D, 'filter'),
        y,
        geometryOf2D(info),
      );
      const biasValues = bias ? float32Values(backend, bias, FusedConv2D, 'bias') : null;
      addon.biasActivation(y, biasValues, channels, code, leakyreluAlpha ?? DEFAULT_LEAKY_RELU_ALPHA);
      return backend.makeTensorInfo(info.outShape, 'float32', y);
    },
  );
}
