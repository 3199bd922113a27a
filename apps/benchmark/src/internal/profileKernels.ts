import { tf } from '@nnunet-ts/tf-backend';

export interface KernelShare {
  /** tfjs kernel name, e.g. `Conv3DBackpropFilterV2` */
  name: string;
  calls: number;
  totalMs: number;
  /** `totalMs` over the wall time of the profiled step, in [0, 1] */
  share: number;
}

/** The calls of one kernel on one combination of input shapes. */
export interface KernelShapeShare extends KernelShare {
  /** null for an optional input left out (e.g. FusedConv2D without bias) */
  inputShapes: (number[] | null)[];
}

export interface KernelProfile {
  /** wall time of the profiled run */
  wallMs: number;
  /**
   * time inside registered tfjs kernels, summed; the rest of `wallMs` is outside them: ops that
   * compute on typed arrays behind `tf.customGrad` (their forward and gradient), and JavaScript
   * (tape, layers, allocation)
   */
  kernelMs: number;
  /** one entry per kernel name, largest total first */
  kernels: KernelShare[];
  /** one entry per kernel name and input shapes, largest total first: which calls to speed up */
  byShape: KernelShapeShare[];
}

/**
 * Runs `run` once under `tf.profile` and adds up the time of every kernel call, by kernel name and
 * by kernel name and input shapes. Throws when the backend cannot time kernels.
 */
export async function profileKernels(run: () => Promise<void>): Promise<KernelProfile> {
  const start = performance.now();
  const info = await tf.profile(async () => {
    await run();
    return [];
  });
  const wallMs = performance.now() - start;
  const byName = new Map<string, KernelShapeShare>();
  const byShape = new Map<string, KernelShapeShare>();
  const add = (groups: Map<string, KernelShapeShare>, key: string, entry: KernelShapeShare, ms: number) => {
    const group = groups.get(key) ?? entry;
    group.calls += 1;
    group.totalMs += ms;
    groups.set(key, group);
  };
  const backend = tf.getBackend();
  for (const kernel of info.kernels) {
    // tf.customGrad ops (fusedConv2d, softmaxCrossEntropy, group norm) are listed too, wrapping
    // whatever kernels they run, with no way to tell which: count only registered kernels, so no
    // time counts twice (a custom op's own work then shows as time outside kernels)
    if (tf.getKernel(kernel.name, backend) === undefined) continue;
    const ms = await kernel.kernelTimeMs;
    if (typeof ms !== 'number') {
      throw new Error(`profile: backend '${backend}' cannot time kernel ${kernel.name}: ${ms.error}`);
    }
    const empty = () => ({
      name: kernel.name,
      inputShapes: kernel.inputShapes,
      calls: 0,
      totalMs: 0,
      share: 0,
    });
    add(byName, kernel.name, empty(), ms);
    add(byShape, `${kernel.name} ${JSON.stringify(kernel.inputShapes)}`, empty(), ms);
  }
  const kernelMs = [...byName.values()].reduce((sum, entry) => sum + entry.totalMs, 0);
  const ranked = (groups: Map<string, KernelShapeShare>) =>
    [...groups.values()]
      .map((group) => ({ ...group, share: wallMs > 0 ? group.totalMs / wallMs : 0 }))
      .sort((a, b) => b.totalMs - a.totalMs);
  const kernels = ranked(byName).map(({ name, calls, totalMs, share }) => ({ name, calls, totalMs, share }));
  return { wallMs, kernelMs, kernels, byShape: ranked(byShape) };
}
