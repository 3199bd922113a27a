/** What the loader reports when a worker process dies while making a sample. */
export interface WorkerCrash {
  readonly workerId: number;
  /** The case the worker was cutting a sample from. */
  readonly caseId: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** 1 for the first crash on this sample, 2 for the second, ... */
  readonly attempt: number;
  /** Whether the sample is tried again on the replacement worker. */
  readonly willRetry: boolean;
}

/** A sample whose worker died on every attempt: the batch it belongs to fails with this error. */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';

  constructor(readonly crash: WorkerCrash) {
    super(
      `data-loader: worker ${crash.workerId} died (${describeExit(crash)}) while making a sample of case '${crash.caseId}'` +
        ` (${crash.attempt} attempt${crash.attempt === 1 ? '' : 's'})`,
    );
  }
}

export function describeExit({ exitCode, signal }: Pick<WorkerCrash, 'exitCode' | 'signal'>): string {
  return signal ? `signal ${signal}` : `exit code ${exitCode}`;
}
