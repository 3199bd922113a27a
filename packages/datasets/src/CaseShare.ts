/**
 * One process's part of a job that shares a dataset's cases out over several processes (ranks of
 * mpirun, srun or nnunet-run): what `preprocess`, `predict` and `evaluate` need of the job. The CLI
 * makes one over `@nnunet-ts/distributed`; a single process passes none.
 */
export interface CaseShare {
  readonly rank: number;
  readonly size: number;
  /** runs `work` on rank 0, then on the other ranks once rank 0 is done (planning, shared files) */
  rootFirst<T>(work: () => Promise<T>): Promise<T>;
  /** every rank's `value` (anything JSON can hold, NaN included), in rank order */
  allgather<T>(value: T): Promise<T[]>;
}

/**
 * This rank's cases: every `size`-th one from its rank on (a case list in a fixed order gives every
 * rank a disjoint part, the parts together the whole, and neighbouring cases of similar size to
 * different ranks). Without a share, all of them.
 */
export function casesOfRank<T>(cases: readonly T[], share?: Pick<CaseShare, 'rank' | 'size'>): T[] {
  if (!share) return [...cases];
  return cases.filter((_, i) => i % share.size === share.rank);
}

/** Every rank's part of a list split by `casesOfRank`, put back in the list's order. */
export function mergeRankParts<T>(parts: readonly (readonly T[])[]): T[] {
  const merged: T[] = [];
  const longest = Math.max(0, ...parts.map((p) => p.length));
  for (let i = 0; i < longest; i++) for (const part of parts) if (i < part.length) merged.push(part[i]!);
  return merged;
}
