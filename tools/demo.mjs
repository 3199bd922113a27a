// `npm run demo`: the whole pipeline on the built-in phantom dataset, from the TypeScript sources
// (no build needed): synth → plan/preprocess → train a small 3D U-Net → predict the held-out
// cases → evaluate → report. Settings are sized for a 2-core CPU; pass extra `nnunet train` flags
// after `--` (e.g. `npm run demo -- --epochs 60`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'data', 'demo');
const dataset = join(data, 'Task00_Phantom');
const results = join(root, 'results', 'demo');
const runFolder = join(results, 'Task00_Phantom', '3d_fullres', 'fold_0');
const predictions = join(runFolder, 'predictions');
const started = Date.now();

// Sized for 2 CPU cores: a small network (8..64 filters) trained briefly with a high learning rate,
// foreground-heavy sampling for the small lesion, validation only at the end.
const trainFlags = (
  '--epochs 75 --batch-size 2 --base-filters 8 --max-filters 64 --learning-rate 5e-3 --scheduler poly ' +
  '--oversampling 0.9 --skip-eval 74 --num-workers 1 --seed 1'
).split(' ');

function nnunet(title, args) {
  const elapsed = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\n── ${title} (${elapsed} s) ── nnunet ${args.join(' ')}`);
  const run = spawnSync(
    process.execPath,
    ['--conditions=@nnunet-ts/source', '--import', 'tsx', join(root, 'apps/cli/src/cli.ts'), ...args],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NNUNET_DATA: data, NNUNET_RESULTS: results } },
  );
  if (run.status !== 0) {
    console.error(
      `\nThe demo stopped: \`nnunet ${args[0]}\` exited with status ${run.status ?? run.signal}.`,
    );
    process.exit(run.status ?? 1);
  }
}

if (existsSync(join(dataset, 'dataset.json')))
  console.log(`Using the phantom dataset in ${relative(root, dataset)}`);
else nnunet('1/6 phantom dataset', ['synth', '--out', dataset, '--shape', '48,48,24']);
nnunet('2/6 check the dataset', ['verify', '--data', dataset]);
nnunet('3/6 plan, preprocess and train a 3D U-Net', [
  'train',
  '--data',
  dataset,
  '--results',
  results,
  ...trainFlags,
  ...process.argv.slice(2),
]);
nnunet('4/6 predict the held-out cases', [
  'predict',
  '--input',
  join(dataset, 'imagesTs'),
  '--output',
  predictions,
  '--model',
  join(runFolder, 'model'),
]);
nnunet('5/6 evaluate', [
  'evaluate',
  '--preds',
  predictions,
  '--lbls',
  join(dataset, 'labelsTs'),
  '--output',
  join(runFolder, 'summary.json'),
]);
nnunet('6/6 report', ['report', '--results', runFolder]);

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`
Done in ${minutes} min.
  predictions (NIfTI, original geometry): ${relative(root, predictions)}
  scores (nnU-Net v2 summary.json):        ${relative(root, join(runFolder, 'summary.json'))}
  training log (DLLogger):                 ${relative(root, join(runFolder, 'dllogger.json'))}
  report (curves and overlays):            ${relative(root, join(runFolder, 'report', 'index.html'))}
  look at it:                              npx nnunet view --results ${relative(root, runFolder)}`);
