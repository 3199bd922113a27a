import { Random } from '@nnunet-ts/augment';

/** Stream key of the per-epoch shuffle: every rank draws the same permutation from (seed, ORDER, epoch). */
const ORDER = 0;

/**
 * The cases rank `rank` of `size` visits in `epoch`: one seeded permutation of all ids, shared by all ranks,
 * dealt out round-robin, so the ranks' lists are disjoint and together hold every case once.
 */
export function shardedCaseOrder(
  ids: readonly string[],
  seed: number,
  epoch: number,
  rank: number,
  size: number,
): string[] {
  const order = [...ids];
  const random = Random.derive(seed, ORDER, epoch);
  // Fisher–Yates.
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.filter((_, i) => i % size === rank);
}
