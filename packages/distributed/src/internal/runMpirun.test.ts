import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLauncher } from './runLauncher';
import { retagMpirunLine } from './runMpirun';
import { mpiUnavailable } from './testing/mpirun';
import { TSX_WORKER_COMMAND } from './testing/tsxWorker';

describe('retagMpirunLine', () => {
  it("turns Open MPI's rank tags into nnunet-run's prefix, splitting lines a rank left unfinished", () => {
    expect(retagMpirunLine('[1,0]<stdout>:epoch 1 | loss 0.5')).toBe('[0] epoch 1 | loss 0.5');
    expect(retagMpirunLine('[31,12]<stderr>:oops')).toBe('[12] oops');
    expect(retagMpirunLine('[1,0]<stdout>:partial[1,1]<stdout>:whole')).toBe('[0] partial\n[1] whole');
    expect(retagMpirunLine('mpirun noticed that process rank 1 ...')).toBe(
      'mpirun noticed that process rank 1 ...',
    );
  });
});

// CI runs as root in a container: mpirun needs these to start there.
const MPI_ENV = {
  ...process.env,
  OMPI_ALLOW_RUN_AS_ROOT: '1',
  OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
  OMPI_MCA_btl_vader_single_copy_mechanism: 'none',
};
const unavailable = mpiUnavailable();
if (unavailable) console.warn(`skipping nnunet-run --mpirun tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('nnunet-run handing the job to mpirun', () => {
  async function launch(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runLauncher(argv, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: MPI_ENV,
      forwardSignals: false,
    });
    return { code, stdout, stderr };
  }

  it('runs the ranks on MPI, exports NNUNET_* variables and prefixes their lines with [rank]', async () => {
    const { code, stdout, stderr } = await launch([
      '-np',
      '2',
      '--mpirun',
      '--mpi-args',
      '--oversubscribe',
      '-x',
      'NNUNET_TEST_MODE=report',
      '--',
      ...TSX_WORKER_COMMAND,
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n').sort();
    expect(lines).toHaveLength(2);
    lines.forEach((line, rank) => {
      const match = /^\[(\d)\] (\{.*\})$/.exec(line)!;
      expect(Number(match[1])).toBe(rank);
      const report = JSON.parse(match[2]!) as Record<string, unknown>;
      expect(report).toMatchObject({
        rank,
        size: 2,
        localRank: rank,
        source: 'open-mpi',
        backend: 'mpi',
        sum: [1, 2, 3, 4, 5].map((i) => 3 * i),
        mean: [1, 2, 3, 4, 5].map((i) => Math.fround((3 * i) / 2)),
        broadcast: [1, 2, 3, 4, 5].map((i) => 2 * i),
      });
    });
  });

  it("fails the job when a rank exits non-zero, with mpirun's code and a line of its own", async () => {
    const { code, stdout, stderr } = await launch([
      '-np',
      '2',
      '--mpirun',
      '--mpi-args',
      '--oversubscribe',
      '-x',
      'NNUNET_TEST_MODE=fail',
      '-x',
      'NNUNET_TEST_FAIL_RANK=1',
      '--',
      ...TSX_WORKER_COMMAND,
    ]);
    expect(code).not.toBe(0);
    expect(stdout).toContain('[1] first allreduce done');
    expect(stderr).toContain(`nnunet-run: mpirun exited with code ${code}: the job failed`);
  });

  it('passes SIGTERM on to mpirun, which stops the ranks; exits with 143', async () => {
    const launcher = fileURLToPath(new URL('./testing/launcherMain.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        launcher,
        '-np',
        '2',
        '--mpirun',
        '--mpi-args',
        '--oversubscribe',
        '-x',
        'NNUNET_TEST_MODE=signal',
        '--',
        ...TSX_WORKER_COMMAND,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: MPI_ENV },
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
    expect(stderr).toContain('nnunet-run: got SIGTERM; passing it on to mpirun');
    expect(stdout).toContain('[0] rank 0 got SIGTERM');
    expect(stdout).toContain('[1] rank 1 got SIGTERM');
  }, 30_000);
});
