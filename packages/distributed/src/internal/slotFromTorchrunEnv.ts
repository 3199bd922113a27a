import { readEnvInt, requireEnvInt } from './readEnvInt';
import type { WorkerSlot } from './WorkerSlot';

/**
 * The slot of a torchrun worker (`RANK`, `WORLD_SIZE`, `LOCAL_RANK`, `LOCAL_WORLD_SIZE`,
 * `GROUP_RANK`, `GROUP_WORLD_SIZE`), or null when `RANK` is unset. Setups that only give
 * `RANK`/`WORLD_SIZE` (one process per host, e.g. Kubeflow's PyTorchJob) get local rank 0 of 1.
 * torchrun starts the same number of workers on every node, so the node index is the cross rank.
 */
export function slotFromTorchrunEnv(env: NodeJS.ProcessEnv): WorkerSlot | null {
  if (!env.RANK) return null;
  const rank = requireEnvInt(env, 'RANK', 0);
  const size = requireEnvInt(env, 'WORLD_SIZE', 1, 'RANK is set, so WORLD_SIZE must be too');
  const localRank = readEnvInt(env, 'LOCAL_RANK', 0) ?? 0;
  const localSize = readEnvInt(env, 'LOCAL_WORLD_SIZE', 1) ?? 1;
  return {
    rank,
    size,
    localRank,
    localSize,
    crossRank: readEnvInt(env, 'GROUP_RANK', 0) ?? Math.floor(rank / localSize),
    crossSize: readEnvInt(env, 'GROUP_WORLD_SIZE', 1) ?? Math.ceil(size / localSize),
  };
}
