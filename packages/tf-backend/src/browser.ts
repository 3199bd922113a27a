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

/** `file://` model folders exist in Node only; packages bundled into a page import this name too. */
export function fileIOHandler(path: string): never {
  throw new Error(
    `fileIOHandler(${JSON.stringify(path)}): file:// model folders are read in Node only; in a browser use tf.io.browserFiles`,
  );
}
