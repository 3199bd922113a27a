import { parseHosts, type HostSlots } from './parseHosts';

export interface LauncherArgs {
  np: number;
  /** `-H`; default `localhost:<np>` */
  hosts: HostSlots[];
  command: string[];
  /** `--mpirun`: run the job through Open MPI's mpirun even on one host */
  mpirun: boolean;
  /** `--mpi-args`: more arguments for mpirun, split at spaces */
  mpiArgs: string[];
  /** `-x NAME` (value from the launcher's environment) or `-x NAME=VALUE`, as mpirun's `-x` */
  exportEnv: string[];
  sshPort?: number;
  sshIdentityFile?: string;
  bindGpus: boolean;
  /** seconds; becomes the workers' NNUNET_TIMEOUT_MS */
  timeout?: number;
  /** seconds; becomes the workers' NNUNET_START_TIMEOUT_MS */
  startTimeout?: number;
  rendezvousPort?: number;
  help: boolean;
}

export const LAUNCHER_USAGE = `usage: nnunet-run -np N [-H host1:slots,host2:slots] [options] [--] command [args...]

Starts N copies of command as the ranks of one data-parallel job (Horovod's horovodrun).
On this host alone the ranks run on nnunet-ts's TCP ring; when -H names another host (or with
--mpirun) the job is handed to Open MPI's mpirun and the ranks' collectives run on MPI.

  -np, --num-proc N          number of ranks
  -H, --hosts LIST           hosts and their slots, filled in order (default localhost:N)
  -x NAME[=VALUE]            pass this environment variable to every worker (repeatable)
  --bind-gpus                CUDA_VISIBLE_DEVICES = local rank (one GPU per process); under
                             mpirun, nnunet train does this itself from the local rank
  --timeout SECONDS          a rank silent this long in a collective fails the job (default 300)
  --start-timeout SECONDS    how long ranks wait for each other at the start (default 120)
  --rendezvous-port PORT     port of the ring's rendezvous service (default: any free port)
  --mpirun                   use mpirun even on one host
  --mpi-args "ARGS"          more arguments for mpirun (e.g. "--mca btl self,tcp")
  -p, --ssh-port PORT        ssh port of the other hosts (mpirun's plm_rsh_args)
  -i, --ssh-identity-file F  ssh private key (mpirun's plm_rsh_args)
  -h, --help                 show this help

On the ring every worker gets NNUNET_RANK, NNUNET_SIZE, NNUNET_LOCAL_RANK, NNUNET_LOCAL_SIZE,
NNUNET_CROSS_RANK, NNUNET_CROSS_SIZE, NNUNET_HOSTNAME, NNUNET_RENDEZVOUS and NNUNET_JOB_TOKEN;
under mpirun the ranks read their slot from MPI, and every NNUNET_* variable of this environment
is exported to them. mpirun runs with --bind-to none --map-by slot --tag-output.
Output lines are prefixed with [rank]. When a worker exits non-zero, the others are stopped and
nnunet-run exits with its code (128 + signal number for a signal).`;

const positiveInt = (flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER) => {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < 1 || value > max) {
    throw new Error(
      `${flag} needs a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${text ?? 'nothing'}`,
    );
  }
  return value;
};
const positiveSeconds = (flag: string, text: string | undefined) => {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${flag} needs a number of seconds > 0, got ${text ?? 'nothing'}`);
  }
  return value;
};

/** Reads nnunet-run's arguments; the command starts after `--` or at the first word that is not an option. */
export function parseLauncherArgs(argv: readonly string[]): LauncherArgs {
  const args: Omit<LauncherArgs, 'np' | 'hosts'> & { np?: number; hosts?: HostSlots[] } = {
    command: [],
    exportEnv: [],
    mpirun: false,
    mpiArgs: [],
    bindGpus: false,
    help: false,
  };
  let i = 0;
  const value = (flag: string) => {
    const next = argv[++i];
    if (next === undefined) throw new Error(`${flag} needs a value`);
    return next;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break;
    switch (arg) {
      case '-np':
      case '--num-proc':
        args.np = positiveInt(arg, value(arg));
        break;
      case '-H':
      case '--hosts':
        args.hosts = parseHosts(value(arg));
        break;
      case '-x':
        args.exportEnv.push(value(arg));
        break;
      case '-p':
      case '--ssh-port':
        args.sshPort = positiveInt(arg, value(arg), 65535);
        break;
      case '-i':
      case '--ssh-identity-file':
        args.sshIdentityFile = value(arg);
        break;
      case '--bind-gpus':
        args.bindGpus = true;
        break;
      case '--timeout':
        args.timeout = positiveSeconds(arg, value(arg));
        break;
      case '--start-timeout':
        args.startTimeout = positiveSeconds(arg, value(arg));
        break;
      case '--mpirun':
        args.mpirun = true;
        break;
      case '--mpi-args':
        args.mpiArgs.push(
          ...value(arg)
            .split(/\s+/)
            .filter((word) => word !== ''),
        );
        break;
      case '--rendezvous-port':
        args.rendezvousPort = positiveInt(arg, value(arg), 65535);
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  args.command = argv.slice(i);
  if (args.help) return { ...args, np: args.np ?? 1, hosts: args.hosts ?? [] };
  if (args.np === undefined) throw new Error('-np is required');
  if (args.command.length === 0)
    throw new Error('no command to run (give it after the options, or after --)');
  return { ...args, np: args.np, hosts: args.hosts ?? [{ hostname: 'localhost', slots: args.np }] };
}
