import type { BrowserBackendName } from '@nnunet-ts/tf-backend/browser';

/**
 * Messages from the page to the inference worker; `backend` is the page's `?backend=` (auto, webgl,
 * wasm or cpu), checked by the worker.
 */
export type WorkerRequest =
  | { type: 'load-model'; files: File[]; backend: string }
  | { type: 'segment'; name: string; bytes: ArrayBuffer };

/** What the worker says about a loaded model. */
export interface ModelInfo {
  patchSize: number[];
  spacing: number[];
  inChannels: number;
  classes: number;
  /** the tfjs backend the worker runs on: `webgl`, else `wasm`, else `cpu` */
  backend: BrowserBackendName;
  /** why: the backend's details and what was passed over */
  backendReason: string;
}

/** Messages from the inference worker to the page. */
export type WorkerResponse =
  | { type: 'model-loaded'; info: ModelInfo }
  | { type: 'progress'; done: number; total: number }
  | { type: 'segmented'; name: string; niftiGz: ArrayBuffer; seconds: number }
  | { type: 'error'; message: string };
