// @nnunet-ts/tf-backend: the one place that knows tfjs backends. It picks and initialises one,
// registers the gradients and kernels tfjs 4.22 lacks, and saves/loads models under file://.
export * as tf from '@tensorflow/tfjs';
export { initBackend } from './internal/initBackend';
export type {
  BackendAttempt,
  BackendChoice,
  BackendName,
  BackendReport,
  InitBackendOptions,
} from './internal/BackendReport';
export { fileIOHandler } from './internal/io/fileIOHandler';
export { wasmBinariesFolder } from './internal/wasmPaths';
