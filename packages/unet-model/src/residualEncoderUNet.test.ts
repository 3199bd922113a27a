import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology, residualEncoderTopology, type ResidualEncoderTopology } from '@nnunet-ts/plans';
import { buildUNet, loadUNet, saveUNet } from './index';

await initBackend({ backend: 'cpu' });

const workDir = mkdtempSync(join(tmpdir(), 'unet-model-resenc-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The ResEnc presets' network (blocks 1, 3, 4, 6, ...; one conv per decoder stage) on a small topology. */
function smallResEnc(patch: number[], spacing: number[], filters: number[]): ResidualEncoderTopology {
  const topology = nvidiaTopology(patch, spacing);
  return residualEncoderTopology({ ...topology, filters: filters.slice(0, topology.strides.length) });
}

const product = (values: readonly number[]) => values.reduce((a, b) => a * b, 1);

/**
 * Parameters of a ResidualEncoderUNet as this package builds it, counted from v2's module structure:
 * convs without a bias, each followed by an instance norm (scale and offset); the stem; per block two
 * kernel convs and, where the channels change, a 1×1 projection (pooling has no weights); per decoder
 * stage a transposed conv with a bias and its conv blocks; 1×1 heads with a bias.
 */
function resEncParams(
  t: ResidualEncoderTopology,
  inChannels: number,
  classes: number,
  deepSupervision: boolean,
) {
  const convNorm = (kernel: readonly number[], cin: number, cout: number) =>
    product(kernel) * cin * cout + 2 * cout;
  const f = t.filters;
  const ones = t.kernels[0]!.map(() => 1);
  let total = convNorm(t.kernels[0]!, inChannels, f[0]!);
  let channels = f[0]!;
  f.forEach((filters, s) => {
    for (let block = 0; block < t.nBlocksPerStage[s]!; block++) {
      const cin = block === 0 ? channels : filters;
      total += convNorm(t.kernels[s]!, cin, filters) + convNorm(t.kernels[s]!, filters, filters);
      if (cin !== filters) total += convNorm(ones, cin, filters);
    }
    channels = filters;
  });
  for (let s = f.length - 2; s >= 0; s--) {
    total += product(t.strides[s + 1]!) * f[s + 1]! * f[s]! + f[s]!;
    const convs = t.nConvPerStageDecoder[f.length - 2 - s]!;
    for (let c = 0; c < convs; c++) total += convNorm(t.kernels[s]!, c === 0 ? 2 * f[s]! : f[s]!, f[s]!);
  }
  const head = (cin: number) => (cin + 1) * classes;
  return head(f[0]!) + (deepSupervision ? head(f[1]!) + head(f[2]!) : 0) + total;
}

/** Layers of the model by class name. */
function layerCount(model: tf.LayersModel, className: string): number {
  return model.layers.filter((layer) => layer.getClassName() === className).length;
}

describe('ResidualEncoderUNet', () => {
  it("a small 2D network (3 stages, blocks 1,3,4) has the hand count, which is v2's less its conv biases and unused head", () => {
    const topology = smallResEnc([16, 16], [1, 1], [4, 8, 16]);
    expect(topology.strides).toEqual([
      [1, 1],
      [2, 2],
      [2, 2],
    ]);
    expect(topology.nBlocksPerStage).toEqual([1, 3, 4]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, seed: 1 });
    // by hand, 3×3 convs: stem 9·1·4 + 8 = 44; stage 0, one block 4→4: 2·(144 + 8) = 304;
    // stage 1: 4→8 (304 + 592 + 1×1 skip 48) + two 8→8 blocks (2·1184) = 3312;
    // stage 2: 8→16 (1184 + 2336 + 160) + three 16→16 blocks (3·4672) = 17696;
    // decoder: up 16→8 (2·2·16·8 + 8 = 520) + conv 16→8 (1168); up 8→4 (132) + conv 8→4 (296); head 10
    expect(model.countParams()).toBe(44 + 304 + 3312 + 17696 + 520 + 1168 + 132 + 296 + 10);
    expect(model.countParams()).toBe(resEncParams(topology, 1, 2, false));
    // dynamic_network_architectures' ResidualEncoderUNet with conv_bias=True (as v2's plans) counts 23,700
    // (PyTorch): the same weights plus 200 conv biases (redundant before a norm) and the 18 of the head of
    // decoder stage 1, which v2 always builds; the skip's 1×1 convs have no bias there either
    expect(23_700 - 200 - 18).toBe(model.countParams());
    model.dispose();
  });

  it('is a stem then residual blocks: identity skips inside a stage, pooled and projected ones where the stride or channels change', () => {
    const topology = smallResEnc([16, 16], [1, 1], [4, 8, 8]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, seed: 2 });
    // a sum per block
    expect(layerCount(model, 'Add')).toBe(1 + 3 + 4);
    // the first blocks of stages 1 and 2 are strided: their skips are pooled by the stride
    const pools = model.layers.filter((layer) => layer.getClassName() === 'AveragePooling2D');
    expect(pools.map((p) => p.getConfig().poolSize)).toEqual([
      [2, 2],
      [2, 2],
    ]);
    // one 1×1 projection, where 4 channels become 8 (8 → 8 in stage 2 needs none)
    const convs = model.layers.filter((layer) => layer.getClassName() === 'Conv2D');
    const projections = convs.filter(
      (c) => String(c.getConfig().kernelSize) === '1,1' && c.getConfig().filters !== 2,
    );
    expect(projections).toHaveLength(1);
    // every block's second norm starts at scale and offset 0 (v2's init_last_bn_before_add_to_0)
    const zeroNorms = model.layers.filter(
      (layer) =>
        layer.getClassName() === 'InstanceNormalization' &&
        layer.getWeights().every((w) => w.abs().max().dataSync()[0] === 0),
    );
    expect(zeroNorms).toHaveLength(8);
    model.dispose();
  });

  it('maps anisotropic 3D inputs to logits with two deep-supervision heads at full resolution', () => {
    const topology = smallResEnc([4, 32, 32], [4, 1, 1], [4, 8, 8, 8]);
    expect(topology.strides).toEqual([
      [1, 1, 1],
      [1, 2, 2],
      [1, 2, 2],
      [1, 2, 2],
    ]);
    expect(topology.kernels.map((k) => k.join(''))).toEqual(['133', '333', '333', '333']);
    const model = buildUNet({ topology, inChannels: 2, classes: 3, deepSupervision: true, seed: 3 });
    expect(model.countParams()).toBe(resEncParams(topology, 2, 3, true));
    // v2's ResidualEncoderUNet of this topology with conv_bias=False counts 52,861 (PyTorch); here the
    // three transposed convs have biases (8 + 8 + 4)
    expect(model.countParams()).toBe(52_861 + 20);
    const outputs = model.predict(tf.randomNormal([2, 4, 32, 32, 2], 0, 1, 'float32', 4)) as tf.Tensor[];
    expect(outputs.map((o) => o.shape)).toEqual([
      [2, 4, 32, 32, 3],
      [2, 4, 32, 32, 3],
      [2, 4, 32, 32, 3],
    ]);
    // the lowest head is upsampled ×4 in-plane: every 4×4 in-plane block holds one value
    const low = outputs[2]!.arraySync() as number[][][][][];
    expect(low[0]![1]![4]![4]).toEqual(low[0]![1]![7]![7]);
    expect(low[0]![1]![4]![4]).not.toEqual(low[0]![1]![8]![8]);
    tf.dispose(outputs);
    model.dispose();
  });

  it('trains: Adam steps through the residual sums and average pooling lower the loss, without leaking tensors', () => {
    const topology = smallResEnc([8, 8, 8], [1, 1, 1], [4, 8]);
    const model = buildUNet({ topology, inChannels: 1, classes: 2, seed: 11 });
    const x = tf.randomNormal([2, 8, 8, 8, 1], 0, 1, 'float32', 12);
    const y = tf.tidy(() => tf.oneHot(tf.greater(x, 0).toInt().flatten(), 2).reshape([2, 8, 8, 8, 2]));
    const optimizer = tf.train.adam(1e-2);
    const lossOf = () =>
      tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const { grads, value } = tf.variableGrads(lossOf);
    // the zero-initialised norms get a gradient, so the residual branches start to learn
    const zeroGammas = model.layers
      .filter((layer) => layer.getClassName() === 'InstanceNormalization')
      // a LayerVariable reads as the tf.Variable behind it
      .map((layer) => layer.trainableWeights[0]!.read() as tf.Variable)
      .filter((gamma) => gamma.abs().max().dataSync()[0] === 0);
    expect(zeroGammas).toHaveLength(1 + 3);
    expect(zeroGammas.every((gamma) => grads[gamma.name]!.abs().max().dataSync()[0]! > 0)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
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

  it('round-trips a model folder bit for bit, and a rebuild from the plan takes its weights in the same order', async () => {
    const topology = smallResEnc([16, 32], [1, 1], [4, 8, 8, 8]);
    const model = buildUNet({ topology, inChannels: 2, classes: 3, deepSupervision: true, seed: 6 });
    // train a step so that no weight is at its initial value (the zeroed norms included)
    const optimizer = tf.train.adam(1e-2);
    const x = tf.randomNormal([1, 16, 32, 2], 0, 1, 'float32', 9);
    optimizer.minimize(
      () => tf.mean(tf.square((model.apply(x, { training: true }) as tf.Tensor[])[0]!)) as tf.Scalar,
    );
    const plan = { patchSize: [16, 32], topology };
    const folder = join(workDir, 'resenc');
    await saveUNet(folder, model, plan);
    const loaded = await loadUNet<typeof plan>(folder);
    expect(loaded.plan).toEqual(plan);
    const predict = (m: tf.LayersModel) => (m.predict(x) as tf.Tensor[]).map((o) => Array.from(o.dataSync()));
    const before = predict(model);
    expect(predict(loaded.model)).toEqual(before);
    const rebuilt = buildUNet({
      topology: loaded.plan.topology,
      inChannels: 2,
      classes: 3,
      deepSupervision: true,
      seed: 99,
    });
    expect(predict(rebuilt)).not.toEqual(before);
    rebuilt.setWeights(loaded.model.getWeights());
    expect(predict(rebuilt)).toEqual(before);
    expect(readFileSync(join(folder, 'model.json'), 'utf8')).toContain('"class_name":"Add"');
    tf.dispose(x);
    optimizer.dispose();
    [model, loaded.model, rebuilt].forEach((m) => m.dispose());
  });

  it('refuses block counts that do not fit the stages', () => {
    const topology = smallResEnc([8, 8], [1, 1], [2, 4]);
    expect(() =>
      buildUNet({ topology: { ...topology, nBlocksPerStage: [1] }, inChannels: 1, classes: 2 }),
    ).toThrow(
      'a ResidualEncoderUNet of 2 stages needs 2 nBlocksPerStage and 1 nConvPerStageDecoder, got 1 and 1',
    );
    expect(() =>
      buildUNet({ topology: { ...topology, nConvPerStageDecoder: [] }, inChannels: 1, classes: 2 }),
    ).toThrow(/got 2 and 0$/);
  });
});

describe('a ResEnc L/XL-sized network (6 stages 3D, filters 32..320, blocks 1,3,4,6,6,6), built, not trained', () => {
  it("the example of v2's unet.py (32 channels in, 2 classes), with deep supervision: the formula, and v2's count less its conv biases and unused heads", () => {
    const topology = residualEncoderTopology({
      kernels: Array.from({ length: 6 }, () => [3, 3, 3]),
      strides: [[1, 1, 1], ...Array.from({ length: 5 }, () => [2, 2, 2])],
      filters: [32, 64, 128, 256, 320, 320],
    });
    expect(topology.nBlocksPerStage).toEqual([1, 3, 4, 6, 6, 6]);
    expect(topology.nConvPerStageDecoder).toEqual([1, 1, 1, 1, 1]);
    const model = buildUNet({ topology, inChannels: 32, classes: 2, deepSupervision: true, seed: 1 });
    expect(model.outputs).toHaveLength(3);
    expect(model.countParams()).toBe(resEncParams(topology, 32, 2, true));
    // dynamic_network_architectures' example (conv_bias=True) counts 102,376,554 in PyTorch, of which
    // 13,056 are conv biases and 642 + 514 the heads of decoder stages 4 and 3, not built here
    expect(model.countParams()).toBe(102_376_554 - 13_056 - 642 - 514);
    model.dispose();
  });
});
