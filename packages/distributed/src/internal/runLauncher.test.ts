import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLauncher } from './runLauncher';
import { TSX_WORKER_COMMAND } from './testing/tsxWorker';

async function launch(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runLauncher(argv, {
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    forwardSignals: false,
    killGraceMs: 2000,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The JSON line each worker of mode 'report' prints, by rank. */
function reports(stdout: string): Record<string, unknown>[] {
  const byRank: Record<string, unknown>[] = [];
  for (const line of stdout.trim().split('\n')) {
    const match = /^\[(\d+)\] (\{.*\})$/.exec(line);
    if (!match) throw new Error(`unexpected output line: ${line}`);
    const report = JSON.parse(match[2]!) as { rank: number };
    expect(report.rank).toBe(Number(match[1]));
    byRank[report.rank] = report;
  }
  return byRank;
}

describe('runLauncher with real worker processes', () => {
  it('runs the ranks of a two-host plan, prefixing their output; collectives are exact', async () => {
    // Both host names are this machine, so all three ranks start locally, with the slots of two hosts.
    const { code, stdout, stderr } = await launch([
      '-np',
      '3',
      '-H',
      'localhost:2,127.0.0.1:2',
      '--bind-gpus',
      '-x',
      'NNUNET_TEST_MODE=report',
      '--',
      ...TSX_WORKER_COMMAND,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const byRank = reports(stdout);
    const own = (rank: number) => [1, 2, 3, 4, 5].map((i) => (rank + 1) * i);
    byRank.forEach((report, rank) => {
      expect(report).toEqual({
        rank,
        size: 3,
        localRank: [0, 1, 0][rank],
        source: 'nnunet-run',
        backend: 'tcp',
        sum: [1, 2, 3, 4, 5].map((i) => 6 * i),
        mean: [1, 2, 3, 4, 5].map((i) => Math.fround((6 * i) / 3)),
        broadcast: own(2),
        // [rank, local rank, cross rank]: host 2's rank 2 is local rank 0 and cross rank 1.
        gathered: [
          [0, 0, 0],
          [1, 1, 0],
          [2, 0, 1],
        ],
        cuda: String([0, 1, 0][rank]),
      });
    });
  });

  it('lets workers that never call close() end normally, with every collective complete', async () => {
    const { code, stdout, stderr } = await launch([
      '-np',
      '3',
      '-x',
      'NNUNET_TEST_MODE=report',
      '-x',
      'NNUNET_TEST_SKIP_CLOSE=1',
      '-x',
      'NNUNET_TEST_LENGTH=200000',
      '--',
      ...TSX_WORKER_COMMAND,
    ]);
    expect([code, stderr]).toEqual([0, '']);
    const byRank = reports(stdout) as { sum: number[] }[];
    expect(byRank.map((r) => r.sum[199_999])).toEqual([6 * 200_000, 6 * 200_000, 6 * 200_000]);
  });

  it('stops the job when a worker exits non-zero and exits with its code, naming the rank', async () => {
    const { code, stderr, stdout } = await launch([
      '-np',
      '3',
      '-x',
      'NNUNET_TEST_MODE=fail',
      '-x',
      'NNUNET_TEST_FAIL_RANK=1',
      '-x',
      'NNUNET_TEST_FAIL_HOW=3',
      ...TSX_WORKER_COMMAND,
    ]);
    expect(code).toBe(3);
    expect(stdout).toContain('[1] first allreduce done');
    expect(stderr).toContain(
      'nnunet-run: rank 1 (localhost) exited with code 3; stopping the other 2 workers',
    );
  });

  it('stops the job when a worker is killed, exiting with 128 + the signal number', async () => {
    const { code, stderr } = await launch([
      '-np',
      '3',
      '-x',
      'NNUNET_TEST_MODE=fail',
      '-x',
      'NNUNET_TEST_FAIL_RANK=2',
      '-x',
      'NNUNET_TEST_FAIL_HOW=SIGKILL',
      '--',
      ...TSX_WORKER_COMMAND,
    ]);
    expect(code).toBe(137);
    expect(stderr).toContain(
      'nnunet-run: rank 2 (localhost) was killed by SIGKILL; stopping the other 2 workers',
    );
  });

  it('passes SIGTERM on to every worker and exits with 143', async () => {
    const launcher = fileURLToPath(new URL('./testing/launcherMain.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', launcher, '-np', '2', '-x', 'NNUNET_TEST_MODE=signal', '--', ...TSX_WORKER_COMMAND],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const bothReady = new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (stdout.includes('[0] ready') && stdout.includes('[1] ready')) resolve();
      }),
    );
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await bothReady;
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stdout).toContain('[0] rank 0 got SIGTERM');
    expect(stdout).toContain('[1] rank 1 got SIGTERM');
    expect(stderr).toContain('nnunet-run: got SIGTERM; passing it on to the workers');
  });

  it('exits 2 on bad arguments and 127 when the command cannot start', async () => {
    const bad = await launch(['-np', '3', '-H', 'a:1', 'node']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'nnunet-run: -np 3 needs more than the 1 slots of -H a:1 (see nnunet-run --help)\n',
    );
    const missing = await launch(['-np', '1', '-x', 'NNUNET_UNSET_VARIABLE', 'node']);
    expect(missing.stderr).toContain(
      "-x NNUNET_UNSET_VARIABLE: NNUNET_UNSET_VARIABLE is not set in the launcher's environment",
    );
    const absent = await launch(['-np', '2', '--', '/nonexistent/command']);
    expect(absent.code).toBe(127);
    expect(absent.stderr).toContain("rank 0 (localhost) could not start '/nonexistent/command' (ENOENT)");
    const help = await launch(['--help']);
    expect([help.code, help.stdout.startsWith('usage: nnunet-run -np N')]).toEqual([0, true]);
  });
});
