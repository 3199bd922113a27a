// The optimiser step alone on the 3D U-Net's weights (issue 5's net: 4 channels, 4 classes, filters
// 32..320, patch 64³ with --min-fmap 2, 31.2 M weights): the step before the fused updates — the L2
// penalty's gradient through autograd, added to the loss gradients, then Adam as tensor ops — against
// Adam's fused update with the decay folded in, and Adam's tensor-op update with the decay folded in
// (the GPU backends' path). Medians of --repeats runs of each, interleaved, in one process.
// Run (from packages/trainer):
//   node --conditions=@nnunet-ts/source --import tsx scripts/optimizerBench.ts [--backend native] [--repeats 5]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { l2WeightDecay, l2WeightDecayCoefficients } from '@nnunet-ts/losses-metrics';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { initBackend, tf, type BackendChoice } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import { adam, type Optimizer } from '../src/index';
import { median } from '../bench/median';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'native' }, repeats: { type: 'string', default: '5' } },
});
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1)
  throw new Error(`--repeats ${values.repeats}: expected a positive integer`);
const backend = await initBackend({ backend: values.backend as BackendChoice });
const WEIGHT_DECAY = 1e-4;
const LEARNING_RATE = 3e-4;

const topology = nvidiaTopology([64, 64, 64], [1, 1, 1], { minSize: 4 });
const model = buildUNet({ topology, inChannels: 4, classes: 4, seed: 1 });
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
const decay = l2WeightDecayCoefficients(variables, WEIGHT_DECAY);
const gradients = variables.map((v, i) => tf.randomNormal(v.shape, 0, 1e-3, 'float32', i));
const count = variables.reduce((total, v) => total + v.size, 0);

/** The step as it was: the penalty in the autograd graph, its gradient added to the loss gradients. */
function penaltyThroughAutograd(optimizer: Optimizer) {
  const { value, grads } = tf.variableGrads(() => l2WeightDecay(variables, WEIGHT_DECAY), variables);
  const total = variables.map((v, i) =>
    grads[v.name] ? tf.add(gradients[i]!, grads[v.name]!) : gradients[i]!,
  );
  optimizer.step(variables, total, LEARNING_RATE);
  tf.dispose([value, ...Object.values(grads), ...total.filter((t, i) => t !== gradients[i])]);
}

const variants: [string, Optimizer, (optimizer: Optimizer) => void][] = [
  ['before: L2 by autograd + Adam as tensor ops', adam({ fused: false }), penaltyThroughAutograd],
  [
    'decay folded, Adam as tensor ops (GPU path)',
    adam({ fused: false }),
    (o) => o.step(variables, gradients, LEARNING_RATE, decay),
  ],
  [
    'decay folded, fused typed-array Adam',
    adam({ fused: true }),
    (o) => o.step(variables, gradients, LEARNING_RATE, decay),
  ],
];
// wall and CPU time (all threads) of each run: CPU time moves less when other processes take the cores
const times = variants.map((): number[] => []);
const cpuTimes = variants.map((): number[] => []);
// one untimed round creates the slots
for (let round = 0; round <= repeats; round++) {
  variants.forEach(([, optimizer, step], i) => {
    const [start, cpuStart] = [performance.now(), process.cpuUsage()];
    step(optimizer);
    const cpu = process.cpuUsage(cpuStart);
    if (round === 0) return;
    times[i]!.push(performance.now() - start);
    cpuTimes[i]!.push((cpu.user + cpu.system) / 1000);
  });
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `backend ${backend.backend}; ${variables.length} variables, ${(count / 1e6).toFixed(1)} M weights; load ${load}`,
);
const baseline = median(times[0]!);
variants.forEach(([name], i) => {
  const m = median(times[i]!);
  console.log(
    `${name.padEnd(46)} median ${m.toFixed(0).padStart(6)} ms (${(baseline / m).toFixed(1)}x), ` +
      `CPU ${median(cpuTimes[i]!).toFixed(0)} ms; runs ${times[i]!.map((t) => t.toFixed(0)).join(' ')}`,
  );
});
tf.dispose(gradients);
variants.forEach(([, optimizer]) => optimizer.dispose());
model.dispose();
