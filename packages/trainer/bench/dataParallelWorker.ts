// One rank of the data-parallel training benchmark (started by dataParallel.bench.ts through
// nnunet-run): timed training steps of a 3D U-Net on synthetic batches; rank 0 prints one JSON line.
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { initDistributed } from '@nnunet-ts/distributed';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import { adam, createTrainStep, DataParallel, type GradientReducer } from '../src/index';
import { median } from './median';

const [batchSize, edge, warmup, steps] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const backend = await initBackend();
const context = await initDistributed();
const parallel = context.size > 1 ? new DataParallel(context) : undefined;
const topology = nvidiaTopology([edge, edge, edge], [1, 1, 1]);
const model = buildUNet({
  topology: { ...topology, filters: topology.filters.map((_, i) => Math.min(16 * 2 ** i, 128)) },
  inChannels: 1,
  classes: 3,
  seed: 1,
});
const parameters = model.countParams();
let reduceMs = 0;
let reduceCpuMs = 0;
const reduceGradients: GradientReducer | undefined =
  parallel &&
  (async (gradients, loss) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const reduced = await parallel.reduceGradients(gradients, loss);
    reduceMs += performance.now() - start;
    // no kernel runs meanwhile: this is the reduction's own cost (copies, sockets, adding)
    const used = process.cpuUsage(cpu);
    reduceCpuMs += (used.user + used.system) / 1000;
    return reduced;
  });
if (parallel) await parallel.broadcastWeights(model);
const step = createTrainStep({ model, optimizer: adam(), classes: 3, reduceGradients });
const voxels = batchSize * edge ** 3;
const image = Float32Array.from({ length: voxels }, (_, i) => Math.sin(i * 0.37 + context.rank));
const label = Uint8Array.from(image, (v) => (v > 0.5 ? 2 : v > 0 ? 1 : 0));
const batch = { image, label, shape: [batchSize, edge, edge, edge], channels: 1 };
const times: number[] = [];
for (let i = 0; i < warmup + steps; i++) {
  if (i === warmup) reduceMs = reduceCpuMs = 0;
  const start = performance.now();
  await step(batch, 1e-4);
  if (i >= warmup) times.push(performance.now() - start);
}
if (parallel) await parallel.context.barrier();
if (context.rank === 0) {
  const medianStepMs = median(times);
  console.log(
    JSON.stringify({
      backend: context.backend,
      kernels: backend.backend,
      threads: process.env.NNUNET_NUM_THREADS ?? 'all',
      ranks: context.size,
      batchPerRank: batchSize,
      parameters,
      medianStepMs,
      allreduceMsPerStep: reduceMs / steps,
      allreduceCpuMsPerStep: reduceCpuMs / steps,
      imagesPerSecond: (batchSize * context.size * 1000) / medianStepMs,
    }),
  );
}
tf.disposeVariables();
await context.close();
