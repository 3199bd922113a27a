// The soak of a long training run: 2,000 steps of a small phantom through `train` (the loader with a
// worker process, validation and checkpoints every epoch), sampled every 50 steps after a full
// garbage collection. Passes when, from step 100 on, the live tensors and open files stay constant
// and the resident memory and the heap grow by less than 5%.
//   npm run soak -w @nnunet-ts/trainer [-- --steps 2000 --every 50]
import { parseArgs } from 'node:util';
import { soakTraining } from '../src/testing/soakTraining';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '2000' }, every: { type: 'string', default: '50' } },
});
const started = Date.now();
const samples = await soakTraining({
  steps: Number(values.steps),
  every: Number(values.every),
  stepsPerEpoch: 50,
  numWorkers: 1,
});
console.log('| step | RSS MiB | heap MiB | ArrayBuffers MiB | tensors | open files |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const s of samples) {
  const row = [
    s.step,
    s.rssMiB.toFixed(1),
    s.heapMiB.toFixed(1),
    s.arrayBuffersMiB.toFixed(1),
    s.tensors,
    s.openFiles,
  ];
  console.log(`| ${row.join(' | ')} |`);
}
const settled = samples.filter((s) => s.step >= 100);
const [first, last] = [settled[0]!, settled.at(-1)!];
const growth = (key: 'rssMiB' | 'heapMiB') => last[key] / first[key] - 1;
const constant = (key: 'tensors' | 'openFiles') => new Set(settled.map((s) => s[key])).size === 1;
const verdicts = [
  [
    `RSS ${first.rssMiB.toFixed(1)} → ${last.rssMiB.toFixed(1)} MiB (${(100 * growth('rssMiB')).toFixed(1)}%)`,
    growth('rssMiB') < 0.05,
  ],
  [
    `heap ${first.heapMiB.toFixed(1)} → ${last.heapMiB.toFixed(1)} MiB (${(100 * growth('heapMiB')).toFixed(1)}%)`,
    growth('heapMiB') < 0.05,
  ],
  [`tensors ${constant('tensors') ? `constant at ${first.tensors}` : 'changing'}`, constant('tensors')],
  [
    `open files ${constant('openFiles') ? `constant at ${first.openFiles}` : 'changing'}`,
    constant('openFiles'),
  ],
] as const;
console.log(
  `\nsteps ${first.step}–${last.step}: ${verdicts.map(([text, ok]) => `${text} ${ok ? 'ok' : 'FAILED'}`).join('; ')} ` +
    `(${Math.round((Date.now() - started) / 1000)} s)`,
);
process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
