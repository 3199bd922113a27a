import { describeExit, type WorkerCrash } from '../WorkerCrashError';

/** The default `onWorkerCrash`: one line on stderr. */
export function reportCrash(crash: WorkerCrash): void {
  process.stderr.write(
    `data-loader: worker ${crash.workerId} died (${describeExit(crash)}) while making a sample of case '${crash.caseId}'; ` +
      `started a new worker${crash.willRetry ? ' and retrying the sample' : ''}\n`,
  );
}
