// A worker process for per-case jobs (started by runCaseJobs with child_process.fork). It receives the
// dataset once, then one job at a time, and answers each with its result or failure.
import type { Dataset } from '@nnunet-ts/datasets';
import { caseFailure, runCaseJob } from './caseJobs';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

let dataset: Dataset | undefined;

// the parent is gone (killed): stop now rather than finish a case nobody will collect
process.on('disconnect', () => process.exit(0));

const reply = (message: WorkerReply) => process.send?.(message);

process.on('message', (message: WorkerRequest) => {
  if (message.type === 'init') {
    dataset = message.dataset;
    return;
  }
  if (message.type === 'stop') {
    process.disconnect();
    return;
  }
  const { id, job } = message;
  if (!dataset) {
    reply({
      type: 'failed',
      id,
      failure: { caseId: job.caseId, file: job.caseId, reason: 'worker got a job before the dataset' },
    });
    return;
  }
  const current = dataset;
  runCaseJob(current, job).then(
    (result) => reply({ type: 'done', id, result }),
    (error: unknown) => reply({ type: 'failed', id, failure: caseFailure(current, job.caseId, error) }),
  );
});
