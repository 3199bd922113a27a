import type { SourceRecipe } from '../CaseSource';
import type { SampleJob, SamplerConfig } from './SampleMaker';

/** Parent → worker: open the source and build the pipeline; sample files go to `transferDir`. */
export interface InitMessage {
  readonly type: 'init';
  readonly recipe: SourceRecipe;
  readonly config: SamplerConfig;
  readonly transferDir: string;
}

/** Parent → worker: make one sample (a worker has at most one at a time). */
export interface JobMessage {
  readonly type: 'job';
  readonly task: number;
  readonly job: SampleJob;
}

export type ToWorker = InitMessage | JobMessage;

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly message: string }
  /** The sample's image bytes, then its label bytes, are in `file`; the parent deletes it. */
  | { readonly type: 'done'; readonly task: number; readonly file: string }
  | { readonly type: 'failed'; readonly task: number; readonly message: string };
