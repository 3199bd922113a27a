import type { ReduceOp } from './ringAllreduce';

/** What fusion needs of a context (a `DistributedContext` fits). */
export interface Allreducer {
  allreduce(buffer: Float32Array, op?: ReduceOp): Promise<Float32Array>;
}

export interface GradientFusionOptions {
  /** largest fused buffer in bytes (Horovod's HOROVOD_FUSION_THRESHOLD); 0 turns fusion off. Default 64 MiB. */
  thresholdBytes?: number;
}

export const DEFAULT_FUSION_THRESHOLD_BYTES = 64 * 1024 * 1024;

/**
 * Allreduces many small arrays (a model's gradients) in few large messages, as Horovod's tensor
 * fusion does: consecutive arrays are packed into one buffer of at most `thresholdBytes`,
 * allreduced once, and unpacked. An array alone in its group (or above the threshold) is
 * allreduced in place without a copy. Every rank must pass arrays of the same lengths in the same
 * order, so that all ranks form the same groups.
 */
export class GradientFusion {
  readonly thresholdBytes: number;
  private buffer = new Float32Array(0);

  constructor(
    private readonly context: Allreducer,
    options: GradientFusionOptions = {},
  ) {
    this.thresholdBytes = options.thresholdBytes ?? DEFAULT_FUSION_THRESHOLD_BYTES;
    if (!Number.isInteger(this.thresholdBytes) || this.thresholdBytes < 0) {
      throw new RangeError(
        `GradientFusion: thresholdBytes must be an integer ≥ 0, got ${options.thresholdBytes}`,
      );
    }
  }

  /** The groups (indices into `lengths`, in order) that `allreduce` sends as one message each. */
  plan(lengths: readonly number[]): number[][] {
    const groups: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    lengths.forEach((length, index) => {
      const size = length * 4;
      if (current.length > 0 && bytes + size > this.thresholdBytes) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(index);
      bytes += size;
    });
    if (current.length > 0) groups.push(current);
    return groups;
  }

  /** Sum or mean of each array over all ranks, in place. */
  async allreduce(arrays: readonly Float32Array[], op: ReduceOp = 'mean'): Promise<void> {
    for (const group of this.plan(arrays.map((a) => a.length))) {
      if (group.length === 1) {
        await this.context.allreduce(arrays[group[0]!]!, op);
        continue;
      }
      const total = group.reduce((sum, i) => sum + arrays[i]!.length, 0);
      if (this.buffer.length < total) this.buffer = new Float32Array(total);
      const fused = this.buffer.subarray(0, total);
      let offset = 0;
      for (const i of group) {
        fused.set(arrays[i]!, offset);
        offset += arrays[i]!.length;
      }
      await this.context.allreduce(fused, op);
      offset = 0;
      for (const i of group) {
        arrays[i]!.set(fused.subarray(offset, offset + arrays[i]!.length));
        offset += arrays[i]!.length;
      }
    }
  }
}
