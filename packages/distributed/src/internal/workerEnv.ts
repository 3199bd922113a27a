import { formatHostPort, type HostPort } from './HostPort';
import { NNUNET_ENV } from './nnunetEnvNames';
import type { Slot } from './planSlots';

export interface WorkerEnvOptions {
  rendezvous: HostPort;
  jobToken: string;
  timeoutMs?: number;
  startTimeoutMs?: number;
  /** set `CUDA_VISIBLE_DEVICES` to the local rank: one GPU per process on GPU hosts */
  bindGpus?: boolean;
}

/** The variables `nnunet-run` adds to a worker's environment for its slot. */
export function workerEnv(slot: Slot, options: WorkerEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    [NNUNET_ENV.rank]: String(slot.rank),
    [NNUNET_ENV.size]: String(slot.size),
    [NNUNET_ENV.localRank]: String(slot.localRank),
    [NNUNET_ENV.localSize]: String(slot.localSize),
    [NNUNET_ENV.crossRank]: String(slot.crossRank),
    [NNUNET_ENV.crossSize]: String(slot.crossSize),
    [NNUNET_ENV.hostname]: slot.hostname,
    [NNUNET_ENV.rendezvous]: formatHostPort(options.rendezvous),
    [NNUNET_ENV.jobToken]: options.jobToken,
  };
  if (options.timeoutMs !== undefined) env[NNUNET_ENV.timeoutMs] = String(options.timeoutMs);
  if (options.startTimeoutMs !== undefined) env[NNUNET_ENV.startTimeoutMs] = String(options.startTimeoutMs);
  if (options.bindGpus) env.CUDA_VISIBLE_DEVICES = String(slot.localRank);
  return env;
}
