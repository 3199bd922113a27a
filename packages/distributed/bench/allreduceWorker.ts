// One rank of the allreduce benchmark (started by allreduce.bench.ts through nnunet-run or mpirun).
// Rank 0 prints one JSON line with the median times of allreduce and of a memory copy.
import { initDistributed } from '../src/index';

const sizesMb = (process.env.BENCH_SIZES_MB ?? '1,4,16,64').split(',').map(Number);
const segmentBytes = process.env.BENCH_SEGMENT_BYTES ? Number(process.env.BENCH_SEGMENT_BYTES) : undefined;
const ctx = await initDistributed({ segmentBytes });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const repeatsFor = (mb: number) => Math.max(5, Math.round(64 / mb));

const results = [];
for (const mb of sizesMb) {
  const length = (mb * 1024 * 1024) / 4;
  const buffer = Float32Array.from({ length }, (_, i) => (i % 1000) * 0.001 + ctx.rank);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r <= repeatsFor(mb); r++) {
    await ctx.barrier(); // start together, so the time is the collective's, not the stragglers'
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await ctx.allreduce(buffer, (process.env.BENCH_OP as 'sum' | 'mean' | undefined) ?? 'mean');
    const cpu = process.cpuUsage(cpuStart);
    if (r > 0) {
      // the first run warms up
      times.push(performance.now() - start);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  const copyTimes: number[] = [];
  if (ctx.rank === 0) {
    const target = new Float32Array(length);
    for (let r = 0; r <= repeatsFor(mb); r++) {
      const start = performance.now();
      target.set(buffer);
      if (r > 0) copyTimes.push(performance.now() - start);
    }
  }
  results.push({
    mb,
    allreduceMs: median(times),
    cpuMs: median(cpuTimes),
    copyMs: ctx.rank === 0 ? median(copyTimes) : null,
  });
}
if (ctx.rank === 0) console.log(JSON.stringify({ size: ctx.size, results }));
await ctx.close();
