import { requireEnvInt } from './readEnvInt';
import type { WorkerSlot } from './WorkerSlot';

/**
 * The slot of a process started by Open MPI's `mpirun` (`OMPI_COMM_WORLD_RANK`, `_SIZE`,
 * `_LOCAL_RANK`, `_LOCAL_SIZE`), or null when not under mpirun. Open MPI exposes no host index:
 * the cross rank is `⌊rank / localSize⌋` of `⌈size / localSize⌉`, exact for mpirun's default
 * by-slot mapping with the same number of ranks on every host.
 */
export function slotFromOpenMpiEnv(env: NodeJS.ProcessEnv): WorkerSlot | null {
  if (!env.OMPI_COMM_WORLD_RANK) return null;
  const context =
    'OMPI_COMM_WORLD_RANK is set, so mpirun must have set the other OMPI_COMM_WORLD_* variables';
  const rank = requireEnvInt(env, 'OMPI_COMM_WORLD_RANK', 0);
  const size = requireEnvInt(env, 'OMPI_COMM_WORLD_SIZE', 1, context);
  const localSize = requireEnvInt(env, 'OMPI_COMM_WORLD_LOCAL_SIZE', 1, context);
  return {
    rank,
    size,
    localRank: requireEnvInt(env, 'OMPI_COMM_WORLD_LOCAL_RANK', 0, context),
    localSize,
    crossRank: Math.floor(rank / localSize),
    crossSize: Math.ceil(size / localSize),
  };
}
