/** What a caller may ask `initBackend` for; `auto` walks the fallback order. */
export type BackendChoice = 'auto' | 'tensorflow' | 'native' | 'wasm' | 'cpu';

/** The backends `initBackend` can end up on. `native` runs on tfjs's `cpu` backend with replaced kernels. */
export type BackendName = Exclude<BackendChoice, 'auto'>;

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'native', 'wasm', 'cpu'];

/** One candidate that `initBackend` tried, and why it worked or did not. */
export interface BackendAttempt {
  /** The candidate: `tfjs-node-gpu`, `tfjs-node`, `native`, `wasm` or `cpu`. */
  backend: string;
  ok: boolean;
  reason: string;
}

export interface BackendReport {
  backend: BackendName;
  /** The name tfjs itself reports (`tf.getBackend()`): `tensorflow`, `cpu` or `wasm`. */
  tfjsBackend: string;
  /** Why this backend was picked. */
  reason: string;
  /** Every candidate tried, in order, the picked one last. */
  attempts: BackendAttempt[];
}

export interface InitBackendOptions {
  backend?: BackendChoice;
  /** Receives one line per attempt and one for the final pick. */
  log?: (msg: string) => void;
}
