import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import {
  randomValues,
  relativeError,
  runKernelOutputs,
  testableIsas,
  withIsa,
} from '../testing/kernelHarness';
import { groupNormConfig, groupNormGradConfig } from './GroupNorm';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

// [x shape, groups]: instance norm (groups = C), group norm, one group; odd sizes, channels not
// multiples of 8, batch 1..3, and volumes large enough to split into several chunks per sample.
const CASES: [number[], number][] = [
  [[2, 5, 7, 3, 6], 6],
  [[3, 9, 11, 12], 4],
  [[1, 4, 3, 5, 33], 1],
  [[2, 7, 33], 3],
  [[2, 40, 31, 30, 3], 3],
];
const EPSILON = 1e-5;

/** Group norm from tfjs ops on the stock cpu kernels: y, and the mean and 1/std per (sample, group). */
function reference(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, groups: number) {
  const channels = x.shape[x.rank - 1]!;
  const grouped = x.reshape([x.shape[0]!, -1, groups, channels / groups]);
  const { mean, variance } = tf.moments(grouped, [1, 3], true);
  const invStd = tf.rsqrt(tf.add(variance, EPSILON));
  const y = tf.add(tf.mul(tf.mul(tf.sub(grouped, mean), invStd).reshape(x.shape), gamma), beta);
  return { y, mean: mean.reshape([-1]), invStd: invStd.reshape([-1]) };
}

describe.skipIf(!addon)('GroupNorm and GroupNormGrad native kernels', () => {
  const forward = groupNormConfig(addon!);
  const backward = groupNormGradConfig(addon!);

  for (const isa of testableIsas(addon!)) {
    it(`match tfjs's ops and their gradients for instance norm, group norm and one group (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES.forEach(([shape, groups], i) => {
          const channels = shape[shape.length - 1]!;
          const size = shape.reduce((a, b) => a * b, 1);
          // an offset and scale per case, so the mean is not near 0
          const x = { shape, values: randomValues(size, 30 + i).map((v) => 2 + 3 * v) };
          const gamma = { shape: [channels], values: randomValues(channels, 40 + i).map((v) => 1 + v / 2) };
          const beta = { shape: [channels], values: randomValues(channels, 50 + i) };
          const dy = { shape, values: randomValues(size, 60 + i) };
          const [y, mean, invStd] = runKernelOutputs(
            forward,
            { x, gamma, beta },
            { groups, epsilon: EPSILON },
          );
          const [dx, dgamma, dbeta] = runKernelOutputs(
            backward,
            { dy, x, gamma, mean: mean!, invStd: invStd! },
            { groups },
          );
          const expected = tf.tidy(() => {
            const [xt, gt, bt] = [x, gamma, beta].map((t) => tf.tensor(t.values, t.shape));
            const r = reference(xt!, gt!, bt!, groups);
            const dyt = tf.tensor(dy.values, shape);
            const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
              tf.sum(tf.mul(reference(a, b, c, groups).y, dyt)),
            )([xt!, gt!, bt!]);
            return [r.y, r.mean, r.invStd, ...grads].map((t) => t.dataSync() as Float32Array);
          });
          const label = `[${shape}] / ${groups} groups`;
          expect(y!.shape).toEqual(shape);
          expect(mean!.shape).toEqual([shape[0], groups]);
          expect(dx!.shape).toEqual(shape);
          expect(dgamma!.shape).toEqual([channels]);
          [y, mean, invStd, dx, dgamma, dbeta].forEach((actual, k) =>
            expect(relativeError(actual!.values, expected[k]!), `${label}, output ${k}`).toBeLessThan(1e-4),
          );
        });
      });
    });
  }

  it('gives bit-identical results on 1 and 2 threads', () => {
    const shape = [2, 40, 31, 30, 3];
    const size = shape.reduce((a, b) => a * b, 1);
    const x = { shape, values: randomValues(size, 7) };
    const gamma = { shape: [3], values: randomValues(3, 8) };
    const beta = { shape: [3], values: randomValues(3, 9) };
    const dy = { shape, values: randomValues(size, 10) };
    const run = (threads: number) => {
      addon!.setThreads(threads);
      const [y, mean, invStd] = runKernelOutputs(
        forward,
        { x, gamma, beta },
        { groups: 3, epsilon: EPSILON },
      );
      const grads = runKernelOutputs(backward, { dy, x, gamma, mean: mean!, invStd: invStd! }, { groups: 3 });
      return [y, ...grads].map((o) => Array.from(o!.values));
    };
    const before = addon!.status().threads;
    try {
      expect(run(1)).toEqual(run(2));
    } finally {
      addon!.setThreads(before);
    }
  });

  it('names the problem when shapes do not fit', () => {
    const x = { shape: [2, 3, 6], values: randomValues(36, 1) };
    const gamma = { shape: [6], values: randomValues(6, 2) };
    const beta = { shape: [6], values: randomValues(6, 3) };
    expect(() => runKernelOutputs(forward, { x, gamma, beta }, { groups: 4, epsilon: EPSILON })).toThrow(
      'GroupNorm: groups (4) must be an integer >= 1 dividing 6 channels',
    );
    expect(() =>
      runKernelOutputs(
        forward,
        { x, gamma: { shape: [3], values: gamma.values.slice(0, 3) }, beta },
        { groups: 3 },
      ),
    ).toThrow('GroupNorm: gamma must be [6] for x [2,3,6], got [3]');
  });
});
