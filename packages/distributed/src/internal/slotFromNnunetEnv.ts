import { NNUNET_ENV } from './nnunetEnvNames';
import { requireEnvInt } from './readEnvInt';
import type { WorkerSlot } from './WorkerSlot';

/** The slot `nnunet-run` gave this worker, or null when `NNUNET_RANK` is unset. */
export function slotFromNnunetEnv(env: NodeJS.ProcessEnv): WorkerSlot | null {
  if (!env[NNUNET_ENV.rank]) return null;
  const context = `${NNUNET_ENV.rank} is set, so nnunet-run must have set all NNUNET_* slot variables`;
  const int = (name: string, min: number) => requireEnvInt(env, name, min, context);
  return {
    rank: int(NNUNET_ENV.rank, 0),
    size: int(NNUNET_ENV.size, 1),
    localRank: int(NNUNET_ENV.localRank, 0),
    localSize: int(NNUNET_ENV.localSize, 1),
    crossRank: int(NNUNET_ENV.crossRank, 0),
    crossSize: int(NNUNET_ENV.crossSize, 1),
  };
}
