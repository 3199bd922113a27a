// A worker for the tests that run the same program on either engine (under mpirun or nnunet-run):
// joins the job and behaves as NNUNET_TEST_MODE says. Run with `node --import tsx collectiveWorker.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initDistributed } from '../initDistributed';
import { collectiveResults, mixedFloats } from './collectiveResults';

const mode = process.env.NNUNET_TEST_MODE ?? 'collectives';
const ctx = await initDistributed();
const { rank, size } = ctx;

const ownData = (length: number, salt = 0) => mixedFloats(rank, length, salt);

switch (mode) {
  case 'collectives': {
    const results = await collectiveResults(ctx);
    await ctx.barrier();
    // every rank's results in a file of its own (megabytes: too much for interleaved output lines)
    const report = { rank, size, backend: ctx.backend, source: ctx.source, results };
    writeFileSync(join(process.env.NNUNET_TEST_OUT!, `rank${rank}.json`), JSON.stringify(report));
    await ctx.close();
    break;
  }
  case 'mismatch': {
    // rank 1 allreduces while the others wait at a barrier
    ctx.activity = 'epoch 0 step 7';
    try {
      if (rank === 1) await ctx.allreduce(ownData(8), 'sum');
      else await ctx.barrier();
      console.log(`rank ${rank}: no error`);
    } catch (error) {
      console.log(`caught: ${(error as Error).message}`);
      process.exitCode = 3;
    }
    break;
  }
  case 'stall': {
    // rank 1 never calls its allreduce; the others' watchdog aborts the job
    ctx.activity = 'epoch 2 step 41';
    await ctx.barrier();
    console.log(`rank ${rank} ready`);
    if (rank === 1) setInterval(() => {}, 1 << 30);
    else await ctx.allreduce(ownData(16), 'mean');
    break;
  }
  case 'kill': {
    // rank 1 is SIGKILLed while a large allreduce runs
    ctx.activity = 'epoch 1 step 12';
    await ctx.barrier();
    if (rank === 1) setTimeout(() => process.kill(process.pid, 'SIGKILL'), 300);
    for (;;) await ctx.allreduce(ownData(1 << 22), 'mean');
  }
  default:
    throw new Error(`unknown NNUNET_TEST_MODE ${mode}`);
}
