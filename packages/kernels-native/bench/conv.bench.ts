/**
 * Kernel benchmark (not a test): conv3d 3x3x3, 32 -> 32 channels, 'same', batch 1, in GFLOP/s
 * (one multiply-add = 2 FLOP), median of several runs, for the forward pass and both gradients:
 * the native kernels at 1 and 2 threads, the same through tfjs's engine, and tfjs's own cpu and
 * wasm kernels measured in the same run. tfjs's kernels are too slow for 48^3, so they run on a
 * smaller volume (BENCH_TFJS_SIZE, default 24). Also a 2D row (native only).
 *
 *   cd packages/kernels-native && npm run bench
 *   BENCH_REPS=9 BENCH_TFJS_SIZE=32 npm run bench
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

import { nativeAddonStatus, nativeKernelConfigs, setNativeThreads } from '../src/index';
import { median } from './median';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const SLOW_REPS = 3;
const SIZE = 48;
const TFJS_SIZE = Number(process.env.BENCH_TFJS_SIZE ?? 24);
const CHANNELS = 32;

type Pass = 'forward' | 'backprop-input' | 'backprop-filter';
const PASSES: Pass[] = ['forward', 'backprop-input', 'backprop-filter'];

interface Problem {
  x: number[];
  filter: number[];
  strides: number[];
  flop: number;
}

function problem3D(size: number): Problem {
  return {
    x: [1, size, size, size, CHANNELS],
    filter: [3, 3, 3, CHANNELS, CHANNELS],
    strides: [1, 1, 1],
    flop: 2 * size ** 3 * CHANNELS * CHANNELS * 27,
  };
}

function problem2D(batch: number, height: number, width: number): Problem {
  return {
    x: [batch, height, width, CHANNELS],
    filter: [3, 3, CHANNELS, CHANNELS],
    strides: [1, 1],
    flop: 2 * batch * height * width * CHANNELS * CHANNELS * 9,
  };
}

/** GFLOP/s of one pass, run through tfjs's engine on the active backend: one warm-up, then the median of `reps`. */
function measure(p: Problem, pass: Pass, reps: number): number {
  const dims = p.x.length === 5 ? 3 : 2;
  const names = {
    forward: dims === 3 ? 'Conv3D' : 'Conv2D',
    'backprop-input': dims === 3 ? 'Conv3DBackpropInputV2' : 'Conv2DBackpropInput',
    'backprop-filter': dims === 3 ? 'Conv3DBackpropFilterV2' : 'Conv2DBackpropFilter',
  };
  const x = tf.randomUniform(p.x, -1, 1);
  const filter = tf.randomUniform(p.filter, -1, 1);
  const dy = tf.randomUniform([...p.x.slice(0, -1), CHANNELS], -1, 1);
  const common = { strides: p.strides, pad: 'same', dataFormat: dims === 3 ? 'NDHWC' : 'NHWC' };
  const [inputs, attrs] =
    pass === 'forward'
      ? [
          { x, filter },
          { ...common, dilations: dims === 3 ? [1, 1, 1] : [1, 1] },
        ]
      : pass === 'backprop-input'
        ? [
            { dy, filter },
            { ...common, inputShape: p.x },
          ]
        : [
            { x, dy },
            { ...common, filterShape: p.filter },
          ];
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const start = performance.now();
    const out = tf.engine().runKernel(names[pass], inputs, attrs) as tf.Tensor;
    out.dataSync();
    if (i > 0) times.push(performance.now() - start);
    out.dispose();
  }
  tf.dispose([x, filter, dy]);
  return p.flop / (median(times) / 1000) / 1e9;
}

function row(label: string, volume: string, p: Problem, reps: number): void {
  const cells = PASSES.map((pass) => {
    const gflops = measure(p, pass, reps);
    return gflops.toFixed(gflops < 10 ? 2 : 1).padStart(16);
  });
  console.log(`${label.padEnd(30)}${volume.padEnd(16)}${cells.join('')}`);
}

async function main(): Promise<void> {
  tf.env().set('IS_TEST', true);
  const status = nativeAddonStatus();
  console.log(
    `native addon: ${status.available ? `${status.isa}, ${status.threads} threads by default` : status.reason}`,
  );
  console.log(
    `conv 3x3(x3), ${CHANNELS} -> ${CHANNELS} channels, 'same': GFLOP/s, median of ${REPS} runs (tfjs: ${SLOW_REPS})`,
  );
  console.log(`${'kernels'.padEnd(30)}${'volume'.padEnd(16)}${PASSES.map((p) => p.padStart(16)).join('')}`);

  await tf.setBackend('cpu');
  row('tfjs cpu', `${TFJS_SIZE}^3`, problem3D(TFJS_SIZE), SLOW_REPS);
  await tf.setBackend('wasm');
  row('tfjs wasm (1 thread)', `${TFJS_SIZE}^3`, problem3D(TFJS_SIZE), SLOW_REPS);

  if (!status.available) return;
  await tf.setBackend('cpu');
  for (const config of nativeKernelConfigs()) {
    if (tf.getKernel(config.kernelName, 'cpu')) tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel(config);
  }
  for (const threads of [1, 2]) {
    setNativeThreads(threads);
    row(`native, ${threads} thread${threads > 1 ? 's' : ''}`, `${SIZE}^3`, problem3D(SIZE), REPS);
  }
  row('native, 2 threads, 2D', '16x192x160', problem2D(16, 192, 160), REPS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
