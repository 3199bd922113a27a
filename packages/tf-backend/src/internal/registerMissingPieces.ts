import { registerFileRouter } from './io/fileRouter';
import { registerComputePieces } from './registerComputePieces';

let registered = false;

/**
 * Registers what tfjs 4.22 lacks in Node: the gradient and wasm kernels of
 * `registerComputePieces`, and the `file://` model IO router. Idempotent.
 */
export function registerMissingPieces(): void {
  if (registered) return;
  registerComputePieces();
  registerFileRouter();
  registered = true;
}
