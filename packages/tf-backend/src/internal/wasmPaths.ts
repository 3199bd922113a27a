import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let folder: string | undefined;

/**
 * The folder (with a trailing separator) that holds tfjs-backend-wasm's `.wasm` binaries: its own
 * dist folder. Web pages copy them from here to serve them themselves (`initBrowserBackend`).
 */
export function wasmBinariesFolder(): string {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return dirname(entry) + sep;
}

/**
 * Points tfjs-backend-wasm at its binaries (in Node it cannot find them by itself) and returns
 * their folder. Must run before the wasm backend initialises.
 */
export function configureWasmPaths(): string {
  if (folder === undefined) {
    folder = wasmBinariesFolder();
    setWasmPaths(folder);
  }
  return folder;
}
