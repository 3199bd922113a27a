// Full-volume prediction time on the shared CT test image: overlap 0.25 and 0.5, with and without
// mirror TTA, for a 3D U-Net of the planned topology (random weights: timing only).
// Run: npm run bench -w @nnunet-ts/inference [-- --runs N]   (needs ../shared/data beside the repository)
// The machine may be shared: the load average is printed before and after, and each figure is a median.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@nnunet-ts/tf-backend';
import { MODEL_PLAN_VERSION, type ModelPlan } from '@nnunet-ts/plans';
import { planDataset } from '@nnunet-ts/preprocessing';
import { buildUNet } from '@nnunet-ts/unet-model';
import { predictFolder } from '../src/predictFolder';
import { saveModelFolder } from '../src/modelFolder';

const shared = resolve(fileURLToPath(import.meta.url), '../../../../../shared/data/msd_totalseg_ct');
if (!existsSync(join(shared, 'dataset.json'))) {
  console.error(`${shared} not found: the benchmark needs the shared CT dataset`);
  process.exit(1);
}
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs: expected a positive integer, got ${process.argv[runsFlag + 1]}`);
  process.exit(1);
}
/** The median of the timings (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const dir = mkdtempSync(join(tmpdir(), 'nnunet-predict-bench-'));
try {
  const backend = await initBackend();
  const planned = await planDataset({ data: shared, results: dir, nJobs: 1 });
  const plans = planned.plans!;
  const plan = plans.configurations['3d_fullres']!;
  const model = buildUNet({ topology: plan.topology, inChannels: 1, classes: 4, seed: 1 });
  const modelPlan: ModelPlan = {
    version: MODEL_PLAN_VERSION,
    datasetName: plans.datasetName,
    configuration: '3d_fullres',
    plan,
    channelNames: plans.channelNames,
    labels: plans.labels,
    classes: 4,
    fold: 0,
  };
  const folder = join(dir, 'model');
  await saveModelFolder(folder, model, modelPlan);
  console.log(
    `backend ${backend.backend}; patch [${plan.patchSize.join(', ')}], filters ${plan.topology.filters.join(',')}`,
  );
  console.log(`load average before: ${load()}`);
  console.log(`overlap  tta    windows  seconds (median of ${runs})  all runs`);
  for (const overlap of [0.25, 0.5]) {
    for (const tta of [false, true]) {
      const times: number[] = [];
      let windows = 0;
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        await predictFolder({
          models: [folder],
          input: join(shared, 'imagesTs'),
          output: join(dir, `out-${overlap}-${tta}-${run}`),
          overlap,
          tta,
          onWindows: (_id, _done, total) => (windows = total),
        });
        times.push((performance.now() - start) / 1000);
      }
      console.log(
        `${overlap.toFixed(2).padEnd(8)} ${String(tta).padEnd(6)} ${String(windows).padEnd(8)} ` +
          `${median(times).toFixed(2).padEnd(25)} ${times.map((t) => t.toFixed(1)).join(' ')}`,
      );
    }
  }
  console.log(`load average after: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
