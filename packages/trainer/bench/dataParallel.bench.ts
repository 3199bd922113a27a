// Data-parallel training throughput on this machine: 2 ranks × 1 kernel thread against 1 rank ×
// 2 threads at the same global batch, and the seed's weak-scaling figure (N ranks at a fixed batch
// per rank against one rank at that batch). Each configuration is a job of nnunet-run. The
// allreduce's wall time includes waiting for the slower rank; its CPU time is its own cost.
// Run: npm run bench:data-parallel -w @nnunet-ts/trainer [-- --edge 32 --warmup 2 --steps 8 --repeats 3]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLauncher } from '@nnunet-ts/distributed';
import { median } from './median';

const { values } = parseArgs({
  options: {
    edge: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    steps: { type: 'string', default: '8' },
    repeats: { type: 'string', default: '3' },
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
  allreduceCpuMsPerStep: number;
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

const configurations = [
  { name: '1 rank, 2 threads', ranks: 1, threads: 2, batchPerRank: 2 },
  { name: '2 ranks, 1 thread each', ranks: 2, threads: 1, batchPerRank: 1 },
  { name: '1 rank, 1 thread', ranks: 1, threads: 1, batchPerRank: 1 },
];
// Rounds of all three, so that each round's ratios compare runs made close together in time
// (the load of a shared machine drifts).
const rounds: Result[][] = [];
const loads = [loadavg()[0]!];
for (let round = 0; round < Number(values.repeats); round++) {
  const results: Result[] = [];
  for (const c of configurations) results.push(await measure(c.ranks, c.threads, c.batchPerRank));
  loads.push(loadavg()[0]!);
  rounds.push(results);
  const [a, b, c] = results.map((r) => r.imagesPerSecond) as [number, number, number];
  console.log(
    `round ${round + 1}: img/s ${[a, b, c].map((x) => x.toFixed(3)).join(' / ')}; ` +
      `2×1 vs 1×2 ${(b / a).toFixed(2)}×, weak scaling ${(b / c).toFixed(2)}×; load ${loads.at(-1)!.toFixed(2)}`,
  );
}

const first = rounds[0]![0]!;
console.log(
  `\nbackend ${first.backend}; 3D U-Net ${values.edge}³ patch, ${first.parameters} parameters ` +
    `(${((first.parameters * 4) / 2 ** 20).toFixed(1)} MiB of gradients); per run the median of ${values.steps} ` +
    `steps after ${values.warmup}; medians over ${rounds.length} rounds; load average ${loads.map((l) => l.toFixed(2)).join(', ')}`,
);
console.log(
  '| configuration | ranks × threads | global batch | step s | allreduce ms/step: wall / CPU | img/s |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
configurations.forEach((c, i) => {
  const runs = rounds.map((r) => r[i]!);
  const reduce =
    c.ranks > 1
      ? `${median(runs.map((r) => r.allreduceMsPerStep)).toFixed(0)} / ${median(runs.map((r) => r.allreduceCpuMsPerStep)).toFixed(0)}`
      : '—';
  console.log(
    `| ${c.name} | ${c.ranks} × ${c.threads} | ${c.ranks * c.batchPerRank} | ` +
      `${(median(runs.map((r) => r.medianStepMs)) / 1000).toFixed(2)} | ${reduce} | ` +
      `${median(runs.map((r) => r.imagesPerSecond)).toFixed(3)} |`,
  );
});
const ratio = (i: number, j: number) =>
  median(rounds.map((r) => r[i]!.imagesPerSecond / r[j]!.imagesPerSecond));
console.log(
  `2 ranks × 1 thread / 1 rank × 2 threads (same global batch 2): ${ratio(1, 0).toFixed(2)}× (median of rounds)`,
);
console.log(
  `weak scaling (batch 1 per rank, 1 thread per rank): 2 ranks / 1 rank = ${ratio(1, 2).toFixed(2)}× (ideal 2×)`,
);
