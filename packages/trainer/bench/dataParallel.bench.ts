// Data-parallel training throughput on this machine: 2 ranks × 1 kernel thread (on the TCP ring
// and on MPI) against 1 rank × 2 threads at the same global batch, and the seed's weak-scaling
// figure (N ranks at a fixed batch per rank against one rank at that batch). Each configuration is
// a job of nnunet-run (--mpirun for MPI). The allreduce's wall time includes waiting for the slower
// rank; its CPU time is its own cost.
// Run: npm run bench:data-parallel -w @nnunet-ts/trainer [-- --edge 32 --warmup 2 --steps 8 --repeats 3 --engines tcp,mpi]
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
    engines: { type: 'string', default: 'tcp,mpi' },
  },
});
const worker = fileURLToPath(new URL('./dataParallelWorker.ts', import.meta.url));

interface Result {
  backend: string;
  kernels: string;
  threads: string;
  ranks: number;
  batchPerRank: number;
  parameters: number;
  medianStepMs: number;
  allreduceMsPerStep: number;
  allreduceCpuMsPerStep: number;
  imagesPerSecond: number;
}

interface Configuration {
  name: string;
  ranks: number;
  threads: number;
  batchPerRank: number;
  engine?: 'tcp' | 'mpi';
}

async function measure({ ranks, threads, batchPerRank, engine }: Configuration): Promise<Result> {
  let output = '';
  let errors = '';
  const code = await runLauncher(
    [
      '-np',
      String(ranks),
      ...(engine === 'mpi' ? ['--mpirun', '--mpi-args', '--oversubscribe'] : []),
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
      env: {
        ...process.env,
        NNUNET_NUM_THREADS: String(threads),
        // a benchmark run as root (a container) needs these for mpirun
        OMPI_ALLOW_RUN_AS_ROOT: '1',
        OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
      },
    },
  );
  if (code !== 0) throw new Error(`${ranks} rank(s) × ${threads} thread(s) failed (${code}):\n${errors}`);
  if (engine && !output.includes(`"backend":"${engine}"`))
    throw new Error(`expected the ${engine} engine:\n${output}`);
  const line = output.split('\n').find((l) => l.startsWith('[0] {'));
  return JSON.parse(line!.slice(4)) as Result;
}

const engines = values.engines.split(',') as ('tcp' | 'mpi')[];
const configurations: Configuration[] = [
  { name: '1 rank, 2 threads', ranks: 1, threads: 2, batchPerRank: 2 },
  ...engines.map((engine) => ({
    name: `2 ranks, 1 thread each, ${engine === 'mpi' ? 'MPI' : 'TCP ring'}`,
    ranks: 2,
    threads: 1,
    batchPerRank: 1,
    engine,
  })),
  { name: '1 rank, 1 thread', ranks: 1, threads: 1, batchPerRank: 1 },
];
const single = configurations.length - 1;
// Rounds of all three, so that each round's ratios compare runs made close together in time
// (the load of a shared machine drifts).
const rounds: Result[][] = [];
const loads = [loadavg()[0]!];
for (let round = 0; round < Number(values.repeats); round++) {
  const results: Result[] = [];
  for (const c of configurations) results.push(await measure(c));
  loads.push(loadavg()[0]!);
  rounds.push(results);
  const rates = results.map((r) => r.imagesPerSecond);
  const parallel = engines.map(
    (engine, e) =>
      `${engine}: 2×1 vs 1×2 ${(rates[e + 1]! / rates[0]!).toFixed(2)}×, weak scaling ${(rates[e + 1]! / rates[single]!).toFixed(2)}×`,
  );
  console.log(
    `round ${round + 1}: img/s ${rates.map((x) => x.toFixed(3)).join(' / ')}; ${parallel.join('; ')}; load ${loads.at(-1)!.toFixed(2)}`,
  );
}

const first = rounds[0]![0]!;
console.log(
  `\nkernels ${first.kernels}; 3D U-Net ${values.edge}³ patch, ${first.parameters} parameters ` +
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
engines.forEach((engine, e) => {
  console.log(
    `${engine}: 2 ranks × 1 thread / 1 rank × 2 threads (same global batch 2): ${ratio(e + 1, 0).toFixed(2)}× (median of rounds); ` +
      `weak scaling (batch 1 per rank, 1 thread per rank): 2 ranks / 1 rank = ${ratio(e + 1, single).toFixed(2)}× (ideal 2×)`,
  );
});
if (engines.includes('mpi') && engines.includes('tcp')) {
  const at = (engine: string) => engines.indexOf(engine as 'tcp' | 'mpi') + 1;
  console.log(
    `MPI / TCP ring, 2 ranks × 1 thread: ${ratio(at('mpi'), at('tcp')).toFixed(2)}× img/s (median of rounds)`,
  );
}
