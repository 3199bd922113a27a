import { tf } from '@nnunet-ts/tf-backend';

export interface KernelShare {
  /** tfjs kernel name, e.g. `Conv3DBackpropFilterV2` */
  name: string;
  calls: number;
  totalMs: number;
  /** `totalMs` over the summed time of all kernels, in [0, 1] */
  share: number;
}

export interface KernelProfile {
  /** wall time of the profiled run */
  wallMs: number;
  /** time inside kernels, summed; the rest is JavaScript around them (tape, layers, allocation) */
  kernelMs: number;
  /** one entry per kernel name, largest total first */
  kernels: KernelShare[];
}

/**
 * Runs `run` once under `tf.profile` and adds up the time of every kernel call by kernel name.
 * Throws when the backend cannot time kernels.
 */
export async function profileKernels(run: () => Promise<void>): Promise<KernelProfile> {
  const start = performance.now();
  const info = await tf.profile(async () => {
    await run();
    return [];
  });
  const wallMs = performance.now() - start;
  const byName = new Map<string, { calls: number; totalMs: number }>();
  const backend = tf.getBackend();
  for (const kernel of info.kernels) {
    // ops with a custom gradient (fusedConv2d, softmaxCrossEntropy) are also listed under their op
    // name, wrapping the kernels they run: count only registered kernels, so no time counts twice
    if (tf.getKernel(kernel.name, backend) === undefined) continue;
    const ms = await kernel.kernelTimeMs;
    if (typeof ms !== 'number') {
      throw new Error(`profile: backend '${backend}' cannot time kernel ${kernel.name}: ${ms.error}`);
    }
    const entry = byName.get(kernel.name) ?? { calls: 0, totalMs: 0 };
    entry.calls += 1;
    entry.totalMs += ms;
    byName.set(kernel.name, entry);
  }
  const kernelMs = [...byName.values()].reduce((sum, entry) => sum + entry.totalMs, 0);
  const kernels = [...byName.entries()]
    .map(([name, { calls, totalMs }]) => ({
      name,
      calls,
      totalMs,
      share: kernelMs > 0 ? totalMs / kernelMs : 0,
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
  return { wallMs, kernelMs, kernels };
}
