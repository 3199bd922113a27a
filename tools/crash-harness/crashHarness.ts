import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { describeKill, planKills, seededRandom, type Kill } from './killPlan';
import { differingFiles, incompleteFiles, leftovers, processesWith } from './outputChecks';

export interface HarnessOptions {
  /** kills per command (4 commands); the full proof is 20, CI's smoke run 2 */
  killsPerCommand: number;
  seed: number;
  /** where the runs happen (default: a new temporary folder, removed at the end) */
  workDir?: string;
  /** only these commands (default: all four) */
  commands?: readonly CommandName[];
  log?: (line: string) => void;
}

export type CommandName = 'preprocess' | 'train' | 'predict' | 'evaluate';

export interface KillOutcome {
  command: CommandName;
  kill: string;
  /** how the killed run ended */
  ended: string;
  /** what was wrong (none: the kill passed) */
  problems: string[];
}

const CLI = fileURLToPath(new URL('../../apps/cli/src/cli.ts', import.meta.url));
const ORPHAN_GRACE_MS = 15_000;

interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** `nnunet <args>` in a child process, SIGKILLed after `killAfterMs` if given. */
function nnunet(
  args: readonly string[],
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<RunResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=@nnunet-ts/source', '--import', 'tsx', CLI, ...args], {
    env: { ...process.env, NNUNET_NUM_THREADS: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, ms: performance.now() - started });
    }),
  );
}

/** One command of the harness: how a run of it is set up, and what it must produce. */
interface CommandCase {
  name: CommandName;
  /** a fresh folder for one run: its arguments, what it writes, and the rerun's arguments */
  prepare(runDir: string): Promise<{ args: string[]; rerun: string[]; output: string }>;
  /** names that legitimately differ between runs (logs) */
  ignore: RegExp;
}

/**
 * The crash harness: each command runs once uninterrupted (the reference, traced for its kill
 * points), then `killsPerCommand` times killed with SIGKILL (at an injected point or after a seeded
 * delay) and rerun the way a user would (`--resume-training` for train). Each kill passes when the
 * killed run left no half-written file that looks complete and no orphan process, and the rerun
 * succeeded, left no leftovers (temporary files, locks, loader folders of dead processes) and wrote
 * exactly the uninterrupted run's files (bit for bit: training resumes exactly).
 */
