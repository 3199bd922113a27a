// Allreduce bandwidth on loopback against a plain memory copy of the same size.
// Usage: npm run bench -w @nnunet-ts/distributed [-- --ranks 2,4 --sizes 1,4,16,64 --segment-bytes 1048576]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLauncher } from '../src/index';

const { values } = parseArgs({
  options: {
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

const rows: string[] = [];
for (const ranks of values.ranks.split(',').map(Number)) {
  let report: Report | null = null;
  const env = ['-x', `BENCH_SIZES_MB=${values.sizes}`];
  if (values['segment-bytes']) env.push('-x', `BENCH_SEGMENT_BYTES=${values['segment-bytes']}`);
  const code = await runLauncher(
    ['-np', String(ranks), ...env, '--', process.execPath, '--import', 'tsx', worker],
    {
      stdout: (text) => {
        const json = /^\[0\] (\{.*\})$/m.exec(text);
        if (json) report = JSON.parse(json[1]!) as Report;
      },
    },
  );
  if (code !== 0 || !report) throw new Error(`benchmark with ${ranks} ranks failed (exit code ${code})`);
  for (const { mb, allreduceMs, cpuMs, copyMs } of (report as Report).results) {
    const bytes = mb * 1024 * 1024;
    const algbw = bytes / allreduceMs / 1e6; // GB/s: buffer bytes per second of allreduce
    const busbw = (algbw * 2 * (ranks - 1)) / ranks; // what each rank sends and receives (NCCL's bus bandwidth)
    const copyBw = bytes / copyMs / 1e6;
    rows.push(
      `| ${mb} MB | ${ranks} | ${allreduceMs.toFixed(1)} | ${cpuMs.toFixed(1)} | ${algbw.toFixed(2)} | ${busbw.toFixed(2)} | ` +
        `${copyMs.toFixed(2)} | ${copyBw.toFixed(1)} | ${(allreduceMs / copyMs).toFixed(0)}× |`,
    );
  }
}
console.log(
  '| buffer | ranks | allreduce ms (median) | CPU ms (rank 0) | algbw GB/s | busbw GB/s | copy ms | copy GB/s | allreduce / copy |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
