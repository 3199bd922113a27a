import { registerFileRouter } from './io/fileRouter';
import { registerComputePieces } from './registerComputePieces';

/**
 * Registers what tfjs 4.22 lacks in Node: the gradient and wasm kernels of
 * `registerComputePieces`, and the `file://` model IO router. Idempotent, as both parts are.
 */
export function registerMissingPieces(): void {
  registerComputePieces();
  registerFileRouter();
}
