import type { DistributedContext } from './DistributedContext';

/**
 * Runs `work` on rank 0, then on the other ranks once rank 0 is done: for work on shared files
 * (planning a dataset, writing a manifest) that the other ranks then find finished. Every rank
 * must call it at the same point.
 */
export async function rootFirst<T>(context: DistributedContext, work: () => Promise<T>): Promise<T> {
  if (context.rank === 0) {
    const result = await work();
    await context.barrier();
    return result;
  }
  await context.barrier();
  return work();
}
