import type { CaseShare } from '@nnunet-ts/datasets';
import type { CliIo } from './CliIo';

/** The job a case-parallel command (preprocess, predict, evaluate) runs in. */
export interface CaseJob {
  /** undefined for a single process */
  share?: CaseShare;
  /** rank 0 (or the single process): it prints the outcome and writes the summary */
  isRoot: boolean;
  close(): Promise<void>;
}

const SINGLE_PROCESS: CaseJob = { isRoot: true, close: async () => undefined };

/**
 * Started as one of several ranks (mpirun, srun, nnunet-run), the command joins the job over
 * `@nnunet-ts/distributed` (MPI under an MPI launcher, else the TCP ring) and shares the cases out
 * with the other ranks, taking one GPU and its share of the host's cores (`rankResources`); a
 * process started on its own runs alone.
 */
export async function joinCaseJob(io: CliIo): Promise<CaseJob> {
  const { allgatherJson, detectSlot, initDistributed, mpiLauncherOf, rankResources, rootFirst } =
    await import('@nnunet-ts/distributed');
  const env = io.env as NodeJS.ProcessEnv;
  if (detectSlot(env).size === 1 && mpiLauncherOf(env) === null) return SINGLE_PROCESS;
  const context = await initDistributed({ env });
  if (context.size === 1) {
    await context.close();
    return SINGLE_PROCESS;
  }
  // before the backend starts: this rank's GPU and its share of the host's cores
  const { localRank, localSize } = context;
  Object.assign(process.env, rankResources({ env, localRank, localSize }));
  context.activity = 'sharing out the cases';
  return {
    share: {
      rank: context.rank,
      size: context.size,
      rootFirst: (work) => rootFirst(context, work),
      allgather: (value) => allgatherJson(context, value),
    },
    isRoot: context.rank === 0,
    close: () => context.close(),
  };
}
