import type { DistBackend } from './CollectiveEngine';
import { mpiAddonStatus, type MpiAddon } from './mpiAddon';
import { NNUNET_ENV } from './nnunetEnvNames';

/** `--dist-backend` / `NNUNET_DIST_BACKEND`. */
export type DistBackendChoice = 'auto' | 'mpi' | 'tcp';
export const DIST_BACKEND_CHOICES: readonly DistBackendChoice[] = ['auto', 'mpi', 'tcp'];

export interface BackendSelection {
  backend: Exclude<DistBackend, 'none'>;
  /** why, in words (`nnunet info` prints it) */
  reason: string;
  addon?: MpiAddon;
}

/** The MPI launcher that started this process, from the variables it sets, or null. */
export function mpiLauncherOf(env: NodeJS.ProcessEnv): string | null {
  if (env.OMPI_COMM_WORLD_SIZE) return `mpirun (OMPI_COMM_WORLD_SIZE=${env.OMPI_COMM_WORLD_SIZE})`;
  if (env.PMIX_RANK !== undefined)
    return `a PMIx launcher such as srun --mpi=pmix (PMIX_RANK=${env.PMIX_RANK})`;
  if (env.PMI_SIZE) return `a PMI launcher such as MPICH's mpiexec (PMI_SIZE=${env.PMI_SIZE})`;
  return null;
}

/**
 * The engine of the collectives: `auto` takes MPI when an MPI launcher started the process and the
 * addon loads, else the TCP ring (nnunet-run's workers always run the ring: nnunet-run hosts it).
 * `mpi` insists, with an error saying what is missing; `tcp` always takes the ring.
 */
export function selectBackend(choice: string | undefined, env: NodeJS.ProcessEnv): BackendSelection {
  const wanted = (choice ?? env[NNUNET_ENV.distBackend] ?? 'auto') as DistBackendChoice;
  if (!DIST_BACKEND_CHOICES.includes(wanted)) {
    throw new Error(
      `${choice !== undefined ? '--dist-backend' : NNUNET_ENV.distBackend} must be one of ${DIST_BACKEND_CHOICES.join(', ')}, got '${wanted}'`,
    );
  }
  const launcher = mpiLauncherOf(env);
  const underNnunetRun = env[NNUNET_ENV.rank] !== undefined;
  if (wanted === 'tcp') return { backend: 'tcp', reason: 'the TCP ring, as asked (tcp)' };
  const { addon, reason } = mpiAddonStatus();
  if (wanted === 'mpi') {
    if (underNnunetRun) {
      throw new Error(
        `dist backend mpi: this process was started by nnunet-run, which runs the TCP ring; launch with mpirun or srun`,
      );
    }
    if (!addon) throw new Error(`dist backend mpi: the MPI addon is unavailable: ${reason}`);
    return { backend: 'mpi', reason: `MPI, as asked (mpi): ${reason}`, addon };
  }
  if (underNnunetRun) return { backend: 'tcp', reason: 'the TCP ring: started by nnunet-run' };
  if (!launcher) return { backend: 'tcp', reason: 'the TCP ring: not started by mpirun or srun' };
  if (!addon)
    return {
      backend: 'tcp',
      reason: `the TCP ring: started by ${launcher}, but the MPI addon is unavailable: ${reason}`,
    };
  return { backend: 'mpi', reason: `MPI: started by ${launcher}; ${reason}`, addon };
}
