/**
 * Progress of `planDataset` / `preprocessDataset`: one event when a stage starts (`done` 0) and one per
 * case as it finishes, in completion order.
 */
export interface ProgressEvent {
  stage: 'fingerprint' | 'preprocess';
  done: number;
  total: number;
  caseId?: string;
  outcome?: 'ok' | 'failed' | 'skipped';
}

export type ProgressListener = (event: ProgressEvent) => void;

/** A line for the person running the command: a deprecated flag, a plan migrated in memory. */
export type NoticeListener = (message: string) => void;

/** What `planDataset` and `preprocessDataset` report while they run. */
export interface PipelineHooks {
  onProgress?: ProgressListener;
  onNotice?: NoticeListener;
}
