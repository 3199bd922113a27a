/** Messages from the page to the inference worker. */
export type WorkerRequest =
  { type: 'load-model'; files: File[] } | { type: 'segment'; name: string; bytes: ArrayBuffer };

/** What the worker says about a loaded model. */
export interface ModelInfo {
  patchSize: number[];
  spacing: number[];
  inChannels: number;
  classes: number;
  /** the tfjs backend the worker runs on (`webgl`, else `cpu`) */
  backend: string;
}

/** Messages from the inference worker to the page. */
export type WorkerResponse =
  | { type: 'model-loaded'; info: ModelInfo }
  | { type: 'progress'; done: number; total: number }
  | { type: 'segmented'; name: string; niftiGz: ArrayBuffer; seconds: number }
  | { type: 'error'; message: string };
