import type { tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import type { TrainingData } from '../runTraining';
import type { TensorBatchSource } from '../trainStep';

/** Edge of the cubic patches of the data-parallel tests. */
export const TINY_EDGE = 8;

/** A two-stage 3D U-Net on 8³ patches, one channel, two classes, instance norm (per sample). */
export function tinyUNet(seed: number) {
  const topology = { ...nvidiaTopology([TINY_EDGE, TINY_EDGE, TINY_EDGE], [1, 1, 1]), filters: [4, 8] };
  return buildUNet({ topology, inChannels: 1, classes: 2, deepSupervision: false, seed });
}

/** `count` samples drawn from an LCG seeded with `seed`, as one batch `[count, 8, 8, 8]`. */
export function tinyBatch(seed: number, count: number): TensorBatchSource {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const image = Float32Array.from({ length: count * TINY_EDGE ** 3 }, () => next() * 2 - 1);
  const label = Uint8Array.from(image, (v) => (v > 0.2 ? 1 : 0));
  return { image, label, shape: [count, TINY_EDGE, TINY_EDGE, TINY_EDGE], channels: 1 };
}

/** Samples `from..from+count-1` of a batch: what one rank's shard of it is. */
export function batchSlice(batch: TensorBatchSource, from: number, count: number): TensorBatchSource {
  const voxels = TINY_EDGE ** 3;
  return {
    image: batch.image.slice(from * voxels, (from + count) * voxels),
    label: batch.label.slice(from * voxels, (from + count) * voxels),
    shape: [count, ...batch.shape.slice(1)],
    channels: batch.channels,
  };
}

/**
 * Rank `rank` of `size`'s shard of a synthetic stream: batches fixed by (epoch, step, rank), as
 * the data-loader's are by (seed, epoch, rank, index), of `batch` samples; validation cases dealt
 * out round-robin.
 */
export function tinyShardedData(rank: number, size: number, validationCases = 3, batch = 1): TrainingData {
  return {
    async *epoch(epoch) {
      for (let step = 0; ; step++) yield tinyBatch(1 + 1000 * epoch + 10 * step + rank, batch);
    },
    async *validation() {
      for (let i = rank; i < validationCases; i += size) {
        const { image, label } = tinyBatch(900 + i, 1);
        yield { id: `case${i}`, image, label, shape: [TINY_EDGE, TINY_EDGE, TINY_EDGE], channels: 1 };
      }
    },
  };
}

/** Every weight's values, in the model's order. */
export const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
