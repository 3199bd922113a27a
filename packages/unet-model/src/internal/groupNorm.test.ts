import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '../buildUNet';
import { composite, groupNorm } from './groupNorm';

// Backend 'native' (kernels-native's GroupNorm kernels) where its addon is built; the reason in the
// test names below where it is not.
const nativeUnavailable = await initBackend({ backend: 'native' }).then(
  () => undefined,
  (error: Error) => error.message,
);
await initBackend({ backend: 'cpu' });
const onNative = nativeUnavailable ? ` (skipped: ${nativeUnavailable})` : '';

/** max |a − b| ≤ 1e-4 · max(1, max |b|) */
function expectClose(a: tf.Tensor, b: tf.Tensor, label = ''): void {
  const [difference, scale] = tf.tidy(() => [
    tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!,
    tf.max(tf.abs(b)).dataSync()[0]!,
  ]);
  expect(difference, label).toBeLessThan(1e-4 * Math.max(1, scale!));
}

const CASES = [
  ['instance norm, 3D', [2, 3, 4, 5, 6], 6],
  ['group norm, 2D', [2, 5, 7, 8], 2],
  ['one group, odd channels, batch 3', [3, 5, 3, 7], 1],
] as const;

function compareWithComposite(shape: readonly number[], groups: number): void {
  const x = tf.randomNormal([...shape], 3, 2, 'float32', 1);
  const channels = shape[shape.length - 1]!;
  const gamma = tf.randomNormal([channels], 1, 0.3, 'float32', 2);
  const beta = tf.randomNormal([channels], 0, 0.3, 'float32', 3);
  const weights = tf.randomNormal([...shape], 0, 1, 'float32', 4);
  const loss = (f: typeof groupNorm) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
    tf.sum(tf.mul(f(a, b, c, groups, 1e-5), weights));
  const fast = tf.grads(loss(groupNorm))([x, gamma, beta]);
  const reference = tf.grads(loss(composite))([x, gamma, beta]);
  expectClose(groupNorm(x, gamma, beta, groups, 1e-5), composite(x, gamma, beta, groups, 1e-5), 'values');
  fast.forEach((g, i) => expectClose(g, reference[i]!, `gradient ${i}`));
}

describe('groupNorm on typed arrays (cpu)', () => {
  for (const [label, shape, groups] of CASES) {
    it(`${label}: values and gradients equal the composite tensor ops`, () => {
      expect(tf.getKernel('GroupNorm', 'cpu')).toBeUndefined();
      compareWithComposite(shape, groups);
    });
  }
});

describe.skipIf(nativeUnavailable)(`groupNorm through the GroupNorm kernels on native${onNative}`, () => {
  for (const [label, shape, groups] of CASES) {
    it(`${label}: values and gradients equal the composite tensor ops`, async () => {
      await initBackend({ backend: 'native' });
      try {
        expect(tf.getKernel('GroupNorm', 'cpu')).toBeDefined();
        compareWithComposite(shape, groups);
      } finally {
        await initBackend({ backend: 'cpu' });
      }
    });
  }

  it('a small U-Net has the same loss and gradients on native as on stock tfjs cpu', async () => {
    // odd sizes after the stride-2 stage, 3 input channels, batch 2: convolutions, instance norm, LeakyReLU, softmax
    const topology = { ...nvidiaTopology([10, 6, 14], [1, 1, 1]), filters: [5, 12] };
    topology.strides = topology.strides.slice(0, 2);
    topology.kernels = topology.kernels.slice(0, 2);
    const model = buildUNet({ topology, inChannels: 3, classes: 3, deepSupervision: false, seed: 5 });
    const x = tf.randomNormal([2, 10, 6, 14, 3], 0, 1, 'float32', 6);
    const labels = tf.tidy(() =>
      tf.oneHot(tf.randomUniform([2 * 10 * 6 * 14], 0, 3, 'int32', 7), 3).reshape([2, 10, 6, 14, 3]),
    );
    const lossAndGrads = () =>
      tf.variableGrads(() => {
        const probabilities = tf.softmax(model.apply(x, { training: true }) as tf.Tensor);
        const dice = tf.div(
          tf.sum(tf.mul(probabilities, labels), [1, 2, 3]),
          tf.sum(probabilities, [1, 2, 3]),
        );
        return tf.sub(
          tf.mean(tf.mul(tf.log(tf.add(probabilities, 1e-6)), labels)),
          tf.mean(dice),
        ) as tf.Scalar;
      });
    const stock = lossAndGrads();
    await initBackend({ backend: 'native' });
    try {
      const profile = await tf.profile(lossAndGrads);
      const native = profile.result as ReturnType<typeof lossAndGrads>;
      // the step really ran the native norm and LeakyReLU gradient kernels
      expect(profile.kernelNames).toEqual(
        expect.arrayContaining(['GroupNorm', 'GroupNormGrad', 'LeakyReluGrad']),
      );
      expectClose(native.value, stock.value, 'loss');
      const names = Object.keys(stock.grads);
      expect(Object.keys(native.grads).sort()).toEqual([...names].sort());
      for (const name of names) expectClose(native.grads[name]!, stock.grads[name]!, name);
    } finally {
      await initBackend({ backend: 'cpu' });
      model.dispose();
    }
  });
});
