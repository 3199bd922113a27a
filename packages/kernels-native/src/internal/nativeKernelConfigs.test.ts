import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig } from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadNativeAddon } from './nativeAddon';
import { nativeGradientConfigs, nativeKernelConfigs } from './nativeKernelConfigs';
import { randomValues, relativeError, runKernel } from './testing/kernelHarness';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

const KERNELS = [
  'Conv3D',
  'Conv3DBackpropInputV2',
  'Conv3DBackpropFilterV2',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'FusedConv2D',
  'SplitV',
  'Concat',
  'Add',
  'Sub',
  'Multiply',
  'RealDiv',
  'Greater',
  'Exp',
  'Neg',
  'LeakyRelu',
  'LeakyReluGrad',
  'GroupNorm',
  'GroupNormGrad',
  'Sum',
  'Softmax',
];

/** A small network touching the convolutions, LeakyReLU, Softmax and Sum: loss and gradients w.r.t. inputs, filters and bias. */
function lossAndGrads(): number[][] {
  return tf.tidy(() => {
    const x3 = tf.tensor5d(randomValues(2 * 6 * 7 * 5 * 3, 1), [2, 6, 7, 5, 3]);
    const x2 = tf.tensor4d(randomValues(2 * 9 * 8 * 3, 2), [2, 9, 8, 3]);
    const filters = [
      tf.tensor5d(randomValues(27 * 3 * 8, 3), [3, 3, 3, 3, 8]),
      tf.tensor5d(randomValues(9 * 8 * 5, 4), [1, 3, 3, 8, 5]),
      tf.tensor4d(randomValues(9 * 3 * 6, 5), [3, 3, 3, 6]),
      tf.tensor4d(randomValues(4 * 6 * 4, 6), [2, 2, 6, 4]),
      tf.tensor1d(randomValues(4, 7)),
    ];
    const f = (
      a: tf.Tensor,
      b: tf.Tensor,
      w1: tf.Tensor,
      w2: tf.Tensor,
      w3: tf.Tensor,
      w4: tf.Tensor,
      bias: tf.Tensor,
    ) => {
      const h3 = tf.leakyRelu(tf.conv3d(a as tf.Tensor5D, w1 as tf.Tensor5D, 1, 'same'), 0.01);
      const y3 = tf.conv3d(h3, w2 as tf.Tensor5D, [1, 2, 2], 'same');
      const h2 = tf.leakyRelu(tf.conv2d(b as tf.Tensor4D, w3 as tf.Tensor4D, 1, 'same'), 0.01);
      const y2 = tf.fused.conv2d({
        x: h2,
        filter: w4 as tf.Tensor4D,
        strides: 2,
        pad: 'valid',
        bias,
        activation: 'elu',
      });
      const p3 = tf.softmax(y3);
      return tf.add(
        tf.sum(tf.mul(tf.sum(tf.square(p3), [1, 2, 3]), tf.sum(y3, [1, 2, 3]))),
        tf.sum(tf.square(y2)),
      );
    };
    const { value, grads } = tf.valueAndGrads(f)([x3, x2, ...filters]);
    return [[value.dataSync()[0]!], ...grads.map((g) => Array.from(g.dataSync()))];
  });
}

describe.skipIf(!addon)('nativeKernelConfigs', () => {
  // tfjs's kernels (undefined for our own kernels) and gradients, to put back afterwards
  let originals: (KernelConfig | undefined)[] = [];
  let originalGradients: GradConfig[] = [];
  let tfjsResults: number[][] = [];

  beforeAll(() => {
    tfjsResults = lossAndGrads();
    originals = KERNELS.map((name) => tf.getKernel(name, 'cpu'));
    const gradients = nativeGradientConfigs();
    originalGradients = gradients.map((g) => tf.getGradient(g.kernelName));
    for (const config of nativeKernelConfigs()) {
      if (tf.getKernel(config.kernelName, 'cpu')) tf.unregisterKernel(config.kernelName, 'cpu');
      tf.registerKernel(config);
    }
    for (const gradient of gradients) tf.registerGradient(gradient);
  });

  afterAll(() => {
    KERNELS.forEach((name, i) => {
      tf.unregisterKernel(name, 'cpu');
      if (originals[i]) tf.registerKernel(originals[i]!);
    });
    for (const gradient of originalGradients) tf.registerGradient(gradient);
  });

  it('returns cpu kernel configs for the seven convolution kernels, SplitV, Concat, the elementwise ops, LeakyReLU, group norm, Sum and Softmax', () => {
    const configs = nativeKernelConfigs();
    expect(configs.map((c) => c.kernelName).sort()).toEqual([...KERNELS].sort());
    expect(new Set(configs.map((c) => c.backendName))).toEqual(new Set(['cpu']));
  });

  it('once registered, a small network gives the same loss and gradients as tfjs', () => {
    expect(KERNELS.every((name) => originals.every((o) => tf.getKernel(name, 'cpu') !== o))).toBe(true);
    expect(tf.getGradient('LeakyRelu')).not.toBe(originalGradients[0]);
    const nativeResults = lossAndGrads();
    nativeResults.forEach((values, i) =>
      expect(relativeError(values, tfjsResults[i]!), `result ${i}`).toBeLessThan(1e-4),
    );
  });

  it("hands dilated convolutions to tfjs's kernel, also when asked again after registration", () => {
    const conv3d = nativeKernelConfigs().find((c) => c.kernelName === 'Conv3D')!;
    const x = randomValues(1 * 7 * 7 * 7 * 2, 7);
    const w = randomValues(27 * 2 * 3, 8);
    const attrs = { strides: [1, 1, 1], pad: 'same', dataFormat: 'NDHWC', dilations: [2, 2, 2] };
    const inputs = {
      x: { shape: [1, 7, 7, 7, 2], values: x },
      filter: { shape: [3, 3, 3, 2, 3], values: w },
    };
    const expected = runKernel(originals[0]!, inputs, attrs);
    const actual = runKernel(conv3d, inputs, attrs);
    expect(actual.shape).toEqual(expected.shape);
    expect(actual.values).toEqual(expected.values);
  });
});
