// Allreduce bandwidth on loopback, on each engine (MPI under mpirun, the TCP ring under nnunet-run),
// against a plain memory copy of the same size.
// Usage: npm run bench -w @nnunet-ts/distributed [-- --engines mpi,tcp --ranks 2,4 --sizes 1,4,16,64
//        --segment-bytes 1048576]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLauncher } from '../src/index';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'mpi,tcp' },
    ranks: { type: 'string', default: '2,4' },
    sizes: { type: 'string', default: '1,4,16,64' },
    'segment-bytes': { type: 'string' },
  },
});
const worker = fileURLToPath(new URL('./allreduceWorker.ts', import.meta.url));

interface Report {
  size: number;
  results: { mb: number; allreduceMs: number; cpuMs: number; copyMs: number }[];
}

const workerCommand = [process.execPath, '--import', 'tsx', worker];
const benchEnv = ['BENCH_SIZES_MB', ...(values['segment-bytes'] ? ['BENCH_SEGMENT_BYTES'] : [])];
process.env.BENCH_SIZES_MB = values.sizes;
if (values['segment-bytes']) process.env.BENCH_SEGMENT_BYTES = values['segment-bytes'];

/** The ranks on the TCP ring through nnunet-run; rank 0's report. */
async function onRing(ranks: number): Promise<Report | null> {
  let report: Report | null = null;
  const exported = benchEnv.flatMap((name) => ['-x', name]);
  const code = await runLauncher(['-np', String(ranks), ...exported, '--', ...workerCommand], {
    stdout: (text) => {
      const json = /^\[0\] (\{.*\})$/m.exec(text);
      if (json) report = JSON.parse(json[1]!) as Report;
    },
  });
  return code === 0 ? report : null;
}

/** The ranks on MPI through mpirun (unbound: the MPI thread and the main thread share the cores). */
async function onMpi(ranks: number): Promise<Report | null> {
  const args = ['-np', String(ranks), '--oversubscribe', '--bind-to', 'none', ...workerCommand];
  const child = spawn('mpirun', args, {
    env: {
      ...process.env,
      NNUNET_DIST_BACKEND: 'mpi',
      OMPI_ALLOW_RUN_AS_ROOT: '1',
      OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const json = /^(\{.*\})$/m.exec(stdout);
  return code === 0 && json ? (JSON.parse(json[1]!) as Report) : null;
}

const rows: string[] = [];
for (const engine of values.engines.split(',')) {
  for (const ranks of values.ranks.split(',').map(Number)) {
    const report = engine === 'mpi' ? await onMpi(ranks) : await onRing(ranks);
    if (!report) throw new Error(`benchmark on ${engine} with ${ranks} ranks failed`);
    for (const row of rowsOf(engine, ranks, report)) rows.push(row);
  }
}

function rowsOf(engine: string, ranks: number, report: Report): string[] {
  return report.results.map(({ mb, allreduceMs, cpuMs, copyMs }) => {
    const bytes = mb * 1024 * 1024;
    const algbw = bytes / allreduceMs / 1e6; // GB/s: buffer bytes per second of allreduce
    const busbw = (algbw * 2 * (ranks - 1)) / ranks; // what each rank sends and receives (NCCL's bus bandwidth)
    const copyBw = bytes / copyMs / 1e6;
    return (
      `| ${engine} | ${mb} MB | ${ranks} | ${allreduceMs.toFixed(1)} | ${cpuMs.toFixed(1)} | ${algbw.toFixed(2)} | ` +
      `${busbw.toFixed(2)} | ${copyMs.toFixed(2)} | ${copyBw.toFixed(1)} | ${(allreduceMs / copyMs).toFixed(1)}× |`
    );
  });
}
console.log(
  '| engine | buffer | ranks | allreduce ms (median) | CPU ms (rank 0) | algbw GB/s | busbw GB/s | copy ms | copy GB/s | allreduce / copy |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
