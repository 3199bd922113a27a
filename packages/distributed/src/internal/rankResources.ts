import { availableParallelism, cpus } from 'node:os';

export interface RankResourcesInput {
  env: Readonly<Record<string, string | undefined>>;
  localRank: number;
  /** ranks on this host */
  localSize: number;
  /** cores this process may run on (default: its CPU affinity) */
  cores?: number;
  /** cores of the host (default: all of them) */
  hostCores?: number;
}

/**
 * What one of `localSize` ranks on a host should use, as the environment variables to set before
 * the tfjs backend starts (an absent key: leave the variable as it is).
 * - GPU: one per rank, as the seed pins `gpus[hvd.local_rank()]`. Unset `CUDA_VISIBLE_DEVICES`
 *   becomes the local rank; a list of at least `localSize` devices (a scheduler that shows every task
 *   all of the host's GPUs) becomes its `localRank`-th entry; one device (nnunet-run --bind-gpus,
 *   srun --gpus-per-task) or too few to share out stay.
 * - CPU: the native kernels' threads (`NNUNET_NUM_THREADS`, unless set): the host's cores divided
 *   among its ranks, or all of this process's cores when a scheduler already confined it to fewer
 *   than the host has (its share).
 */
export function rankResources(input: RankResourcesInput): {
  CUDA_VISIBLE_DEVICES?: string;
  NNUNET_NUM_THREADS?: string;
} {
  const { env, localRank, localSize, cores = availableParallelism(), hostCores = cpus().length } = input;
  const result: { CUDA_VISIBLE_DEVICES?: string; NNUNET_NUM_THREADS?: string } = {};
  const visible = env.CUDA_VISIBLE_DEVICES;
  if (visible === undefined) {
    result.CUDA_VISIBLE_DEVICES = String(localRank);
  } else {
    const devices = visible
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '');
    if (devices.length > 1 && devices.length >= localSize) result.CUDA_VISIBLE_DEVICES = devices[localRank]!;
  }
  if (!env.NNUNET_NUM_THREADS) {
    const share = cores < hostCores ? cores : Math.floor(cores / localSize);
    result.NNUNET_NUM_THREADS = String(Math.max(1, share));
  }
  return result;
}