export async function runCrashHarness(options: HarnessOptions): Promise<KillOutcome[]> {
  const log = options.log ?? (() => undefined);
  const work = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'nnunet-crash-')));
  const random = seededRandom(options.seed);
  try {
    const data = path.join(work, 'data', 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: options.seed });
    const reference = (name: string) => path.join(work, 'reference', name);
    const trainFlags = [
      ...['--data', data, '--epochs', '3', '--nfolds', '2', '--base-filters', '4', '--max-filters', '8'],
      ...['--num-workers', '1', '--seed', '1', '--quiet'],
    ];
    const cases: CommandCase[] = [
      {
        name: 'preprocess',
        ignore: /^$/,
        async prepare(dir) {
          const args = [
            'preprocess',
            '--data',
            data,
            '--results',
            path.join(dir, 'results'),
            '--n-jobs',
            '1',
          ];
          return { args, rerun: args, output: path.join(dir, 'results') };
        },
      },
      {
        name: 'train',
        // the log is appended to by the resumed run
        ignore: /dllogger\.json$/,
        async prepare(dir) {
          await cp(path.join(reference('preprocess'), 'results'), path.join(dir, 'results'), {
            recursive: true,
          });
          const args = ['train', ...trainFlags, '--results', path.join(dir, 'results')];
          return { args, rerun: [...args, '--resume-training'], output: path.join(dir, 'results') };
        },
      },
      {
        name: 'predict',
        ignore: /^$/,
        async prepare(dir) {
          const model = path.join(
            reference('train'),
            'results',
            'Task00_Phantom',
            '3d_fullres',
            'fold_0',
            'model',
          );
          const args = [
            ...['predict', '--input', path.join(data, 'imagesTr'), '--model', model],
            ...['--output', path.join(dir, 'preds'), '--save-preds', '--continue'],
          ];
          return { args, rerun: args, output: path.join(dir, 'preds') };
        },
      },
      {
        name: 'evaluate',
        ignore: /^$/,
        async prepare(dir) {
          const preds = path.join(reference('predict'), 'preds');
          const summary = path.join(dir, 'eval', 'summary.json');
          const args = [
            'evaluate',
            '--preds',
            preds,
            '--lbls',
            path.join(data, 'labelsTr'),
            '--output',
            summary,
          ];
          return { args, rerun: args, output: path.join(dir, 'eval') };
        },
      },
    ];

    const outcomes: KillOutcome[] = [];
    for (const c of cases) {
      // the reference runs in order: each command's input is the previous one's reference output
      const refDir = reference(c.name);
      await mkdir(refDir, { recursive: true });
      const ref = await c.prepare(refDir);
      const traceFile = path.join(refDir, 'trace.txt');
      const uninterrupted = await nnunet(ref.args, { NNUNET_FAULTS_TRACE: traceFile });
      if (uninterrupted.status !== 0)
        throw new Error(`the uninterrupted ${c.name} failed:\n${uninterrupted.stderr}`);
      if (options.commands && !options.commands.includes(c.name)) continue;
      const trace = (await readFile(traceFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      const kills = planKills(trace, uninterrupted.ms, options.killsPerCommand, random);
      log(
        `${c.name}: reference ${Math.round(uninterrupted.ms)} ms, ${trace.length} kill points; ${kills.length} kills`,
      );
      for (const [i, kill] of kills.entries()) {
        const outcome = await killAndRerun(c, kill, path.join(work, 'runs', `${c.name}-${i}`), ref.output, i);
        log(
          `  ${describeKill(kill)}: ${outcome.ended}; ${outcome.problems.length ? outcome.problems.join('; ') : 'ok'}`,
        );
        outcomes.push(outcome);
      }
    }
    return outcomes;
  } finally {
    if (!options.workDir) await rm(work, { recursive: true, force: true });
  }
}

async function killAndRerun(
  c: CommandCase,
  kill: Kill,
  dir: string,
  expected: string,
  index: number,
): Promise<KillOutcome> {
  await mkdir(dir, { recursive: true });
  const { args, rerun, output } = await c.prepare(dir);
  const marker = `NNUNET_HARNESS_RUN=${c.name}-${index}-${process.pid}`;
  const env = { NNUNET_HARNESS_RUN: marker.split('=')[1]! };
  const killed =
    kill.kind === 'injected'
      ? await nnunet(args, { ...env, NNUNET_FAULTS: `kill@${kill.point}:${kill.pass}` })
      : await nnunet(args, env, kill.afterMs);
  const ended = killed.signal
    ? `killed (${killed.signal})`
    : killed.status === 0
      ? 'finished before the kill'
      : `exit ${killed.status}`;
  const problems: string[] = [];
  if (kill.kind === 'injected' && killed.signal !== 'SIGKILL')
    problems.push(`the kill point was not reached (${ended})`);
  if (!killed.signal && killed.status !== 0)
    problems.push(`the killed run failed: ${killed.stderr.trim().split('\n').at(-1)}`);
  // loader and preprocessing workers must end with their parent
  const deadline = Date.now() + ORPHAN_GRACE_MS;
  let orphans = processesWith(marker);
  while (orphans.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    orphans = processesWith(marker);
  }
  if (orphans.length) problems.push(`orphan processes ${orphans.join(', ')} outlived the killed run`);
  problems.push(...(await incompleteFiles(output)));

  const again = await nnunet(rerun, {});
  if (again.status !== 0) {
    problems.push(
      `the rerun failed (${again.signal ?? again.status}): ${again.stderr.trim().split('\n').at(-1)}`,
    );
  } else {
    problems.push(...(await leftovers(output)), ...(await differingFiles(expected, output, c.ignore)));
  }
  return { command: c.name, kill: describeKill(kill), ended, problems };
}
