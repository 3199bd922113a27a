import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { initDistributed } from './initDistributed';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('initDistributed', () => {
  it('is a network-free context for a single process, whose collectives return their input', async () => {
    const ctx = await initDistributed({ env: {} });
    expect([ctx.rank, ctx.size, ctx.source]).toEqual([0, 1, 'single-process']);
    const buffer = Float32Array.of(1.5, -2);
    expect(await ctx.allreduce(buffer, 'mean')).toBe(buffer);
    expect(buffer).toEqual(Float32Array.of(1.5, -2));
    expect(await ctx.allgather(buffer)).toEqual([buffer]);
    await ctx.barrier();
    await ctx.close();
  });

  it('under torchrun-style variables, rank 0 hosts the rendezvous for the start only', async () => {
    const port = await freePort();
    const size = 3;
    const envOf = (rank: number) => ({
      RANK: String(rank),
      WORLD_SIZE: String(size),
      LOCAL_RANK: String(rank),
      LOCAL_WORLD_SIZE: String(size),
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: String(port),
    });
    // Rank 2 starts first: it must wait for rank 0's rendezvous to come up.
    const late = initDistributed({ env: envOf(2) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const contexts = [
      await Promise.all([initDistributed({ env: envOf(0) }), initDistributed({ env: envOf(1) })]),
      await late,
    ].flat();
    expect(contexts.map((c) => [c.source, c.rank, c.localRank])).toEqual([
      ['torchrun', 0, 0],
      ['torchrun', 1, 1],
      ['torchrun', 2, 2],
    ]);
    // The rendezvous port is free again once the ring stands.
    const probe = createServer();
    await new Promise<void>((resolve, reject) =>
      probe.once('error', reject).listen(port, '127.0.0.1', resolve),
    );
    await new Promise((resolve) => probe.close(resolve));

    const sums = await Promise.all(contexts.map((c) => c.allreduce(Float32Array.of(c.rank, 1))));
    for (const sum of sums) expect(sum).toEqual(Float32Array.of(3, 3));
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('says what to set when a scheduler gives no rendezvous address', async () => {
    await expect(initDistributed({ env: { RANK: '1', WORLD_SIZE: '2' } })).rejects.toThrow(
      'rank 1 of 2 (torchrun): no rendezvous address; set NNUNET_RENDEZVOUS=host:port (or MASTER_ADDR and MASTER_PORT)',
    );
    await expect(initDistributed({ env: {}, segmentBytes: 6 })).rejects.toThrow(
      'segmentBytes must be a positive multiple of 4, got 6',
    );
  });
});
