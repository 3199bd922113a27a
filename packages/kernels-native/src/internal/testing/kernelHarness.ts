import { backend, tensor } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** Deterministic values in [-1, 1) (mulberry32), so a failing case can be rerun exactly. */
export function randomValues(length: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** max |actual - expected| / max |expected|: the error relative to the result's scale. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / (scale || 1);
}

export interface KernelInput {
  shape: number[];
  values: Float32Array;
}

/** Runs a kernel config's function directly on the active backend (tfjs cpu) and returns each output's values and shape. */
export function runKernelOutputs(
  config: KernelConfig,
  inputs: Record<string, KernelInput>,
  attrs: object,
): { shape: number[]; values: Float32Array }[] {
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, i]) => [name, tensor(i.values, i.shape)]),
  );
  try {
    const result = config.kernelFunc({
      inputs: tensors,
      backend: backend(),
      attrs: attrs as NamedAttrMap,
    }) as TensorInfo | TensorInfo[];
    return (Array.isArray(result) ? result : [result]).map((r) => {
      const values = backend().readSync(r.dataId) as Float32Array;
      backend().disposeData(r.dataId);
      return { shape: r.shape, values };
    });
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

/** runKernelOutputs for a kernel with one output. */
export function runKernel(
  config: KernelConfig,
  inputs: Record<string, KernelInput>,
  attrs: object,
): { shape: number[]; values: Float32Array } {
  const outputs = runKernelOutputs(config, inputs, attrs);
  if (outputs.length !== 1)
    throw new Error(`${config.kernelName} gave ${outputs.length} outputs, expected 1`);
  return outputs[0]!;
}

interface IsaSwitch {
  setForceScalar(force: boolean): void;
  status(): { cpuHasAvx2Fma: boolean };
}

/**
 * The instruction sets this CPU can run: AVX2/FMA where present, and always the scalar path. None
 * without the addon: skipped describe blocks still run their bodies to collect tests.
 */
export function testableIsas(addon: IsaSwitch | undefined): Array<'avx2-fma' | 'scalar'> {
  if (!addon) return [];
  return addon.status().cpuHasAvx2Fma ? ['avx2-fma', 'scalar'] : ['scalar'];
}

/** Runs fn with the addon on the given instruction set, then switches back to the default. */
export function withIsa<T>(addon: IsaSwitch, isa: 'avx2-fma' | 'scalar', fn: () => T): T {
  addon.setForceScalar(isa === 'scalar');
  try {
    return fn();
  } finally {
    addon.setForceScalar(false);
  }
}
