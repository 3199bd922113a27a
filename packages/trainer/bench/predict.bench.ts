// Full-volume prediction time on the shared CT test image: overlap 0.25 and 0.5, with and without
// mirror TTA, for a 3D U-Net of the planned topology (random weights: timing only).
// Run: npm run bench -w @nnunet-ts/trainer   (needs ../shared/data beside the repository)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@nnunet-ts/tf-backend';
import { planDataset, type Plans } from '@nnunet-ts/preprocessing';
import { buildUNet, saveUNet } from '@nnunet-ts/unet-model';
import { predictFolder, type ModelPlan } from '../src/index';

const shared = resolve(fileURLToPath(import.meta.url), '../../../../../shared/data/msd_totalseg_ct');
if (!existsSync(join(shared, 'dataset.json'))) {
  console.error(`${shared} not found: the benchmark needs the shared CT dataset`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'nnunet-predict-bench-'));
try {
  const backend = await initBackend();
  const planned = await planDataset({ data: shared, results: dir, nJobs: 1 });
  const plans = JSON.parse(await readFile(planned.plansFile, 'utf8')) as Plans;
  const plan = plans.configurations['3d_fullres']!;
  const model = buildUNet({ topology: plan.topology, inChannels: 1, classes: 4, seed: 1 });
  const modelPlan: ModelPlan = {
    datasetName: plans.datasetName,
    configuration: '3d_fullres',
    plan,
    channelNames: plans.channelNames,
    labels: plans.labels,
    classes: 4,
    fold: 0,
  };
  const folder = join(dir, 'model');
  await saveUNet(folder, model, modelPlan);
  console.log(
    `backend ${backend.backend}; patch [${plan.patchSize.join(', ')}], filters ${plan.topology.filters.join(',')}`,
  );
  console.log('overlap  tta    seconds (median of 3)');
  for (const overlap of [0.25, 0.5]) {
    for (const tta of [false, true]) {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        await predictFolder({
          models: [folder],
          input: join(shared, 'imagesTs'),
          output: join(dir, `out-${overlap}-${tta}-${run}`),
          overlap,
          tta,
        });
        times.push((performance.now() - start) / 1000);
      }
      times.sort((a, b) => a - b);
      console.log(`${overlap.toFixed(2).padEnd(8)} ${String(tta).padEnd(6)} ${times[1]!.toFixed(2)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
