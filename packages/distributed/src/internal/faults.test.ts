import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectiveError } from './CollectiveError';
import { initDistributed } from './initDistributed';
import { parseHosts } from './parseHosts';
import { planSlots } from './planSlots';
import { startRendezvousServer } from './RendezvousServer';
import { startInProcessJob, type InProcessJob } from './testing/startInProcessJob';
import { TSX_WORKER_COMMAND } from './testing/tsxWorker';
import { workerEnv } from './workerEnv';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function job(size: number, timeoutMs = 10_000): Promise<InProcessJob> {
  // Ranks wait only briefly for a launcher's account: the test's server gives one only when asked.
  const j = await startInProcessJob(size, { timeoutMs, launcherGraceMs: 100 });
  cleanups.push(() => j.close());
  return j;
}
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the collective to fail');
    },
    (error: unknown) => error as CollectiveError,
  );

describe('failures', () => {
  it('a rank that stays silent fails every other rank within the timeout, naming it', async () => {
    const { contexts } = await job(4, 300);
    const silent = 2;
    const errors = await Promise.all(
      contexts.filter((c) => c.rank !== silent).map((c) => failureOf(c.allreduce(new Float32Array(10)))),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(CollectiveError);
      expect(error.vanishedRank).toBe(silent);
      expect(error.message).toMatch(/rank 2 sent nothing for \d+ ms during allreduce\(sum\) #1$/);
    }
    expect(errors.map((e) => e.rank)).toEqual([0, 1, 3]);
    // The abort also reached the silent rank: its next call fails at once with the same cause.
    await expect(contexts[silent]!.barrier()).rejects.toThrow(/rank 2 sent nothing for \d+ ms/);
  });

  it('a killed worker process fails the others at once, naming its rank', async () => {
    const size = 3;
    const jobToken = 'kill-test';
    const server = await startRendezvousServer({ size, jobToken, listenHost: '127.0.0.1' });
    cleanups.push(() => server.close());
    const slots = planSlots(size, parseHosts(`localhost:${size}`));
    const envOf = (rank: number) =>
      workerEnv(slots[rank]!, { rendezvous: server.address, jobToken, timeoutMs: 60_000 });
    const child = spawn(TSX_WORKER_COMMAND[0]!, TSX_WORKER_COMMAND.slice(1), {
      env: { ...process.env, ...envOf(2), NNUNET_TEST_MODE: 'hang' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve()),
    );
    const contexts = await Promise.all(
      [0, 1].map((rank) => initDistributed({ env: envOf(rank), launcherGraceMs: 100 })),
    );
    cleanups.push(() => Promise.all(contexts.map((c) => c.close())).then(() => undefined));
    await Promise.all(contexts.map((c) => c.allreduce(new Float32Array(3))));
    await ready;

    child.kill('SIGKILL');
    await once(child, 'exit');
    const errors = await Promise.all(contexts.map((c) => failureOf(c.allreduce(new Float32Array(3)))));
    for (const error of errors) {
      expect(error.vanishedRank).toBe(2);
      expect(error.message).toMatch(/rank 2 vanished: (its connection closed|connection error)/);
    }
  });

  it('ranks calling different collectives fail with a message that says so', async () => {
    const { contexts } = await job(2);
    // The root of a broadcast only sends, so it finishes; its next call carries the failure.
    const [error] = await Promise.all([
      failureOf(contexts[0]!.allreduce(new Float32Array(4))),
      contexts[1]!.broadcast(new Float32Array(4), 1),
    ]);
    const expected =
      'rank 0: rank 1 sent broadcast(root 1) #1 while rank 0 runs allreduce(sum) #1: ' +
      'every rank must call the same collectives in the same order with the same arguments';
    expect(error.message).toBe(expected);
    // Rank 1 reads rank 0's abort (or, should it not have arrived yet, the allreduce frames before it).
    const later = await failureOf(contexts[1]!.barrier());
    expect([
      `rank 1: the job failed: ${expected}`,
      'rank 1: rank 0 sent allreduce(sum) #1 while rank 1 runs barrier #2: ' +
        'every rank must call the same collectives in the same order with the same arguments',
    ]).toContain(later.message);
  });

  it('buffers of different lengths fail instead of mixing data', async () => {
    const { contexts } = await job(2);
    const errors = await Promise.all([
      failureOf(contexts[0]!.allreduce(new Float32Array(4))),
      failureOf(contexts[1]!.allreduce(new Float32Array(6))),
    ]);
    expect(errors.some((e) => /the buffers differ in length across ranks/.test(e.message))).toBe(true);
  });

  it('a job stopped by the launcher fails collectives with the launcher’s reason', async () => {
    const j = await job(2);
    const pending = failureOf(j.contexts[0]!.allreduce(new Float32Array(4)));
    j.server.abort('rank 7 exited with code 1', 7);
    const error = await pending;
    expect(error.message).toContain('the job was stopped: rank 7 exited with code 1');
    expect(error.vanishedRank).toBe(7);
  });

  it('closing is no failure for the neighbours, and a closed context refuses calls', async () => {
    const { contexts } = await job(3);
    await Promise.all(contexts.map((c) => c.allreduce(new Float32Array(100_000))));
    await contexts[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(contexts.map((c) => c.failure)).toEqual([null, null, null]);
    await expect(contexts[0]!.allreduce(new Float32Array(1))).rejects.toThrow(
      'rank 0: the distributed context is closed',
    );
    // The others calling another collective now is an error that names the closed rank.
    const errors = await Promise.all(contexts.slice(1).map((c) => failureOf(c.barrier())));
    expect(
      errors.some((e) => /rank 0 closed its context while rank \d runs barrier #2/.test(e.message)),
    ).toBe(true);
  });
});
