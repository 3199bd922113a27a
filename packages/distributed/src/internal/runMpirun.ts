import { spawn, spawnSync } from 'node:child_process';
import { LineWriter } from './LineWriter';
import { signalExitCode } from './signalExitCode';

export interface MpirunJob {
  /** the arguments after `mpirun` (`mpirunCommand`) */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** where nnunet-run's own messages go */
  say: (text: string) => void;
  forwardSignals: boolean;
  killGraceMs: number;
}

// Open MPI's --tag-output: `[jobid,rank]<stdout>:text`. A line a rank ended without a newline is
// followed by the next tag on the same line, so a line may hold several.
const TAG = /\[\d+,(\d+)\]<std(?:out|err|diag)>:/g;

/** A line of mpirun's tagged output in nnunet-run's own form, `[rank] text`; other lines as they are. */
export function retagMpirunLine(line: string): string {
  const tags = [...line.matchAll(TAG)];
  if (tags.length === 0) return line;
  const head = line.slice(0, tags[0]!.index);
  const parts = tags.map((tag, i) => {
    const end = i + 1 < tags.length ? tags[i + 1]!.index : line.length;
    return `[${tag[1]}] ${line.slice(tag.index + tag[0].length, end)}`;
  });
  return [...(head ? [head] : []), ...parts].join('\n');
}

/** Why nnunet-run cannot drive this machine's mpirun, or null when it is Open MPI's. */
export function mpirunProblem(env: NodeJS.ProcessEnv): string | null {
  const probe = spawnSync('mpirun', ['--version'], { env, encoding: 'utf8' });
  if (probe.error) {
    return `mpirun not found (${(probe.error as NodeJS.ErrnoException).code}): jobs across hosts run on Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev)`;
  }
  const version = `${probe.stdout}${probe.stderr}`;
  if (!/Open MPI|OpenRTE/i.test(version)) {
    const first = version.trim().split('\n')[0] ?? '';
    return `mpirun here is not Open MPI's ('${first}'): nnunet-run drives Open MPI's mpirun; with MPICH run mpiexec yourself (see the README of @nnunet-ts/distributed)`;
  }
  return null;
}

/**
 * Runs one job through mpirun and resolves with nnunet-run's exit code: mpirun's (it ends the
 * whole job when a rank fails), 128 + the signal when one stopped nnunet-run or mpirun, 127 when
 * mpirun cannot start. Output lines become `[rank] text`. SIGINT/SIGTERM are passed on to mpirun,
 * which passes them on to the ranks; a second one, or mpirun still running `killGraceMs` after
 * the first, gets SIGKILL for mpirun's process group.
 */
export async function runMpirun(job: MpirunJob): Promise<number> {
  const child = spawn('mpirun', job.argv, {
    cwd: job.cwd,
    env: job.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stdout = new LineWriter(retagMpirunLine, job.stdout);
  const stderr = new LineWriter(retagMpirunLine, job.stderr);
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  let signalled: NodeJS.Signals | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return killGroup();
    signalled = signal;
    job.say(`got ${signal}; passing it on to mpirun`);
    child.kill(signal);
    killTimer = setTimeout(killGroup, job.killGraceMs);
  };
  if (job.forwardSignals) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal);

  const end = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: string }>(
    (resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  stdout.end();
  stderr.end();
  clearTimeout(killTimer);
  if (job.forwardSignals) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);

  if ('error' in end) {
    job.say(`could not start mpirun (${end.error})`);
    return 127;
  }
  if (signalled) return signalExitCode(signalled);
  if (end.signal) {
    job.say(`mpirun was killed by ${end.signal}`);
    return signalExitCode(end.signal);
  }
  if (end.code !== 0)
    job.say(`mpirun exited with code ${end.code}: the job failed (the ranks' output above says why)`);
  return end.code ?? 1;
}
