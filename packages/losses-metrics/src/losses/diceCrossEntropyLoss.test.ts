import { describe, expect, it } from 'vitest';
import { lcg } from '../internal/testing/lcg';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { diceCrossEntropyLoss } from './diceCrossEntropyLoss';
import { deepSupervisionLoss } from './deepSupervisionLoss';
import { deepSupervisionWeights } from './deepSupervisionWeights';
import { l2WeightDecay } from './l2WeightDecay';

/** The seed's loss written out voxel by voxel, in float64. */
function referenceLoss(
  labels: number[],
  logits: number[],
  batch: number,
  classes: number,
  { batchReduction = true, includeBackground = false, epsilon = 1e-6 } = {},
): number {
  const voxels = labels.length / batch;
  const probabilities = labels.map((_, v) => {
    const row = logits.slice(v * classes, (v + 1) * classes);
    const max = Math.max(...row);
    const exps = row.map((x) => Math.exp(x - max));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  });
  let crossEntropy = 0;
  labels.forEach((label, v) => (crossEntropy -= Math.log(probabilities[v]![label]!)));
  crossEntropy /= labels.length;
  const groups = batchReduction
    ? [[0, labels.length]]
    : [...Array(batch).keys()].map((n) => [n * voxels, (n + 1) * voxels]);
  const diceLosses: number[] = [];
  for (const [from, to] of groups) {
    for (let c = includeBackground ? 0 : 1; c < classes; c++) {
      let intersection = 0;
      let sumP = 0;
      let sumY = 0;
      for (let v = from!; v < to!; v++) {
        const y = labels[v] === c ? 1 : 0;
        intersection += probabilities[v]![c]! * y;
        sumP += probabilities[v]![c]!;
        sumY += y;
      }
      diceLosses.push(1 - (2 * intersection + epsilon) / (sumP + sumY + epsilon));
    }
  }
  return diceLosses.reduce((a, b) => a + b, 0) / diceLosses.length + crossEntropy;
}

await initBackend({ backend: 'cpu' });

describe('diceCrossEntropyLoss', () => {
  const batch = 2;
  const classes = 3;
  const spatial = [3, 4, 2];
  const voxels = batch * spatial.reduce((a, b) => a * b, 1);
  const random = lcg(42);
  const labels = Array.from({ length: voxels }, () => Math.floor(random() * classes));
  const logits = Array.from({ length: voxels * classes }, () => (random() - 0.5) * 6);
  const labelTensor = tf.tensor(labels, [batch, ...spatial], 'int32');
  const logitTensor = tf.tensor(logits, [batch, ...spatial, classes]);

  for (const batchReduction of [true, false]) {
    for (const includeBackground of [false, true]) {
      it(`matches the voxel-by-voxel reference (batch reduction ${batchReduction}, background ${includeBackground})`, () => {
        const loss = diceCrossEntropyLoss(labelTensor, logitTensor, {
          classes,
          batchReduction,
          includeBackground,
        });
        expect(loss.rank).toBe(0);
        expect(loss.dataSync()[0]).toBeCloseTo(
          referenceLoss(labels, logits, batch, classes, { batchReduction, includeBackground }),
          5,
        );
        loss.dispose();
      });
    }
  }

  it('has gradients that match central finite differences of the reference', () => {
    const grad = tf.grad((x: tf.Tensor) => diceCrossEntropyLoss(labelTensor, x, { classes }));
    const analytic = grad(logitTensor).dataSync();
    const h = 1e-4;
    for (const i of [0, 7, 13, 29, 40, 71]) {
      const plus = [...logits];
      const minus = [...logits];
      plus[i]! += h;
      minus[i]! -= h;
      const numeric =
        (referenceLoss(labels, plus, batch, classes) - referenceLoss(labels, minus, batch, classes)) /
        (2 * h);
      expect(analytic[i]).toBeCloseTo(numeric, 4);
    }
  });

  it('is near zero Dice loss for confident correct logits and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const confident = tf.tidy(() =>
      tf
        .oneHot(labelTensor.flatten(), classes)
        .reshape([batch, ...spatial, classes])
        .mul(30),
    );
    const loss = diceCrossEntropyLoss(labelTensor, confident, { classes });
    expect(loss.dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([loss, confident]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched shapes with a clear message', () => {
    expect(() => diceCrossEntropyLoss(labelTensor, logitTensor, { classes: 4 })).toThrow(
      /3 channels, expected 4/,
    );
    const wrong = tf.zeros([batch, 3, 4, 1], 'int32');
    expect(() => diceCrossEntropyLoss(wrong, logitTensor, { classes })).toThrow(/do not match logits/);
    wrong.dispose();
  });

  it('deep supervision weights the outputs 0.5^i, normalised, or as the seed', () => {
    expect(deepSupervisionWeights(3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(deepSupervisionWeights(3)).toEqual([4 / 7, 2 / 7, 1 / 7].map((w) => expect.closeTo(w, 12)));
    const seed = deepSupervisionWeights(3, { seedCompatible: true });
    expect(seed[0]).toBeCloseTo(1 / 1.875, 12);
    expect(seed.reduce((a, b) => a + b, 0)).toBeCloseTo(0.9333, 4);
    const other = tf.tensor(
      logits.map((x) => -x),
      [batch, ...spatial, classes],
    );
    const combined = deepSupervisionLoss(labelTensor, [logitTensor, other], { classes });
    const expected =
      (2 / 3) * referenceLoss(labels, logits, batch, classes) +
      (1 / 3) *
        referenceLoss(
          labels,
          logits.map((x) => -x),
          batch,
          classes,
        );
    expect(combined.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([other, combined]);
  });

  it('L2 decay skips normalisation variables', () => {
    const kernel = tf.variable(tf.tensor([1, 2, 3]), true, 'conv/kernel');
    const gamma = tf.variable(tf.tensor([10, 10]), true, 'instance_norm/gamma');
    const penalty = l2WeightDecay([kernel, gamma], 1e-4);
    expect(penalty.dataSync()[0]).toBeCloseTo((1e-4 * 14) / 2, 10);
    tf.dispose([kernel, gamma, penalty]);
  });
});
