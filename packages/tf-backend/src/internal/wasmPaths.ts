import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let folder: string | undefined;

/**
 * Points tfjs-backend-wasm at the `.wasm` binaries in its own dist folder (in Node it cannot
 * find them by itself) and returns that folder. Must run before the wasm backend initialises.
 */
export function configureWasmPaths(): string {
  if (folder === undefined) {
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    folder = dirname(entry) + sep;
    setWasmPaths(folder);
  }
  return folder;
}
