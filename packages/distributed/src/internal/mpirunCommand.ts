import { NNUNET_ENV } from './nnunetEnvNames';
import type { LauncherArgs } from './parseLauncherArgs';

/** Variables that describe one ring job's slot: meaningless (and misleading) to MPI ranks. */
const RING_SLOT_VARIABLES = new Set<string>([
  NNUNET_ENV.rank,
  NNUNET_ENV.size,
  NNUNET_ENV.localRank,
  NNUNET_ENV.localSize,
  NNUNET_ENV.crossRank,
  NNUNET_ENV.crossSize,
  NNUNET_ENV.hostname,
  NNUNET_ENV.rendezvous,
  NNUNET_ENV.jobToken,
]);

/**
 * The arguments of Open MPI's `mpirun` for a job of nnunet-run, as horovodrun builds them:
 * binding off (each rank runs several kernel threads), ranks filled host by host (`-H` order, as
 * the ring's plan), output tagged by rank, every `NNUNET_*` variable of the launcher's environment
 * exported (but a ring slot's), the ranks told to use MPI unless the environment says otherwise,
 * `-x` as given, ssh options as `plm_rsh_args`, then `--mpi-args` and the command.
 */
export function mpirunCommand(
  args: LauncherArgs,
  exported: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): string[] {
  const vars: Record<string, string | undefined> = {};
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith('NNUNET_') && !RING_SLOT_VARIABLES.has(name)) vars[name] = undefined;
  }
  if (env[NNUNET_ENV.distBackend] === undefined) vars[NNUNET_ENV.distBackend] = 'mpi';
  const ms = (seconds: number | undefined) =>
    seconds === undefined ? undefined : String(Math.round(seconds * 1000));
  if (args.timeout !== undefined) vars[NNUNET_ENV.timeoutMs] = ms(args.timeout);
  if (args.startTimeout !== undefined) vars[NNUNET_ENV.startTimeoutMs] = ms(args.startTimeout);
  Object.assign(vars, exported);
  const rsh = [
    ...(args.sshPort !== undefined ? ['-p', String(args.sshPort)] : []),
    ...(args.sshIdentityFile !== undefined ? ['-i', args.sshIdentityFile] : []),
  ];
  return [
    '-np',
    String(args.np),
    '-H',
    args.hosts.map((h) => `${h.hostname}:${h.slots}`).join(','),
    '--bind-to',
    'none',
    '--map-by',
    'slot',
    '--tag-output',
    ...(rsh.length > 0 ? ['--mca', 'plm_rsh_args', rsh.join(' ')] : []),
    // `-x NAME` passes the launcher's value; `-x NAME=VALUE` sets one
    ...Object.entries(vars).flatMap(([name, value]) => [
      '-x',
      value === undefined ? name : `${name}=${value}`,
    ]),
    ...args.mpiArgs,
    ...args.command,
  ];
}
