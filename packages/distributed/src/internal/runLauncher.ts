import { randomBytes } from 'node:crypto';
import { isLocalHost } from './isLocalHost';
import { mpirunCommand } from './mpirunCommand';
import { LAUNCHER_USAGE, parseLauncherArgs, type LauncherArgs } from './parseLauncherArgs';
import { planSlots, type Slot } from './planSlots';
import { startRendezvousServer, type RendezvousServer } from './RendezvousServer';
import { mpirunProblem, runMpirun } from './runMpirun';
import { signalExitCode } from './signalExitCode';
import { spawnWorker, type SpawnedWorker } from './spawnWorker';
import { workerEnv } from './workerEnv';

export interface LauncherOptions {
  /** where prefixed worker stdout and the launcher's own output go; default process.stdout */
  stdout?: (text: string) => void;
  /** where prefixed worker stderr and the launcher's messages go; default process.stderr */
  stderr?: (text: string) => void;
  /** the launcher's environment, passed on to local workers; default process.env */
  env?: NodeJS.ProcessEnv;
  /** working directory of the workers (remote ones `cd` to it); default process.cwd() */
  cwd?: string;
  /** pass SIGINT and SIGTERM received by this process on to the workers; default true */
  forwardSignals?: boolean;
  /** how long stopped workers get between SIGTERM and SIGKILL; default 5000 ms */
  killGraceMs?: number;
}

/**
 * `nnunet-run`: runs one job of `-np` ranks and resolves with the exit code for the launcher
 * process (0 when every worker exits 0; a failing worker's code, 128 + signal for a signal;
 * 2 for bad arguments). A job on this host alone runs on the ring: it starts the rendezvous,
 * spawns the workers, each in its own process group, prefixes their output lines with `[rank]`,
 * stops all (SIGTERM, then SIGKILL after the grace time) when one fails, and forwards
 * SIGINT/SIGTERM. A job that names another host, or `--mpirun`, is handed to mpirun (`runMpirun`).
 */
export async function runLauncher(argv: readonly string[], options: LauncherOptions = {}): Promise<number> {
  const out = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const err = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const say = (text: string) => err(`nnunet-run: ${text}\n`);

  let args: LauncherArgs;
  let slots: Slot[];
  let exported: Record<string, string>;
  try {
    args = parseLauncherArgs(argv);
    if (args.help) {
      out(`${LAUNCHER_USAGE}\n`);
      return 0;
    }
    slots = planSlots(args.np, args.hosts);
    exported = exportedVariables(args.exportEnv, env);
  } catch (error) {
    say(`${(error as Error).message} (see nnunet-run --help)`);
    return 2;
  }

  const killGraceMs = options.killGraceMs ?? 5000;
  const forwardSignals = options.forwardSignals ?? true;
  if (args.mpirun || !slots.every((slot) => isLocalHost(slot.hostname))) {
    const problem = mpirunProblem(env);
    if (problem) {
      say(problem);
      return 127;
    }
    return runMpirun({
      argv: mpirunCommand(args, exported, env),
      env,
      cwd,
      stdout: out,
      stderr: err,
      say,
      forwardSignals,
      killGraceMs,
    });
  }

  const jobToken = randomBytes(16).toString('hex');
  let server: RendezvousServer;
  try {
    server = await startRendezvousServer({
      size: args.np,
      jobToken,
      port: args.rendezvousPort ?? 0,
      listenHost: '127.0.0.1',
    });
  } catch (error) {
    say((error as Error).message);
    return 1;
  }

  let exitCode = 0;
  let stopping = false;
  let killTimer: NodeJS.Timeout | undefined;
  const workers: (SpawnedWorker & { exited: boolean })[] = [];
  const signalGroup = (worker: (typeof workers)[number], signal: NodeJS.Signals) => {
    if (worker.exited || worker.child.pid === undefined) return;
    try {
      process.kill(-worker.child.pid, signal); // the whole group: the command may have children
    } catch {
      // already gone
    }
  };
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of workers) signalGroup(worker, signal);
    killTimer ??= setTimeout(() => workers.forEach((w) => signalGroup(w, 'SIGKILL')), killGraceMs);
  };
  const failed = (worker: (typeof workers)[number], description: string, code: number) => {
    if (stopping) return;
    exitCode = code;
    const others = workers.filter((w) => w !== worker && !w.exited).length;
    const reason = `rank ${worker.slot.rank} (${worker.slot.hostname}) ${description}`;
    say(`${reason}; stopping the other ${others} worker${others === 1 ? '' : 's'}`);
    server.abort(reason, worker.slot.rank);
    stopAll('SIGTERM');
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      workers.forEach((w) => signalGroup(w, 'SIGKILL'));
      return;
    }
    say(`got ${signal}; passing it on to the workers`);
    if (exitCode === 0) exitCode = signalExitCode(signal);
    server.abort(`nnunet-run got ${signal}`);
    stopAll(signal);
  };
  if (forwardSignals) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal);

  const seconds = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));
  for (const slot of slots) {
    const vars = {
      ...exported,
      ...workerEnv(slot, {
        rendezvous: server.address,
        jobToken,
        timeoutMs: seconds(args.timeout),
        startTimeoutMs: seconds(args.startTimeout),
        bindGpus: args.bindGpus,
      }),
    };
    const worker = Object.assign(
      spawnWorker({
        slot,
        command: args.command,
        vars,
        env,
        cwd,
        stdout: out,
        stderr: err,
      }),
      { exited: false },
    );
    workers.push(worker);
    void worker.ended.then((end) => {
      worker.exited = true;
      if ('startError' in end) failed(worker, end.startError, 127);
      else if (end.signal) failed(worker, `was killed by ${end.signal}`, signalExitCode(end.signal));
      else if (end.code !== 0) failed(worker, `exited with code ${end.code}`, end.code ?? 1);
    });
  }

  await Promise.all(workers.map((w) => w.closed));
  clearTimeout(killTimer);
  if (forwardSignals) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
  await server.close();
  return exitCode;
}

/** `-x NAME` takes NAME's value from the launcher's environment; `-x NAME=VALUE` sets it. */
function exportedVariables(specs: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const value = eq < 0 ? env[name] : spec.slice(eq + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`-x ${spec}: '${name}' is not a variable name`);
    if (value === undefined) throw new Error(`-x ${spec}: ${name} is not set in the launcher's environment`);
    vars[name] = value;
  }
  return vars;
}
