import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `nativeAddonStatus()` reports. */
export interface NativeAddonStatus {
  /** true when the compiled addon loaded and its kernels can be registered */
  available: boolean;
  /** why it is unavailable, or which build was loaded */
  reason: string;
  /** instruction set of the kernels: AVX2/FMA or the portable scalar path */
  isa?: 'avx2-fma' | 'scalar';
  /** threads the kernels run on */
  threads?: number;
}

/** The functions of build/Release/nnunet_kernels.node (native/addon.cc). */
export interface NativeAddon {
  convForward(x: Float32Array, filter: Float32Array, y: Float32Array, geometry: Int32Array): void;
  convBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  convBackpropFilter(x: Float32Array, dy: Float32Array, dFilter: Float32Array, geometry: Int32Array): void;
  biasActivation(
    y: Float32Array,
    bias: Float32Array | null,
    channels: number,
    activation: number,
    alpha: number,
  ): void;
  /** op: Add 0, Sub 1, Multiply 2, RealDiv 3, Greater 4; pairing: same 0, scalar 1, lastAxis 2, perRow 3 */
  binaryElementwise(
    op: number,
    pairing: number,
    swapped: boolean,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array | Uint8Array,
    cols: number,
  ): void;
  /** parts and whole as [rows, width]: whole's row r is the parts' rows r side by side; toWhole concatenates, else splits */
  concatSplit(parts: Float32Array[], whole: Float32Array, rows: number, toWhole: boolean): void;
  /** op: Exp 0, Neg 1 */
  unaryElementwise(op: number, x: Float32Array, y: Float32Array): void;
  leakyRelu(x: Float32Array, y: Float32Array, alpha: number): void;
  leakyReluGrad(dy: Float32Array, x: Float32Array, dx: Float32Array, alpha: number): void;
  /** channels = gamma.length; mean and invStd hold one value per (sample, group) */
  groupNormForward(
    x: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    y: Float32Array,
    mean: Float32Array,
    invStd: Float32Array,
    batch: number,
    groups: number,
    epsilon: number,
  ): void;
  groupNormBackward(
    dy: Float32Array,
    x: Float32Array,
    gamma: Float32Array,
    mean: Float32Array,
    invStd: Float32Array,
    dx: Float32Array,
    dgamma: Float32Array,
    dbeta: Float32Array,
    batch: number,
    groups: number,
  ): void;
  /** x as [outer, mid, inner] summed over mid into out [outer, inner] */
  sumMiddle(x: Float32Array, out: Float32Array, outer: number, mid: number, inner: number): void;
  softmaxRows(x: Float32Array, y: Float32Array, length: number): void;
  setThreads(n: number): number;
  setForceScalar(force: boolean): void;
  status(): { isa: 'avx2-fma' | 'scalar'; threads: number; cpuHasAvx2Fma: boolean };
}

const PACKAGE_NAME = '@nnunet-ts/kernels-native';
const ADDON_FILE = join('build', 'Release', 'nnunet_kernels.node');

/** The package root: the nearest folder above this module (src/internal/ or dist/) with our package.json. */
function findPackageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Where the compiled addon is expected, or undefined when the package root cannot be found. */
export function nativeAddonFile(): string | undefined {
  const root = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return root && join(root, ADDON_FILE);
}

function load(): { addon?: NativeAddon; reason: string } {
  const file = nativeAddonFile();
  if (!file) return { reason: `no ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}` };
  if (!existsSync(file)) {
    return { reason: `${file} is missing: the native build failed or did not run (npm run build:native)` };
  }
  try {
    const addon = createRequire(import.meta.url)(file) as NativeAddon;
    return { addon, reason: `loaded ${file}` };
  } catch (error) {
    return { reason: `loading ${file} failed: ${(error as Error).message}` };
  }
}

let loaded: { addon?: NativeAddon; reason: string } | undefined;

/** The addon, loaded once; undefined when it is unavailable (see nativeAddonStatus().reason). */
export function loadNativeAddon(): NativeAddon | undefined {
  loaded ??= load();
  return loaded.addon;
}

/** The addon, or a clear error saying why it is unavailable. */
export function requireNativeAddon(): NativeAddon {
  const addon = loadNativeAddon();
  if (!addon) throw new Error(`${PACKAGE_NAME}: the native addon is unavailable: ${loaded?.reason}`);
  return addon;
}

/** Whether the native kernels can be used, and if not, why. Never throws. */
export function nativeAddonStatus(): NativeAddonStatus {
  try {
    const addon = loadNativeAddon();
    if (!addon) return { available: false, reason: loaded?.reason ?? 'not loaded' };
    const { isa, threads } = addon.status();
    return { available: true, reason: loaded?.reason ?? '', isa, threads };
  } catch (error) {
    return { available: false, reason: `status check failed: ${(error as Error).message}` };
  }
}

/** Sets how many threads the native kernels use (the default is NNUNET_NUM_THREADS, else all cores). */
export function setNativeThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${PACKAGE_NAME}: setNativeThreads(n): n must be an integer >= 1, got ${n}`);
  }
  requireNativeAddon().setThreads(n);
}
