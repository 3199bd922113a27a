import { tf } from '@nnunet-ts/tf-backend';
import {
  DEFAULT_FUSION_THRESHOLD_BYTES,
  GradientFusion,
  rootFirst,
  type DistributedContext,
} from '@nnunet-ts/distributed';
import type { GradientReducer } from './trainStep';

export interface DataParallelOptions {
  /** largest fused gradient buffer in bytes (Horovod's HOROVOD_FUSION_THRESHOLD); default 64 MiB */
  fusionThresholdBytes?: number;
}

/**
 * What the trainer does with the job's ranks (Horovod's recipe, over `@nnunet-ts/distributed`): rank 0's
 * weights to every rank, gradients and loss averaged in one fused allreduce per step, validation
 * sums added up, rank 0 first for work on shared files. Every rank must make the same calls in the
 * same order.
 */
export class DataParallel {
  readonly rank: number;
  readonly size: number;
  private readonly fusion: GradientFusion;

  constructor(
    readonly context: DistributedContext,
    options: DataParallelOptions = {},
  ) {
    this.rank = context.rank;
    this.size = context.size;
    this.fusion = new GradientFusion(context, {
      thresholdBytes: options.fusionThresholdBytes ?? DEFAULT_FUSION_THRESHOLD_BYTES,
    });
  }

  /** What the rank is doing (`epoch 3 step 120`): a collective that fails says so. */
  setActivity(activity: string): void {
    this.context.activity = activity;
  }

  /** Rank 0 writes checkpoints, logs and models. */
  get isRoot(): boolean {
    return this.rank === 0;
  }

  /** Rank 0's weights into every rank's model: all of them, normalisation statistics included. */
  async broadcastWeights(model: tf.LayersModel): Promise<void> {
    const weights = model.weights.map((weight) => {
      const tensor = weight.read();
      if (tensor.dtype !== 'float32') {
        throw new Error(
          `weight ${weight.originalName} is ${tensor.dtype}; only float32 weights can be broadcast`,
        );
      }
      return { shape: tensor.shape, values: tensor.dataSync() as Float32Array };
    });
    const flat = new Float32Array(weights.reduce((n, w) => n + w.values.length, 0));
    let offset = 0;
    for (const { values } of weights) {
      flat.set(values, offset);
      offset += values.length;
    }
    await this.context.broadcast(flat, 0);
    offset = 0;
    const tensors = weights.map(({ shape, values }) => {
      const tensor = tf.tensor(flat.subarray(offset, offset + values.length), shape, 'float32');
      offset += values.length;
      return tensor;
    });
    model.setWeights(tensors);
    tf.dispose(tensors);
  }

  /**
   * The step's gradients and its loss, averaged over the ranks. The loss rides in the same fused
   * buffer as the gradients, so a step costs one allreduce while the model fits the threshold.
   */
  readonly reduceGradients: GradientReducer = async (gradients, loss) => {
    // copies: a backend may share a gradient's buffer with other tensors
    const arrays = gradients.map((g) => (g.dataSync() as Float32Array).slice());
    arrays.push(Float32Array.of(loss));
    await this.fusion.allreduce(arrays, 'mean');
    return {
      gradients: gradients.map((g, i) => tf.tensor(arrays[i]!, g.shape as number[], 'float32')),
      loss: arrays[arrays.length - 1]![0]!,
    };
  };

  /** Element-wise sum over the ranks, in place. */
  allreduceSum(values: Float32Array): Promise<Float32Array> {
    return this.context.allreduce(values, 'sum');
  }

  /** Rank 0's value of an integer below 2^32 (float32 holds 24 bits, so it travels in two halves). */
  async broadcastUint32(value: number): Promise<number> {
    const halves = Float32Array.of(Math.floor(value / 65536), value % 65536);
    await this.context.broadcast(halves, 0);
    return halves[0]! * 65536 + halves[1]!;
  }

  /**
   * Throws on every rank, naming the first rank that differs, unless all ranks hold the same
   * `values` (integers below 2^24).
   */
  async checkAgreement(what: string, values: readonly number[], describe: (v: number[]) => string) {
    const all = await this.context.allgather(Float32Array.from(values));
    const root = Array.from(all[0]!);
    const other = all.findIndex((v) => v.length !== root.length || v.some((x, i) => x !== root[i]));
    if (other >= 0) {
      throw new Error(
        `${what}: rank ${other} has ${describe(Array.from(all[other]!))} but rank 0 has ${describe(root)}`,
      );
    }
  }

  /**
   * Runs `work` on rank 0, then on the other ranks once rank 0 is done: for work on shared files
   * (dataset synthesis, preprocessing, the fold split) that the other ranks then find finished.
   */
  rootFirst<T>(work: () => Promise<T>): Promise<T> {
    return rootFirst(this.context, work);
  }
}
