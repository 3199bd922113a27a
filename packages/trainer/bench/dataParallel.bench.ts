// Data-parallel training throughput on this machine: 2 ranks × 1 kernel thread against 1 rank ×
// 2 threads at the same global batch, and the seed's weak-scaling figure (N ranks at a fixed batch
// per rank against one rank at that batch). Each configuration is a job of nnunet-run.
// Run: npm run bench:data-parallel -w @nnunet-ts/trainer [-- --edge 32 --warmup 2 --steps 8]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLauncher } from '@nnunet-ts/dist';

const { values } = parseArgs({
  options: {
    edge: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    steps: { type: 'string', default: '8' },
  },
});
const worker = fileURLToPath(new URL('./dataParallelWorker.ts', import.meta.url));

interface Result {
  backend: string;
  threads: string;
  ranks: number;
  batchPerRank: number;
  parameters: number;
  medianStepMs: number;
  allreduceMsPerStep: number;
  imagesPerSecond: number;
}

async function measure(ranks: number, threads: number, batchPerRank: number): Promise<Result> {
  let output = '';
  let errors = '';
  const code = await runLauncher(
    [
      '-np',
      String(ranks),
      '--',
      process.execPath,
      '--conditions=@nnunet-ts/source',
      '--import',
      'tsx',
      worker,
      String(batchPerRank),
      values.edge,
      values.warmup,
      values.steps,
    ],
    {
      stdout: (text) => void (output += text),
      stderr: (text) => void (errors += text),
      env: { ...process.env, NNUNET_NUM_THREADS: String(threads) },
    },
  );
  if (code !== 0) throw new Error(`${ranks} rank(s) × ${threads} thread(s) failed (${code}):\n${errors}`);
  const line = output.split('\n').find((l) => l.startsWith('[0] {'));
  return JSON.parse(line!.slice(4)) as Result;
}

const loadBefore = loadavg()[0]!.toFixed(2);
const oneRankTwoThreads = await measure(1, 2, 2);
const twoRanksOneThread = await measure(2, 1, 1);
const oneRankOneThread = await measure(1, 1, 1);
const loadAfter = loadavg()[0]!.toFixed(2);

const row = (name: string, r: Result) =>
  `| ${name} | ${r.ranks} × ${r.threads} | ${r.batchPerRank * r.ranks} | ${(r.medianStepMs / 1000).toFixed(2)} | ` +
  `${r.ranks > 1 ? r.allreduceMsPerStep.toFixed(1) : '—'} | ${r.imagesPerSecond.toFixed(3)} |`;
console.log(
  `backend ${oneRankTwoThreads.backend}; 3D U-Net ${values.edge}³ patch, ${oneRankTwoThreads.parameters} parameters ` +
    `(${((oneRankTwoThreads.parameters * 4) / 2 ** 20).toFixed(1)} MiB of gradients); median of ${values.steps} steps ` +
    `after ${values.warmup}; load average ${loadBefore} before, ${loadAfter} after`,
);
console.log('| configuration | ranks × threads | global batch | step s | allreduce ms/step | img/s |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(row('1 rank, 2 threads', oneRankTwoThreads));
console.log(row('2 ranks, 1 thread each', twoRanksOneThread));
console.log(row('1 rank, 1 thread', oneRankOneThread));
console.log(
  `2 ranks × 1 thread / 1 rank × 2 threads (same global batch 2): ` +
    `${(twoRanksOneThread.imagesPerSecond / oneRankTwoThreads.imagesPerSecond).toFixed(2)}×`,
);
console.log(
  `weak scaling (batch 1 per rank, 1 thread per rank): 2 ranks / 1 rank = ` +
    `${(twoRanksOneThread.imagesPerSecond / oneRankOneThread.imagesPerSecond).toFixed(2)}× (ideal 2×)`,
);
