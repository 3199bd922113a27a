/**
 * Times 3×3×3 convolutions (forward, input gradient, filter gradient) on the stock
 * tfjs-backend-wasm 4.22 kernels, on tf-backend's wasm replacements, and on tfjs cpu, in one
 * run. Reports the median of 5 timings and GFLOP/s. Run: npm run bench -w @nnunet-ts/tf-backend
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { initBackend } from '../src/index';

const SIZE = Number(process.env.BENCH_SIZE ?? 24);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 32);
const REPEATS = 5;

const shape: [number, number, number, number, number] = [1, SIZE, SIZE, SIZE, CHANNELS];
const filterShape: [number, number, number, number, number] = [3, 3, 3, CHANNELS, CHANNELS];
const flops = 2 * SIZE ** 3 * 27 * CHANNELS * CHANNELS;

const kernels = [tf.Conv3D, tf.Conv3DBackpropInputV2, tf.Conv3DBackpropFilterV2] as const;
// Taken before initBackend registers the replacements.
const stock = new Map<string, KernelConfig>(kernels.map((name) => [name, tf.getKernel(name, 'wasm')]));

function medianMs(run: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

function inputsOf(kernel: string, x: tf.Tensor, w: tf.Tensor): [Record<string, tf.Tensor>, NamedAttrMap] {
  const common = { strides: 1, pad: 'same' };
  if (kernel === tf.Conv3D)
    return [
      { x, filter: w },
      { ...common, dataFormat: 'NDHWC', dilations: 1 },
    ];
  if (kernel === tf.Conv3DBackpropInputV2)
    return [
      { dy: x, filter: w },
      { ...common, inputShape: shape },
    ];
  return [
    { x, dy: x },
    { ...common, filterShape },
  ];
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const results = new Map<string, number>();
  for (const backend of ['wasm', 'cpu'] as const) {
    await initBackend({ backend });
    const x = tf.randomNormal(shape);
    const w = tf.randomNormal(filterShape);
    for (const kernel of kernels) {
      const [inputs, attrs] = inputsOf(kernel, x, w);
      const viaEngine = () => (tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor).dispose();
      results.set(`${backend} ${kernel}`, medianMs(viaEngine));
      if (backend === 'wasm') {
        const config = stock.get(kernel)!;
        config.setupFunc?.(tf.backend());
        const viaStock = () => {
          const out = config.kernelFunc({ inputs, attrs, backend: tf.backend() }) as TensorInfo;
          tf.backend().disposeData(out.dataId);
        };
        results.set(`wasm-stock ${kernel}`, medianMs(viaStock));
      }
    }
    tf.dispose([x, w]);
  }
  for (const kernel of kernels) {
    const ours = results.get(`wasm ${kernel}`)!;
    for (const label of ['wasm-stock', 'wasm', 'cpu']) {
      const ms = results.get(`${label} ${kernel}`)!;
      rows.push([
        kernel,
        label === 'wasm' ? 'wasm (tf-backend)' : label,
        ms.toFixed(0),
        (flops / ms / 1e6).toFixed(2),
        (ms / ours).toFixed(1),
      ]);
    }
  }
  console.log(`3×3×3 conv, ${SIZE}³ × ${CHANNELS} → ${CHANNELS} channels, median of ${REPEATS}`);
  console.log(['kernel', 'implementation', 'ms', 'GFLOP/s', 'time / tf-backend wasm'].join('\t'));
  for (const row of rows) console.log(row.join('\t'));
}

await main();
