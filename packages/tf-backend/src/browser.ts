// @nnunet-ts/tf-backend/browser (also what `@nnunet-ts/tf-backend` resolves to for browser bundlers):
// tfjs for web pages and workers. It picks WebGL → wasm → cpu with `initBrowserBackend` and brings
// the wasm convolution kernels; backend selection for Node and file:// IO stay in the Node entry.
export * as tf from '@tensorflow/tfjs';
export type { BackendAttempt } from './internal/BackendReport';
export {
  BROWSER_BACKEND_CHOICES,
  initBrowserBackend,
  type BrowserBackendChoice,
  type BrowserBackendName,
  type BrowserBackendOptions,
  type BrowserBackendReport,
} from './internal/initBrowserBackend';

// The Node entry's functions that packages bundled into a page import (unet-model's saveUNet,
// trainer's train) without calling them there: same names, a clear error if called.

/** `file://` model folders exist in Node only. */
export function fileIOHandler(path: string): never {
  throw new Error(
    `fileIOHandler(${JSON.stringify(path)}): file:// model folders are read in Node only; in a browser use tf.io.browserFiles`,
  );
}

/** Node's backend selection (tfjs-node, kernels-native); browsers have `initBrowserBackend`. */
export function initBackend(): Promise<never> {
  return Promise.reject(
    new Error(
      'initBackend picks Node backends; in a browser use initBrowserBackend (@nnunet-ts/tf-backend/browser)',
    ),
  );
}
