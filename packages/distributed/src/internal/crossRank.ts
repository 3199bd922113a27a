/**
 * Horovod's cross rank: among the hosts that run a process with this local rank, the index of
 * this host and their number. `localSizes[h]` is the number of ranks on host h, in host order.
 */
export function crossRank(
  localSizes: readonly number[],
  hostIndex: number,
  localRank: number,
): { crossRank: number; crossSize: number } {
  let before = 0;
  let crossSize = 0;
  localSizes.forEach((size, h) => {
    if (size > localRank) {
      crossSize++;
      if (h < hostIndex) before++;
    }
  });
  return { crossRank: before, crossSize };
}
