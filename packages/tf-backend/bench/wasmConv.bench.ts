/**
 * Times convolutions (forward, input gradient, filter gradient) on the stock tfjs-backend-wasm 4.22
 * kernels and on tf-backend's im2col + matMul path in one run: conv2d 3×3, 32 → 32 channels on
 * 192×160 and conv3d 3×3×3, 32 → 32 on 48³ (batch 1, `same`). The im2col functions are called
 * directly, also where the stock kernel is faster and stays registered (Conv2D). Prints the median of
 * BENCH_REPEATS (default 3) timings and GFLOP/s; BENCH_CPU=1 adds tfjs cpu.
 * Run: npm run bench -w @nnunet-ts/tf-backend
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../src/index';
import {
  type ConvGeometry,
  geometryFromConv2DInfo,
  geometryFromConv3DInfo,
} from '../src/internal/kernels/wasm/ConvGeometry';
import { wasmConvBackpropFilter } from '../src/internal/kernels/wasm/wasmConvBackpropFilter';
import { wasmConvBackpropInput } from '../src/internal/kernels/wasm/wasmConvBackpropInput';
import { wasmConvForward } from '../src/internal/kernels/wasm/wasmConvForward';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CHANNELS = 32;

interface Case {
  label: string;
  shape: number[];
  filterShape: number[];
  kernels: readonly [forward: string, backpropInput: string, backpropFilter: string];
}

const CASES: Case[] = [
  {
    label: 'conv2d 3×3, 192×160',
    shape: [1, 192, 160, CHANNELS],
    filterShape: [3, 3, CHANNELS, CHANNELS],
    kernels: [tf.Conv2D, tf.Conv2DBackpropInput, tf.Conv2DBackpropFilter],
  },
  {
    label: 'conv3d 3×3×3, 48³',
    shape: [1, 48, 48, 48, CHANNELS],
    filterShape: [3, 3, 3, CHANNELS, CHANNELS],
    kernels: [tf.Conv3D, tf.Conv3DBackpropInputV2, tf.Conv3DBackpropFilterV2],
  },
];

// Taken before initBackend registers the replacements (undefined: stock wasm has none).
const stock = new Map<string, KernelConfig | undefined>(
  CASES.flatMap((c) => c.kernels).map((name) => [name, tf.getKernel(name, 'wasm')]),
);

/** Multiply-adds × 2 of a `same` stride-1 convolution: every output × taps × inChannels × outChannels. */
const flopsOf = (c: Case) =>
  2 * c.shape.slice(1, -1).reduce((a, b) => a * b, 1) * c.filterShape.reduce((a, b) => a * b, 1);

function medianMs(run: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

function geometryOf(c: Case): ConvGeometry {
  return c.shape.length === 4
    ? geometryFromConv2DInfo(
        tf.backend_util.computeConv2DInfo(c.shape as never, c.filterShape as never, 1, 1, 'same'),
      )
    : geometryFromConv3DInfo(
        tf.backend_util.computeConv3DInfo(c.shape as never, c.filterShape as never, 1, 1, 'same'),
      );
}

/** The im2col + matMul function behind `kernel`, on the given inputs. */
function im2colOf(c: Case, kernel: string, x: tf.Tensor, w: tf.Tensor): () => TensorInfo {
  const backend = tf.backend() as BackendWasm;
  const g = geometryOf(c);
  if (kernel === c.kernels[0]) return () => wasmConvForward(backend, x, w, g, c.shape);
  if (kernel === c.kernels[1]) return () => wasmConvBackpropInput(backend, x, w, g, c.shape);
  return () => wasmConvBackpropFilter(backend, x, x, g, c.filterShape);
}

function inputsOf(
  c: Case,
  kernel: string,
  x: tf.Tensor,
  w: tf.Tensor,
): [Record<string, tf.Tensor>, NamedAttrMap] {
  const is2D = c.shape.length === 4;
  const common = { strides: 1, pad: 'same', dataFormat: is2D ? 'NHWC' : 'NDHWC' };
  if (kernel === c.kernels[0])
    return [
      { x, filter: w },
      { ...common, dilations: 1 },
    ];
  if (kernel === c.kernels[1])
    return [
      { dy: x, filter: w },
      { ...common, inputShape: c.shape },
    ];
  return [
    { x, dy: x },
    { ...common, filterShape: c.filterShape },
  ];
}

async function main(): Promise<void> {
  const backends = process.env.BENCH_CPU === '1' ? (['wasm', 'cpu'] as const) : (['wasm'] as const);
  const rows: string[][] = [];
  for (const backend of backends) {
    await initBackend({ backend });
    for (const c of CASES) {
      const x = tf.randomNormal(c.shape);
      const w = tf.randomNormal(c.filterShape);
      for (const kernel of c.kernels) {
        const [inputs, attrs] = inputsOf(c, kernel, x, w);
        const row = (implementation: string, ms: number) =>
          rows.push([c.label, kernel, implementation, ms.toFixed(0), (flopsOf(c) / ms / 1e6).toFixed(2)]);
        const config = stock.get(kernel);
        if (backend === 'wasm' && config !== undefined) {
          config.setupFunc?.(tf.backend());
          row(
            'wasm stock',
            medianMs(() => {
              const out = config.kernelFunc({ inputs, attrs, backend: tf.backend() }) as TensorInfo;
              tf.backend().disposeData(out.dataId);
            }),
          );
        } else if (backend === 'wasm') {
          rows.push([c.label, kernel, 'wasm stock', 'missing', '-']);
        }
        if (backend === 'wasm') {
          const im2col = im2colOf(c, kernel, x, w);
          row(
            'wasm im2col + matMul',
            medianMs(() => tf.backend().disposeData(im2col().dataId)),
          );
        } else {
          row(
            'tfjs cpu',
            medianMs(() => (tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor).dispose()),
          );
        }
      }
      tf.dispose([x, w]);
    }
  }
  console.log(
    `32 → 32 channels, batch 1, same padding; median of ${REPEATS}; load ${(await loadavg()).trim()}`,
  );
  console.log(['case', 'kernel', 'implementation', 'ms', 'GFLOP/s'].join('\t'));
  for (const r of rows) console.log(r.join('\t'));
}

async function loadavg(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile('/proc/loadavg', 'utf8').catch(() => 'unknown');
}

await main();
