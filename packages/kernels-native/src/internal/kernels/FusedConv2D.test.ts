import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { CASES_2D, describeProblem, tfjsShapes } from '../testing/convCases';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import type { KernelInput } from '../testing/kernelHarness';
import { filterSize, inputSize } from '../testing/referenceConv';
import { fusedConv2DConfig } from './FusedConv2D';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const;

describe.skipIf(!addon)('FusedConv2D native kernel', () => {
  // tfjs's kernel, captured before anything could replace it: conv2d, then add and the activation.
  const tfjsKernel = tf.getKernel('FusedConv2D', 'cpu');
  const config = fusedConv2DConfig(addon!);

  const inputsOf = (
    i: number,
    withBias: boolean,
  ): { inputs: Record<string, KernelInput>; strides: number[] } => {
    const p = CASES_2D[i]!;
    const s = tfjsShapes(p, 2);
    const inputs: Record<string, KernelInput> = {
      x: { shape: s.x, values: randomValues(inputSize(p), 70 + i) },
      filter: { shape: s.filter, values: randomValues(filterSize(p), 80 + i) },
    };
    if (withBias) inputs.bias = { shape: [p.outChannels], values: randomValues(p.outChannels, 90 + i) };
    return { inputs, strides: s.strides };
  };

  for (const isa of testableIsas(addon!)) {
    it(`matches tfjs's fused conv2d for every activation, with and without bias (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES_2D.forEach((p, i) => {
          for (const activation of ACTIVATIONS) {
            const { inputs, strides } = inputsOf(i, i % 2 === 0);
            const attrs = {
              strides,
              pad: p.padding,
              dataFormat: 'NHWC',
              dilations: [1, 1],
              activation,
              leakyreluAlpha: 0.1,
            };
            const expected = runKernel(tfjsKernel, inputs, attrs);
            const actual = runKernel(config, inputs, attrs);
            expect(actual.shape).toEqual(expected.shape);
            expect(
              relativeError(actual.values, expected.values),
              `${activation} ${describeProblem(p)}`,
            ).toBeLessThan(1e-4);
          }
        });
      });
    });
  }

  it("hands prelu and channel-mismatched biases to tfjs's kernel", () => {
    const { inputs, strides } = inputsOf(0, false);
    const channels = CASES_2D[0]!.outChannels;
    const common = { strides, pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] };
    const prelu = {
      ...inputs,
      preluActivationWeights: { shape: [channels], values: randomValues(channels, 5) },
    };
    const attrs = { ...common, activation: 'prelu' };
    expect(runKernel(config, prelu, attrs).values).toEqual(runKernel(tfjsKernel, prelu, attrs).values);
    // A [H, 1, K]-shaped bias broadcasts over width and channels, not only channels.
    const height = tfjsShapes(CASES_2D[0]!, 2).y[1]!;
    const rowBias = {
      ...inputs,
      bias: { shape: [height, 1, channels], values: randomValues(height * channels, 6) },
    };
    const linear = { ...common, activation: 'linear' };
    expect(runKernel(config, rowBias, linear).values).toEqual(runKernel(tfjsKernel, rowBias, linear).values);
  });
});
