import type { DataParallel } from '../../DataParallel';

/** This process's place in the job: whether it speaks for it, and how shared work is ordered. */
export interface TrainingJob {
  /** the data-parallel group when there are several ranks */
  readonly parallel?: DataParallel;
  readonly isRoot: boolean;
  /** a line for a person, from rank 0 only (the other ranks speak through their errors) */
  readonly note: (line: string) => void;
  /** work on shared files: rank 0 first, the others then find it done */
  rootFirst<T>(work: () => Promise<T>): Promise<T>;
}

export function trainingJob(parallel: DataParallel | undefined, note?: (line: string) => void): TrainingJob {
  const isRoot = parallel?.isRoot ?? true;
  return {
    parallel,
    isRoot,
    note: (isRoot && note) || (() => undefined),
    rootFirst: (work) => (parallel ? parallel.rootFirst(work) : work()),
  };
}
