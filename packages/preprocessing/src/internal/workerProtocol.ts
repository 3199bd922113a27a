import type { Dataset } from '@nnunet-ts/datasets';
import type { CaseFailure, CaseJob, CaseJobResult } from './caseJobs';

/** Parent → worker messages (sent with the `advanced` serialization, so Maps and typed arrays survive). */
export type WorkerRequest =
  { type: 'init'; dataset: Dataset } | { type: 'job'; id: number; job: CaseJob } | { type: 'stop' };

/** Worker → parent messages. */
export type WorkerReply =
  { type: 'done'; id: number; result: CaseJobResult } | { type: 'failed'; id: number; failure: CaseFailure };
