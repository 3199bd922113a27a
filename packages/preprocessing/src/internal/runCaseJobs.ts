import { fork, type ChildProcess } from 'node:child_process';
import type { Dataset } from '@nnunet-ts/datasets';
import { caseFailure, runCaseJob, type CaseFailure, type CaseJob, type CaseJobResult } from './caseJobs';
import { workerEntry } from './workerEntry';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

export type CaseOutcome = { ok: true; result: CaseJobResult } | { ok: false; failure: CaseFailure };

export interface RunCaseJobsOptions {
  /** worker processes; 1 runs the jobs one after another in this process */
  nJobs: number;
  /** called as each case finishes, in completion order */
  onOutcome?: (caseId: string, outcome: CaseOutcome) => void;
}

/** Characters of a crashed worker's stderr kept for its failure report. */
const STDERR_TAIL = 600;

/**
 * Runs per-case jobs, in parallel worker processes (`child_process.fork`) or in this process. A job that
 * throws, or whose worker dies (out of memory, killed), becomes a failure naming the case's file; the
 * other jobs go on, on a fresh worker if needed. Resolves with every case's outcome.
 */
export async function runCaseJobs(
  dataset: Dataset,
  jobs: readonly CaseJob[],
  { nJobs, onOutcome }: RunCaseJobsOptions,
): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  const record = (caseId: string, outcome: CaseOutcome) => {
    outcomes.set(caseId, outcome);
    onOutcome?.(caseId, outcome);
  };
  if (nJobs <= 1 || jobs.length <= 1) {
    for (const job of jobs) {
      try {
        record(job.caseId, { ok: true, result: await runCaseJob(dataset, job) });
      } catch (error) {
        record(job.caseId, { ok: false, failure: caseFailure(dataset, job.caseId, error) });
      }
    }
    return outcomes;
  }

  const entry = workerEntry();
  const queue = jobs.map((job, id) => ({ id, job }));
  let running = 0;
  await new Promise<void>((resolve) => {
    const start = () => {
      const next = queue.shift();
      if (!next) return;
      running++;
      const child: ChildProcess = fork(entry.file, [], {
        execArgv: entry.execArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
      });
      let current: { id: number; job: CaseJob } | undefined = next;
      const send = (message: WorkerRequest) => child.send(message);
      send({ type: 'init', dataset });
      send({ type: 'job', ...next });
      child.on('message', (reply: WorkerReply) => {
        if (!current || reply.id !== current.id) return;
        const caseId = current.job.caseId;
        record(
          caseId,
          reply.type === 'done' ? { ok: true, result: reply.result } : { ok: false, failure: reply.failure },
        );
        current = queue.shift();
        send(current ? { type: 'job', ...current } : { type: 'stop' });
      });
      let ended = false;
      const end = (why: string) => {
        if (ended) return;
        ended = true;
        running--;
        if (current) {
          const reason = `worker process ${why} while on this case${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
          record(current.job.caseId, {
            ok: false,
            failure: { ...caseFailure(dataset, current.job.caseId, reason) },
          });
          current = undefined;
          // every crash fails its job, so this cannot loop forever
          start();
        }
        if (running === 0 && queue.length === 0) resolve();
      };
      child.on('exit', (code, signal) => end(signal ? `was killed (${signal})` : `exited with code ${code}`));
      child.on('error', (error) => end(`failed (${error.message})`));
    };
    for (let w = 0; w < Math.min(nJobs, jobs.length); w++) start();
  });
  return outcomes;
}
