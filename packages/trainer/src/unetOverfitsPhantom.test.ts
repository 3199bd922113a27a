import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import { diceCrossEntropyLoss, evaluateCase } from '@nnunet-ts/losses-metrics';

await initBackend({ backend: 'cpu' });

/** A 16³ phantom patch: a bright ball and a darker cube on a noisy background. */
function phantomPatch(size: number) {
  const image = new Float32Array(size ** 3);
  const label = new Int32Array(size ** 3);
  let state = 99;
  const noise = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.4;
  for (let z = 0; z < size; z++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const i = x + size * (y + size * z);
        if ((x - 5) ** 2 + (y - 6) ** 2 + (z - 7) ** 2 <= 9) label[i] = 1;
        else if (x >= 10 && x <= 13 && y >= 9 && y <= 13 && z >= 3 && z <= 6) label[i] = 2;
        image[i] = [0, 1.5, 0.7][label[i]!]! + noise();
      }
  return { image, label };
}

describe('the pieces of issue 6 learn together', () => {
  it('a tiny U-Net overfits one phantom patch to Dice > 0.95 within 150 Adam steps', () => {
    const size = 16;
    const { image, label } = phantomPatch(size);
    const topology = { ...nvidiaTopology([size, size, size], [1, 1, 1]), filters: [8, 16, 32] };
    const model = buildUNet({ topology, inChannels: 1, classes: 3, seed: 5 });
    const x = tf.tensor(image, [1, size, size, size, 1]);
    const y = tf.tensor(label, [1, size, size, size], 'int32');
    const optimizer = tf.train.adam(1e-2);
    const dice = () =>
      tf.tidy(() => {
        const prediction = (model.predict(x) as tf.Tensor).argMax(-1).dataSync();
        const metrics = evaluateCase(prediction, label, { classes: [1, 2] });
        return Math.min(metrics['1']!.Dice, metrics['2']!.Dice);
      });
    let steps = 0;
    let score = dice();
    while (score <= 0.95 && steps < 150) {
      const loss = optimizer.minimize(
        () => diceCrossEntropyLoss(y, model.apply(x, { training: true }) as tf.Tensor, { classes: 3 }),
        true,
      );
      loss?.dispose();
      steps++;
      if (steps % 10 === 0) score = dice();
    }
    expect(score).toBeGreaterThan(0.95);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }, 240_000);
});
