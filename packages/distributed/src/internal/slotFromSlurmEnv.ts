import { crossRank } from './crossRank';
import { parseSlurmTasksPerNode } from './parseSlurmTasksPerNode';
import { requireEnvInt } from './readEnvInt';
import type { WorkerSlot } from './WorkerSlot';

/**
 * The slot of a task started by `srun` (`SLURM_PROCID`, `SLURM_STEP_NUM_TASKS`, `SLURM_LOCALID`,
 * `SLURM_NODEID`, `SLURM_STEP_TASKS_PER_NODE`), or null outside a job step. A batch script itself
 * also has `SLURM_PROCID=0` and `SLURM_NTASKS`, but it is one process: only srun sets the `SLURM_STEP_*`
 * variables, so without them the process is not a rank (it would wait forever for the others).
 */
export function slotFromSlurmEnv(env: NodeJS.ProcessEnv): WorkerSlot | null {
  if (!env.SLURM_PROCID || !env.SLURM_STEP_NUM_TASKS) return null;
  const context = 'inside an srun step';
  const nodeId = requireEnvInt(env, 'SLURM_NODEID', 0, context);
  const localRank = requireEnvInt(env, 'SLURM_LOCALID', 0, context);
  const perNodeName = env.SLURM_STEP_TASKS_PER_NODE ? 'SLURM_STEP_TASKS_PER_NODE' : 'SLURM_TASKS_PER_NODE';
  const perNodeText = env[perNodeName];
  if (!perNodeText) throw new Error(`SLURM_STEP_TASKS_PER_NODE is not set (${context})`);
  const localSizes = parseSlurmTasksPerNode(perNodeText, perNodeName);
  if (nodeId >= localSizes.length) {
    throw new Error(
      `SLURM_NODEID ${nodeId} is beyond the ${localSizes.length} nodes of ${perNodeName}=${perNodeText}`,
    );
  }
  return {
    rank: requireEnvInt(env, 'SLURM_PROCID', 0),
    size: requireEnvInt(env, 'SLURM_STEP_NUM_TASKS', 1),
    localRank,
    localSize: localSizes[nodeId]!,
    ...crossRank(localSizes, nodeId, localRank),
  };
}
