/** Environment variables that carry a process's rank, in the order they are consulted. */
export const RANK_ENV_VARS = ['NNUNET_RANK', 'RANK', 'OMPI_COMM_WORLD_RANK', 'SLURM_PROCID'] as const;

/**
 * The rank of this process: `rank` when given, otherwise the first of {@link RANK_ENV_VARS} that
 * is set (nnunet-ts's launcher, torchrun-style, Open MPI / horovodrun, Slurm), otherwise 0.
 * Throws when the value is not a non-negative integer, naming where it came from.
 */
export function resolveRank(
  options: { rank?: number; env?: Readonly<Record<string, string | undefined>> } = {},
): number {
  const { rank, env = process.env } = options;
  if (rank !== undefined) {
    if (!Number.isSafeInteger(rank) || rank < 0) {
      throw new RangeError(`logging: option rank must be a non-negative integer, got ${String(rank)}`);
    }
    return rank;
  }
  for (const name of RANK_ENV_VARS) {
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    if (!/^\s*\d+\s*$/.test(text)) {
      throw new RangeError(
        `logging: environment variable ${name} must be a non-negative integer, got '${text}'`,
      );
    }
    return Number(text);
  }
  return 0;
}
