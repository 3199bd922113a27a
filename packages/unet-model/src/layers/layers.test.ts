import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { HeNormal } from './HeNormal';
import { InstanceNormalization } from './InstanceNormalization';
import { GroupNormalization } from './GroupNormalization';
import { NearestUpsampling } from './NearestUpsampling';

await initBackend({ backend: 'cpu' });

describe('InstanceNormalization', () => {
  it('normalises each sample and channel over the spatial axes (ε 1e-5), then scales and shifts', () => {
    const x = tf.randomNormal([2, 3, 4, 5, 3], 5, 3, 'float32', 1);
    const layer = new InstanceNormalization();
    const y = layer.apply(x) as tf.Tensor;
    const xs = x.arraySync() as number[][][][][];
    const ys = y.arraySync() as number[][][][][];
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 3; c++) {
        const values = xs[n]!.flat(2).map((v) => v[c]!);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
        const got = ys[n]!.flat(2).map((v) => v[c]!);
        got.forEach((g, i) => expect(g).toBeCloseTo((values[i]! - mean) / Math.sqrt(variance + 1e-5), 4));
      }
    }
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[3], [3]]);
    tf.dispose([x, y]);
  });
});

describe('GroupNormalization', () => {
  it('shares statistics within a group of channels', () => {
    const x = tf.tensor4d([1, 3, 10, 30, 5, 7, 50, 70], [1, 2, 1, 4]);
    const y = new GroupNormalization({ groups: 2 }).apply(x) as tf.Tensor;
    const groupA = [1, 3, 5, 7];
    const mean = 4;
    const std = Math.sqrt(groupA.reduce((a, b) => a + (b - mean) ** 2, 0) / 4 + 1e-5);
    const values = y.dataSync();
    expect(values[0]).toBeCloseTo((1 - mean) / std, 5);
    expect(values[5]).toBeCloseTo((7 - mean) / std, 5);
    expect(() => new GroupNormalization({ groups: 3 }).apply(x)).toThrow(
      /4 channels cannot be split into 3 groups/,
    );
    tf.dispose([x, y]);
  });
});

describe('NearestUpsampling', () => {
  it('repeats every voxel by the factor of its axis', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = new NearestUpsampling({ factors: [2, 1] }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 4, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    tf.dispose([x, y]);
  });
});

describe('HeNormal', () => {
  it('draws an untruncated normal with variance 2 / ((1 + a²) fan_in)', () => {
    const shape = [3, 3, 3, 16, 64];
    const w = new HeNormal({ negativeSlope: 0.01, seed: 3 }).apply(shape);
    const values = Array.from(w.dataSync());
    const std = Math.sqrt(2 / (1.0001 * 27 * 16));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.01 * std * 10);
    expect(sd / std).toBeGreaterThan(0.98);
    expect(sd / std).toBeLessThan(1.02);
    // a truncated normal would have nothing beyond 2σ; an untruncated one has about 4.6%
    const beyond = values.filter((v) => Math.abs(v) > 2 * std).length / values.length;
    expect(beyond).toBeGreaterThan(0.035);
    w.dispose();
  });
});
