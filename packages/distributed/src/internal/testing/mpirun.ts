import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mpiAddonStatus } from '../mpiAddon';

/** Why the MPI tests cannot run here, or null when mpirun and the addon are both present. */
export function mpiUnavailable(): string | null {
  if (spawnSync('mpirun', ['--version'], { stdio: 'ignore' }).error) {
    return 'mpirun not found (apt-get install openmpi-bin libopenmpi-dev)';
  }
  const { addon, reason } = mpiAddonStatus();
  return addon ? null : reason;
}

export interface MpirunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const WORKER = fileURLToPath(new URL('./collectiveWorker.ts', import.meta.url));

/**
 * `mpirun -np N [mpirunArgs] node --import tsx collectiveWorker.ts` with NNUNET_TEST_MODE = `mode`,
 * oversubscribed and unbound (2 cores here), allowed to run as root (CI does) and without the
 * single-copy mechanism that containers forbid; killed after `limitMs`.
 */
export function mpirun(
  np: number,
  mode: string,
  {
    mpirunArgs = [],
    env = {},
    limitMs = 60_000,
  }: { mpirunArgs?: string[]; env?: NodeJS.ProcessEnv; limitMs?: number } = {},
): Promise<MpirunResult> {
  const args = ['-np', String(np), '--oversubscribe', '--bind-to', 'none', ...mpirunArgs];
  const started = Date.now();
  const child = spawn('mpirun', [...args, process.execPath, '--import', 'tsx', WORKER], {
    env: {
      ...process.env,
      OMPI_ALLOW_RUN_AS_ROOT: '1',
      OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
      OMPI_MCA_btl_vader_single_copy_mechanism: 'none',
      NNUNET_TEST_MODE: mode,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}
