/**
 * Kernel benchmark (not a test) of the non-convolution kernels of a U-Net step on one activation of
 * the 3D net's first stage, [2, 64, 64, 64, 32] (16.8 M values): milliseconds per call, median of
 * several runs, for tfjs's cpu kernels and the native ones at 1 and 2 threads, measured in the same
 * run. tfjs has no group norm kernel: unet-model's fallback for it is a typed-array loop.
 *
 *   cd packages/kernels-native && npm run bench:activations
 *   BENCH_REPS=9 npm run bench:activations
 */
import * as tf from '@tensorflow/tfjs';

import {
  nativeAddonStatus,
  nativeGradientConfigs,
  nativeKernelConfigs,
  setNativeThreads,
} from '../src/index';
import { median } from './median';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const SHAPE = [2, 64, 64, 64, 32];
const CLASSES_SHAPE = [2, 64, 64, 64, 4];

/** ms per call of `run` (which returns what to dispose): one warm-up, then the median of REPS. */
function time(run: () => tf.Tensor | tf.Tensor[]): number {
  const times: number[] = [];
  for (let i = 0; i <= REPS; i++) {
    const start = performance.now();
    const out = run();
    const elapsed = performance.now() - start;
    tf.dispose(out);
    if (i > 0) times.push(elapsed);
  }
  return median(times);
}

interface Case {
  name: string;
  /** undefined where the backend lacks the kernel (tfjs has no group norm kernel) */
  run: (() => tf.Tensor | tf.Tensor[]) | undefined;
}

function cases(): Case[] {
  const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 1);
  const dy = tf.randomNormal(SHAPE, 0, 1, 'float32', 2);
  const gamma = tf.ones([32]);
  const beta = tf.zeros([32]);
  const logits = tf.randomNormal(CLASSES_SHAPE, 0, 1, 'float32', 3);
  const perVoxel = tf.randomNormal([...CLASSES_SHAPE.slice(0, -1), 1], 0, 1, 'float32', 4);
  const engine = tf.engine();
  const hasNorm = tf.getKernel('GroupNorm', 'cpu') !== undefined;
  const norm = () =>
    engine.runKernel('GroupNorm', { x, gamma, beta }, { groups: 32, epsilon: 1e-5 }) as tf.Tensor[];
  const [, mean, invStd] = hasNorm ? norm() : [];
  return [
    { name: 'LeakyRelu', run: () => tf.leakyRelu(x, 0.01) },
    { name: 'LeakyRelu gradient', run: () => tf.grad((t: tf.Tensor) => tf.leakyRelu(t, 0.01))(x, dy) },
    { name: 'GroupNorm (instance)', run: hasNorm ? norm : undefined },
    {
      name: 'GroupNormGrad (instance)',
      run: hasNorm
        ? () =>
            engine.runKernel(
              'GroupNormGrad',
              { dy, x, gamma, mean: mean!, invStd: invStd! },
              { groups: 32 },
            ) as tf.Tensor[]
        : undefined,
    },
    { name: 'Sum over N,D,H,W (bias grad)', run: () => tf.sum(x, [0, 1, 2, 3]) },
    { name: 'Sum over D,H,W of [..,4] (Dice)', run: () => tf.sum(logits, [1, 2, 3]) },
    { name: 'Softmax [..,4]', run: () => tf.softmax(logits) },
    { name: 'Multiply [..,4] x [..,1]', run: () => tf.mul(logits, perVoxel) },
    { name: 'Add same shape', run: () => tf.add(x, dy) },
    { name: 'Concat channels', run: () => tf.concat([x, dy], 4) },
    { name: 'SplitV channels', run: () => tf.split(x, [13, 19], 4) },
  ];
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const status = nativeAddonStatus();
  if (!status.available) throw new Error(`native kernels unavailable: ${status.reason}`);
  const columns: Record<string, number[]> = {};
  const measureAll = (label: string) => {
    for (const c of cases()) (columns[c.name] ??= []).push(c.run ? time(c.run) : NaN);
    console.error(`measured ${label}`);
  };
  measureAll('tfjs cpu');
  const configs = nativeKernelConfigs();
  const gradients = nativeGradientConfigs();
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, 'cpu')) tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel(config);
  }
  for (const gradient of gradients) tf.registerGradient(gradient);
  setNativeThreads(1);
  measureAll('native, 1 thread');
  setNativeThreads(2);
  measureAll('native, 2 threads');
  console.log(
    `[${SHAPE}], ms per call, median of ${REPS} (load ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log(
    `${'kernel'.padEnd(34)}${'tfjs cpu'.padStart(10)}${'native 1t'.padStart(11)}${'native 2t'.padStart(11)}${'speed-up'.padStart(10)}`,
  );
  for (const [name, [stock, one, two]] of Object.entries(columns)) {
    const cell = (v: number | undefined) =>
      (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1)).padStart(10);
    const speedup = stock && two && !Number.isNaN(stock) ? `${(stock / two).toFixed(1)}x` : '-';
    console.log(`${name.padEnd(34)}${cell(stock)} ${cell(one)} ${cell(two)}${speedup.padStart(10)}`);
  }
}

await main();
