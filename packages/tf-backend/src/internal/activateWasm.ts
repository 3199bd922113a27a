import { env, setBackend } from '@tensorflow/tfjs';
import type { Activation } from './Activation';
import { errorMessage } from './errorMessage';
import { configureWasmPaths } from './wasmPaths';

/** tfjs's WebAssembly backend; single-threaded in Node, where tfjs turns wasm threads off. */
export async function activateWasm(): Promise<Activation> {
  let folder: string;
  try {
    folder = configureWasmPaths();
  } catch (error) {
    return { ok: false, reason: `cannot point tfjs-backend-wasm at its binaries: ${errorMessage(error)}` };
  }
  if (!(await setBackend('wasm'))) {
    return { ok: false, reason: `tf.setBackend('wasm') failed to initialise the binaries in ${folder}` };
  }
  const simd = env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  return { ok: true, reason: `tfjs-backend-wasm (${simd}, single thread)` };
}
