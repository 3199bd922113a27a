import { env, getBackend } from '@tensorflow/tfjs';
import type { Activation } from './Activation';
import { activateCpu } from './activateCpu';
import { activateNative } from './activateNative';
import { activateTensorflow } from './activateTensorflow';
import { activateWasm } from './activateWasm';
import { type BackendLoaders, defaultBackendLoaders } from './BackendLoaders';
import {
  BACKEND_CHOICES,
  type BackendAttempt,
  type BackendChoice,
  type BackendName,
  type BackendReport,
  type InitBackendOptions,
} from './BackendReport';
import { registerMissingPieces } from './registerMissingPieces';

interface Candidate {
  label: string;
  backend: BackendName;
  activate: (loaders: BackendLoaders) => Promise<Activation>;
}

const TFJS_NODE_GPU: Candidate = {
  label: 'tfjs-node-gpu',
  backend: 'tensorflow',
  activate: (loaders) => activateTensorflow('@tensorflow/tfjs-node-gpu', loaders.tfjsNodeGpu),
};
const TFJS_NODE: Candidate = {
  label: 'tfjs-node',
  backend: 'tensorflow',
  activate: (loaders) => activateTensorflow('@tensorflow/tfjs-node', loaders.tfjsNode),
};
const NATIVE: Candidate = {
  label: 'native',
  backend: 'native',
  activate: (loaders) => activateNative(loaders.kernelsNative),
};
const WASM: Candidate = { label: 'wasm', backend: 'wasm', activate: () => activateWasm() };
const CPU: Candidate = { label: 'cpu', backend: 'cpu', activate: () => activateCpu() };

const CANDIDATES: Record<BackendChoice, Candidate[]> = {
  auto: [TFJS_NODE_GPU, TFJS_NODE, NATIVE, WASM, CPU],
  tensorflow: [TFJS_NODE_GPU, TFJS_NODE],
  native: [NATIVE],
  wasm: [WASM],
  cpu: [CPU],
};

const AUTO_ORDER = CANDIDATES.auto.map((candidate) => candidate.label).join(' → ');

/** `initBackend` over the given package loaders (tests pass fakes). */
export function createBackendInitializer(
  loaders: BackendLoaders,
): (options?: InitBackendOptions) => Promise<BackendReport> {
  // Calls run one after another: two interleaved switches would leave tfjs on either backend.
  let queue: Promise<unknown> = Promise.resolve();
  return (options = {}) => {
    const run = queue.then(() => selectBackend(loaders, options));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function selectBackend(loaders: BackendLoaders, options: InitBackendOptions): Promise<BackendReport> {
  const choice = options.backend ?? 'auto';
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new Error(
      `initBackend: unknown backend '${String(choice)}', expected one of ${BACKEND_CHOICES.join(', ')}`,
    );
  }
  const log = options.log ?? (() => undefined);
  // tfjs prints a banner and warnings on Node unless one of these flags is set; tests set IS_TEST.
  if (!env().getBool('IS_TEST')) env().set('PROD', true);
  registerMissingPieces();

  const attempts: BackendAttempt[] = [];
  for (const candidate of CANDIDATES[choice]) {
    const { ok, reason } = await candidate.activate(loaders);
    attempts.push({ backend: candidate.label, ok, reason });
    log(`tf-backend: ${candidate.label} ${ok ? 'ok' : 'unavailable'}: ${reason}`);
    if (ok) {
      const why = choice === 'auto' ? `first available of ${AUTO_ORDER}: ${reason}` : `requested: ${reason}`;
      const report: BackendReport = {
        backend: candidate.backend,
        tfjsBackend: getBackend(),
        reason: why,
        attempts,
      };
      log(`tf-backend: using ${report.backend} (tfjs backend '${report.tfjsBackend}')`);
      return report;
    }
  }
  const reasons = attempts.map((attempt) => `${attempt.backend}: ${attempt.reason}`).join('; ');
  throw new Error(`initBackend: backend '${choice}' is unavailable (${reasons})`);
}

/**
 * Picks and initialises a tfjs backend, registers what tfjs 4.22 lacks (the
 * Conv3DBackpropInputV2 gradient, correct wasm conv kernels, `file://` model IO) and reports
 * what it picked and why. `auto` tries tfjs-node-gpu → tfjs-node → native → wasm → cpu; an
 * explicit choice that is unavailable throws, naming why. Safe to call again, e.g. to switch.
 */
export const initBackend = createBackendInitializer(defaultBackendLoaders);
