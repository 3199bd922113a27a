import { env, getBackend, setBackend } from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendAttempt } from './BackendReport';
import { errorMessage } from './errorMessage';
import { registerComputePieces } from './registerComputePieces';

/** The tfjs backends a web page or worker can run on. */
export type BrowserBackendName = 'webgl' | 'wasm' | 'cpu';

export const BROWSER_BACKEND_CHOICES = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackendChoice = (typeof BROWSER_BACKEND_CHOICES)[number];

export interface BrowserBackendOptions {
  /** `auto` (default) tries webgl → wasm → cpu; an explicit choice that fails throws */
  backend?: BrowserBackendChoice;
  /**
   * URL of the folder (ending in `/`) from which the page serves tfjs-backend-wasm's `.wasm` files
   * (copied from `wasmBinariesFolder()`), so that nothing is fetched from elsewhere
   */
  wasmPaths: string;
}

export interface BrowserBackendReport {
  backend: BrowserBackendName;
  /** why this backend: its details, and for `auto` why the ones before it were passed over */
  reason: string;
  /** every candidate tried, in order, the picked one last */
  attempts: BackendAttempt[];
}

const AUTO_ORDER: BrowserBackendName[] = ['webgl', 'wasm', 'cpu'];

async function activate(name: BrowserBackendName, wasmPaths: string): Promise<string> {
  if (name === 'wasm') setWasmPaths(wasmPaths);
  const ok = await setBackend(name);
  if (!ok) {
    throw new Error(
      name === 'wasm'
        ? `tf.setBackend('wasm') failed to initialise the binaries under ${wasmPaths}`
        : `tf.setBackend('${name}') failed (no WebGL context here?)`,
    );
  }
  if (name === 'webgl') return `WebGL ${env().getNumber('WEBGL_VERSION')}`;
  if (name === 'wasm') {
    const simd = env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
    const threads = env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : 'single thread';
    return `tfjs-backend-wasm (${simd}, ${threads})`;
  }
  return 'tfjs cpu (plain JavaScript)';
}

/**
 * Picks a tfjs backend in a web page or worker: WebGL, else WebAssembly (with tf-backend's im2col
 * convolution kernels, binaries from `wasmPaths`), else plain JavaScript, and says which and why.
 */
export async function initBrowserBackend(options: BrowserBackendOptions): Promise<BrowserBackendReport> {
  const choice = options.backend ?? 'auto';
  if (!BROWSER_BACKEND_CHOICES.includes(choice)) {
    throw new Error(
      `initBrowserBackend: unknown backend '${String(choice)}', expected one of ${BROWSER_BACKEND_CHOICES.join(', ')}`,
    );
  }
  registerComputePieces();
  const attempts: BackendAttempt[] = [];
  for (const name of choice === 'auto' ? AUTO_ORDER : [choice]) {
    try {
      const reason = await activate(name, options.wasmPaths);
      attempts.push({ backend: name, ok: true, reason });
      const passedOver = attempts
        .filter((a) => !a.ok)
        .map((a) => `${a.backend} unavailable: ${a.reason}`)
        .join('; ');
      return {
        backend: getBackend() as BrowserBackendName,
        reason: passedOver ? `${reason} (${passedOver})` : reason,
        attempts,
      };
    } catch (error) {
      attempts.push({ backend: name, ok: false, reason: errorMessage(error) });
    }
  }
  const reasons = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
  throw new Error(`initBrowserBackend: backend '${choice}' is unavailable (${reasons})`);
}
