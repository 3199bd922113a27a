import { parseHostPort, type HostPort } from './HostPort';
import { NNUNET_ENV } from './nnunetEnvNames';
import { requireEnvInt } from './readEnvInt';
import { slotFromNnunetEnv } from './slotFromNnunetEnv';
import { slotFromOpenMpiEnv } from './slotFromOpenMpiEnv';
import { slotFromSlurmEnv } from './slotFromSlurmEnv';
import { slotFromTorchrunEnv } from './slotFromTorchrunEnv';
import { checkWorkerSlot, type WorkerSlot } from './WorkerSlot';

/** Where a slot came from; `mpi` is MPI itself under a launcher whose variables nnunet-ts does not read (MPICH). */
export type SlotSource = 'nnunet-run' | 'torchrun' | 'open-mpi' | 'slurm' | 'mpi' | 'single-process';

export interface DetectedSlot extends WorkerSlot {
  source: SlotSource;
  /** where the rendezvous service listens; null when the environment names none */
  rendezvous: HostPort | null;
  /** who runs the rendezvous: the nnunet-run launcher, or rank 0 itself under a scheduler */
  rendezvousHost: 'launcher' | 'rank0';
  jobToken: string;
}

/** First match wins; see `detectSlot`. */
const SOURCES: readonly [SlotSource, (env: NodeJS.ProcessEnv) => WorkerSlot | null][] = [
  ['nnunet-run', slotFromNnunetEnv],
  ['torchrun', slotFromTorchrunEnv],
  ['open-mpi', slotFromOpenMpiEnv],
  ['slurm', slotFromSlurmEnv],
];

/**
 * This process's slot from its environment. Precedence, most specific first:
 * 1. `nnunet-run` (`NNUNET_RANK`, ...);
 * 2. torchrun (`RANK`, `WORLD_SIZE`, ...): it may run inside a SLURM allocation;
 * 3. Open MPI (`OMPI_COMM_WORLD_*`): mpirun inside a SLURM job leaves the job's `SLURM_PROCID` in every rank;
 * 4. SLURM job steps (`SLURM_PROCID`, `SLURM_STEP_NUM_TASKS`, ...);
 * 5. otherwise a single process (rank 0 of 1).
 * The rendezvous address is `NNUNET_RENDEZVOUS`, else `MASTER_ADDR:MASTER_PORT`; under torchrun's
 * agent store (`TORCHELASTIC_USE_AGENT_STORE=True`) MASTER_PORT is taken by torch's own store, so the
 * rendezvous uses the next port.
 */
export function detectSlot(env: NodeJS.ProcessEnv = process.env): DetectedSlot {
  let found: [SlotSource, WorkerSlot] = [
    'single-process',
    { rank: 0, size: 1, localRank: 0, localSize: 1, crossRank: 0, crossSize: 1 },
  ];
  for (const [source, read] of SOURCES) {
    const slot = read(env);
    if (slot) {
      found = [source, checkWorkerSlot(slot, source)];
      break;
    }
  }
  const [source, slot] = found;
  if (source === 'nnunet-run' && !env[NNUNET_ENV.rendezvous]) {
    throw new Error(
      `${NNUNET_ENV.rendezvous} is not set (${NNUNET_ENV.rank} is set, so nnunet-run must have set it)`,
    );
  }
  return {
    ...slot,
    source,
    rendezvous: rendezvousFromEnv(env),
    rendezvousHost: source === 'nnunet-run' ? 'launcher' : 'rank0',
    jobToken: env[NNUNET_ENV.jobToken] ?? '',
  };
}

function rendezvousFromEnv(env: NodeJS.ProcessEnv): HostPort | null {
  const explicit = env[NNUNET_ENV.rendezvous];
  if (explicit) return parseHostPort(explicit, NNUNET_ENV.rendezvous);
  if (!env.MASTER_ADDR) return null;
  const port = requireEnvInt(env, 'MASTER_PORT', 1, 'MASTER_ADDR is set');
  const shift = env.TORCHELASTIC_USE_AGENT_STORE === 'True' ? 1 : 0;
  if (port + shift > 65535) throw new Error(`MASTER_PORT must be at most ${65535 - shift}, got ${port}`);
  return { host: env.MASTER_ADDR, port: port + shift };
}
