// Test helper: the 2D shapes the wasm conv kernels are checked on against tfjs's cpu kernels.
import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs';
import { initBackend } from '../../initBackend';
import { randomArray } from '../../testing/random';

type Shape4 = [number, number, number, number];

export interface GridCase {
  label: string;
  inShape: Shape4;
  filterShape: Shape4;
  strides: [number, number];
  pad: 'same' | 'valid';
  outShape: Shape4;
}

/** Strides 1 and 2 × kernels 1, 2, 3 × same/valid, on an odd-sized batch of 2 with 3 → 5 channels. */
export const CONV2D_GRID: GridCase[] = [1, 2].flatMap((stride) =>
  [1, 2, 3].flatMap((k) =>
    (['same', 'valid'] as const).map((pad) => {
      const inShape: Shape4 = [2, 7, 9, 3];
      const filterShape: Shape4 = [k, k, 3, 5];
      const strides: [number, number] = [stride, stride];
      const info = tf.backend_util.computeConv2DInfo(inShape, filterShape, strides, 1, pad);
      return {
        label: `${k}×${k}, stride ${stride}, ${pad}`,
        inShape,
        filterShape,
        strides,
        pad,
        outShape: info.outShape as Shape4,
      };
    }),
  ),
);

/** max |actual − expected| / max |expected|. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / (scale || 1);
}

/** A kernel's output for every grid case on tfjs's stock cpu backend and on tf-backend's wasm. */
export async function onCpuAndWasm(
  kernel: string,
  operands: (c: GridCase) => { inputs: Record<string, [Float32Array, number[]]>; attrs: object },
): Promise<Array<{ c: GridCase; cpu: Float32Array; wasm: Float32Array }>> {
  const run = () =>
    CONV2D_GRID.map((c) => {
      const { inputs, attrs } = operands(c);
      return tf.tidy(() => {
        const tensors = Object.fromEntries(
          Object.entries(inputs).map(([name, [values, shape]]) => [name, tf.tensor(values, shape)]),
        );
        const out = tf.engine().runKernel(kernel, tensors, attrs as NamedAttrMap) as Tensor;
        return out.dataSync() as Float32Array;
      });
    });
  await initBackend({ backend: 'cpu' });
  const cpu = run();
  await initBackend({ backend: 'wasm' });
  const wasm = run();
  return CONV2D_GRID.map((c, i) => ({ c, cpu: cpu[i]!, wasm: wasm[i]! }));
}

/** Deterministic values for a shape. */
export const valuesOf = (shape: readonly number[], seed: number): Float32Array =>
  randomArray(
    shape.reduce((a, b) => a * b, 1),
    seed,
  );
