// A worker for the tests that need real processes: joins the job from its environment and
// behaves as NNUNET_TEST_MODE says. Run with `node --import tsx distWorker.ts`.
import { initDistributed } from '../initDistributed';

const mode = process.env.NNUNET_TEST_MODE ?? 'report';
const ctx = await initDistributed();
const ownData = (length: number) => Float32Array.from({ length }, (_, i) => (ctx.rank + 1) * (i + 1));

switch (mode) {
  case 'report': {
    // Sum, mean, broadcast from the last rank and allgather of known arrays, printed for the test to check.
    const length = Number(process.env.NNUNET_TEST_LENGTH ?? 5);
    const sum = await ctx.allreduce(ownData(length), 'sum');
    const mean = await ctx.allreduce(ownData(length), 'mean');
    const broadcast = await ctx.broadcast(ownData(length), ctx.size - 1);
    const gathered = await ctx.allgather(Float32Array.of(ctx.rank, ctx.localRank, ctx.crossRank));
    await ctx.barrier();
    console.log(
      JSON.stringify({
        rank: ctx.rank,
        size: ctx.size,
        localRank: ctx.localRank,
        source: ctx.source,
        backend: ctx.backend,
        sum: [...sum],
        mean: [...mean],
        broadcast: [...broadcast],
        gathered: gathered.map((g) => [...g]),
        cuda: process.env.CUDA_VISIBLE_DEVICES ?? null,
      }),
    );
    // A program may also just end: the context then closes itself on the way out.
    if (!process.env.NNUNET_TEST_SKIP_CLOSE) await ctx.close();
    break;
  }
  case 'hang':
    await ctx.allreduce(ownData(3));
    console.log('ready');
    setInterval(() => {}, 1 << 30);
    break;
  case 'fail': {
    // Rank NNUNET_TEST_FAIL_RANK leaves after the first allreduce (exit code, or a signal it sends
    // itself); the others keep reducing until the job is stopped.
    const failRank = Number(process.env.NNUNET_TEST_FAIL_RANK);
    const how = process.env.NNUNET_TEST_FAIL_HOW ?? '3';
    await ctx.allreduce(ownData(3));
    console.log('first allreduce done');
    if (ctx.rank === failRank) {
      if (/^SIG/.test(how)) process.kill(process.pid, how as NodeJS.Signals);
      else process.exit(Number(how));
    }
    for (;;) await ctx.allreduce(ownData(3));
  }
  case 'signal':
    process.on('SIGTERM', () => {
      console.log(`rank ${ctx.rank} got SIGTERM`);
      process.exit(0);
    });
    await ctx.barrier();
    console.log('ready');
    setInterval(() => {}, 1 << 30);
    break;
  default:
    throw new Error(`distWorker: unknown NNUNET_TEST_MODE '${mode}'`);
}
