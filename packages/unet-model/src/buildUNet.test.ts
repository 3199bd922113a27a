import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology, type Topology } from '@nnunet-ts/plans';
import { buildUNet, loadUNet, saveUNet } from './index';

await initBackend({ backend: 'cpu' });

const workDir = mkdtempSync(join(tmpdir(), 'unet-model-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A small topology with the real rule but few filters, so tests run fast on tfjs's cpu kernels. */
function smallTopology(patch: number[], spacing: number[], filters: number[]): Topology {
  const topology = nvidiaTopology(patch, spacing);
  return { ...topology, filters: filters.slice(0, topology.strides.length) };
}

describe('buildUNet', () => {
  it('maps [N, D, H, W, Cin] to logits [N, D, H, W, classes] with the expected parameter count', () => {
    const topology = smallTopology([16, 16, 16], [1, 1, 1], [4, 8, 16]);
    expect(topology.strides).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    const model = buildUNet({ topology, inChannels: 2, classes: 3, seed: 1 });
    const x = tf.randomNormal([2, 16, 16, 16, 2]);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 16, 16, 16, 3]);
    // conv kernels (no bias) + instance-norm gamma/beta per block, transposed convs with bias, 1×1 head
    const convBlock = (cin: number, cout: number) => 27 * cin * cout + 27 * cout * cout + 4 * cout;
    const expected =
      convBlock(2, 4) +
      convBlock(4, 8) +
      convBlock(8, 16) +
      (8 * 16 * 8 + 8) + // up 16 → 8
      convBlock(16, 8) +
      (8 * 8 * 4 + 4) + // up 8 → 4
      convBlock(8, 4) +
      (4 * 3 + 3);
    expect(model.countParams()).toBe(expected);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('the 3D BraTS network (filters 32..320, 4 in, 4 out, deep supervision) has the independently counted parameters', () => {
    const topology = nvidiaTopology([128, 128, 128], [1, 1, 1]);
    expect(topology.filters).toEqual([32, 64, 128, 256, 320, 320]);
    const model = buildUNet({ topology, inChannels: 4, classes: 4, deepSupervision: true, seed: 1 });
    const f = topology.filters;
    // each conv: 27·cin·cout weights (no bias) + instance-norm scale and offset
    const conv = (cin: number, cout: number) => 27 * cin * cout + 2 * cout;
    let expected = 0;
    let cin = 4;
    for (const cout of f) {
      expected += conv(cin, cout) + conv(cout, cout);
      cin = cout;
    }
    for (let stage = f.length - 2; stage >= 0; stage--) {
      expected += 8 * f[stage + 1]! * f[stage]! + f[stage]!; // 2×2×2 transposed conv with bias
      expected += conv(2 * f[stage]!, f[stage]!) + conv(f[stage]!, f[stage]!);
    }
    expected += 3 * 4; // three 1×1 heads with bias: main, decoder levels 1 and 2
    expected += f[0]! * 4 + f[1]! * 4 + f[2]! * 4;
    expect(model.countParams()).toBe(expected);
    expect(model.outputs).toHaveLength(3);
    model.dispose();
  });

  it('handles anisotropic kernels and strides (1×3×3, 1×2×2) and 2D', () => {
    const topology = smallTopology([4, 16, 16], [4, 1, 1], [4, 8, 8]);
    expect(topology.kernels[0]).toEqual([1, 3, 3]);
    expect(topology.strides[1]).toEqual([1, 2, 2]);
    const model3d = buildUNet({ topology, inChannels: 1, classes: 2, seed: 2 });
    const y3 = model3d.predict(tf.zeros([1, 4, 16, 16, 1])) as tf.Tensor;
    expect(y3.shape).toEqual([1, 4, 16, 16, 2]);
    const model2d = buildUNet({
      topology: smallTopology([32, 24], [1, 1], [4, 8, 8, 8]),
      inChannels: 3,
      classes: 4,
      seed: 3,
    });
    const y2 = model2d.predict(tf.zeros([2, 32, 24, 3])) as tf.Tensor;
    expect(y2.shape).toEqual([2, 32, 24, 4]);
    tf.dispose([y3, y2]);
    model3d.dispose();
    model2d.dispose();
  });

  it('deep supervision adds two full-resolution heads from the next decoder levels', () => {
    const topology = smallTopology([32, 32], [1, 1], [4, 4, 8, 8]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, deepSupervision: true, seed: 4 });
    const outputs = model.predict(tf.randomNormal([1, 32, 32, 1])) as tf.Tensor[];
    expect(outputs.map((o) => o.shape)).toEqual([
      [1, 32, 32, 2],
      [1, 32, 32, 2],
      [1, 32, 32, 2],
    ]);
    // the lowest head is upsampled ×4: every 4×4 block holds one value
    const low = outputs[2]!.arraySync() as number[][][][];
    expect(low[0]![4]![4]).toEqual(low[0]![7]![7]);
    expect(low[0]![4]![4]).not.toEqual(low[0]![8]![8]);
    tf.dispose(outputs);
    model.dispose();
  });

  it('the same seed builds the same weights, another seed different ones', () => {
    const topology = smallTopology([8, 8], [1, 1], [2, 4]);
    const weights = (seed: number) => {
      const model = buildUNet({ topology, inChannels: 1, classes: 2, seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  it('supports every norm and rejects unknown ones', () => {
    const topology = smallTopology([8, 8], [1, 1], [32, 64]);
    for (const norm of ['instance', 'batch', 'group', 'none'] as const) {
      const model = buildUNet({ topology, inChannels: 1, classes: 2, norm, seed: 5 });
      const y = model.predict(tf.ones([1, 8, 8, 1])) as tf.Tensor;
      expect(Number.isFinite(y.sum().dataSync()[0])).toBe(true);
      tf.dispose(y);
      model.dispose();
    }
    expect(() => buildUNet({ topology, inChannels: 1, classes: 2, norm: 'layer' as never })).toThrow(
      /unknown norm/,
    );
  });

  it('trains: Adam steps through instance norm and transposed convs lower the loss, without leaking tensors', () => {
    const topology = smallTopology([8, 8, 8], [1, 1, 1], [4, 8]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, deepSupervision: false, seed: 11 });
    const x = tf.randomNormal([2, 8, 8, 8, 1], 0, 1, 'float32', 12);
    const y = tf.tidy(() => tf.oneHot(tf.greater(x, 0).toInt().flatten(), 2).reshape([2, 8, 8, 8, 2]));
    const optimizer = tf.train.adam(1e-2);
    const lossOf = () =>
      tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const losses: number[] = [];
    let tensorsAfterFirstStep = 0;
    for (let step = 0; step < 5; step++) {
      const loss = optimizer.minimize(lossOf, true)!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
      if (step === 0) tensorsAfterFirstStep = tf.memory().numTensors;
    }
    expect(losses[4]).toBeLessThan(losses[0]! * 0.9);
    expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });

  it('saves and loads a self-contained model folder: same predictions, same plan', async () => {
    const topology = smallTopology([8, 8, 8], [1, 1, 1], [4, 8]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, deepSupervision: false, seed: 6 });
    const plan = { patchSize: [8, 8, 8], spacing: [1, 1, 1], note: 'test plan' };
    const folder = join(workDir, 'model');
    await saveUNet(folder, model, plan);
    const loaded = await loadUNet<typeof plan>(folder);
    expect(loaded.plan).toEqual(plan);
    const x = tf.randomNormal([1, 8, 8, 8, 1], 0, 1, 'float32', 9);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const after = (loaded.model.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    model.dispose();
    loaded.model.dispose();
  });

  it('refuses a model folder without a plan', async () => {
    const model = buildUNet({
      topology: smallTopology([8, 8], [1, 1], [2, 4]),
      inChannels: 1,
      classes: 2,
      seed: 1,
    });
    const folder = join(workDir, 'plain');
    await model.save(`file://${folder}`);
    await expect(loadUNet(folder)).rejects.toThrow(/has no nnunet-ts plan/);
    model.dispose();
  });
});
