/**
 * Preprocessing benchmark (not a test): plans and preprocesses the shared CT dataset
 * (../shared/data/msd_totalseg_ct: six 122×101×10-16 slabs at 3 mm, one 120×126×164 test image at 1.5 mm)
 * and prints seconds per case (median over cases and repetitions) and the peak resident memory of the
 * process that did the work. Each scenario runs in a fresh process, so its peak memory is its own.
 *
 *   cd packages/preprocessing && npm run bench
 *   BENCH_REPS=5 BENCH_DATA=/path/to/TaskNN_X npm run bench
 *
 * Scenarios: `plan` (fingerprint + plan), `training` (3d_fullres at the dataset's own 3 mm: crop, normalize,
 * pad, write), `upsampled` (the same cases with the plan edited to 1.5 mm: cubic image and one-hot label
 * resampling to 8× the voxels), `test` (the 1.5 mm test image down to 3 mm, unpadded), each in this
 * process (n-jobs 1); `training` with two worker processes for the wall-clock comparison; and `large`, a
 * synthetic CT-sized case (512×512×120 at 0.8×0.8×2.5 mm, two labels) preprocessed to 1.25×0.8×0.8 mm
 * and written, to show the cost at clinical sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabelMap } from '@nnunet-ts/datasets';
import { createVolume } from '@nnunet-ts/volume';
import {
  planDataset,
  preprocessCase,
  preprocessDataset,
  readPlansFile,
  type CaseInput,
  type ProgressEvent,
} from '../src/index';
import type { ConfigurationPlan } from '@nnunet-ts/plans';
import { writePreprocessedCase } from '../src/store/writePreprocessedCase';

const DATA =
  process.env.BENCH_DATA ??
  path.resolve(fileURLToPath(import.meta.url), '../../../../../shared/data/msd_totalseg_ct');
const REPS = Number(process.env.BENCH_REPS ?? 3);

type Scenario = 'plan' | 'training' | 'upsampled' | 'test' | 'training-2-workers' | 'large';
const SCENARIOS: Scenario[] = ['plan', 'training', 'upsampled', 'test', 'training-2-workers', 'large'];

interface Report {
  scenario: Scenario;
  cases: number;
  secondsPerCase: number;
  wallSeconds: number;
  peakRssMiB: number;
  baselineRssMiB: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Runs one scenario REPS times in this process and returns its timings and peak memory. */
async function runScenario(scenario: Scenario): Promise<Report> {
  const baselineRssMiB = process.memoryUsage().rss / 2 ** 20;
  const results = await mkdtemp(path.join(tmpdir(), 'preprocess-bench-'));
  try {
    // everything but `plan` starts from an existing plan, so that only preprocessing is timed
    if (scenario !== 'plan') await planDataset({ data: DATA, results, nJobs: 1 });
    if (scenario === 'upsampled') {
      const plansFile = path.join(results, path.basename(DATA), 'plans.json');
      const plans = await readPlansFile(plansFile);
      const c3 = plans?.configurations['3d_fullres'];
      if (c3) c3.spacing = c3.spacing.map((s) => s / 2);
      await writeFile(plansFile, JSON.stringify(plans));
    }
    const large = scenario === 'large' ? await largeInput(results) : undefined;
    const perCase: number[] = [];
    const walls: number[] = [];
    let cases = 0;
    for (let rep = 0; rep < REPS; rep++) {
      let last = performance.now();
      const onProgress = (e: ProgressEvent) => {
        const now = performance.now();
        if (e.caseId) perCase.push((now - last) / 1000);
        last = now;
      };
      const start = performance.now();
      const options = { data: DATA, results, force: true };
      if (large) {
        const options = {
          configuration: '3d_fullres',
          mode: 'training' as const,
          planHash: 'bench',
          labelMap: large.labelMap,
        };
        await writePreprocessedCase(results, preprocessCase(large.input, large.plan, options));
        onProgress({ stage: 'preprocess', done: 1, total: 1, caseId: 'large', outcome: 'ok' });
      } else if (scenario === 'plan') {
        await planDataset({ ...options, nJobs: 1 }, { onProgress });
      } else {
        const run = await preprocessDataset(
          {
            ...options,
            nJobs: scenario === 'training-2-workers' ? 2 : 1,
            execMode: scenario === 'test' ? 'test' : 'training',
          },
          { onProgress },
        );
        if (run.failures.length > 0) throw new Error(JSON.stringify(run.failures));
      }
      walls.push((performance.now() - start) / 1000);
      cases = perCase.length / (rep + 1);
    }
    const wallSeconds = median(walls);
    return {
      scenario,
      cases,
      // with workers, cases overlap: report wall time per case instead of event gaps
      secondsPerCase: scenario === 'training-2-workers' ? wallSeconds / cases : median(perCase),
      wallSeconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      baselineRssMiB,
    };
  } finally {
    await rm(results, { recursive: true, force: true });
  }
}

/** A CT-sized synthetic case and the dataset's 3d_fullres plan edited to 1.25×0.8×0.8 mm (built before timing). */
async function largeInput(
  results: string,
): Promise<{ input: CaseInput; plan: ConfigurationPlan; labelMap: LabelMap }> {
  const plans = await readPlansFile(path.join(results, path.basename(DATA), 'plans.json'));
  const plan = plans?.configurations['3d_fullres'];
  if (!plan) throw new Error('no 3d_fullres configuration');
  const [nI, nJ, nK] = [512, 512, 120];
  const image = new Float32Array(nI * nJ * nK);
  const label = new Uint8Array(nI * nJ * nK);
  for (let k = 0, at = 0; k < nK; k++)
    for (let j = 0; j < nJ; j++)
      for (let i = 0; i < nI; i++, at++) {
        const body = (i - 256) ** 2 + (j - 256) ** 2 < 230 ** 2;
        const organ = (i - 200) ** 2 + (j - 260) ** 2 + ((k - 60) * 3) ** 2 < 70 ** 2;
        const kidney = (i - 330) ** 2 + (j - 300) ** 2 + ((k - 50) * 3) ** 2 < 30 ** 2;
        image[at] = body ? (organ ? 60 : kidney ? 150 : -100) + ((i * 7 + j * 13 + k * 3) % 40) : -1024;
        label[at] = organ ? 1 : kidney ? 3 : 0;
      }
  const spacing: [number, number, number] = [0.8, 0.8, 2.5];
  return {
    input: {
      id: 'large',
      image: createVolume({ data: image, shape: [nI, nJ, nK], spacing }),
      label: createVolume({ data: label, shape: [nI, nJ, nK], spacing }),
    },
    plan: { ...plan, spacing: [1.25, 0.8, 0.8] },
    labelMap: new LabelMap(plans!.labels),
  };
}

const only = process.argv[2] as Scenario | undefined;
if (only) {
  process.stdout.write(`${JSON.stringify(await runScenario(only))}\n`);
} else {
  console.log(`dataset ${DATA}, ${REPS} repetitions per scenario, node ${process.version}`);
  console.log('scenario             cases  s/case (median)  wall s (median)  peak RSS MiB  (at start)');
  for (const scenario of SCENARIOS) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), scenario],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1) as string) as Report;
    console.log(
      `${r.scenario.padEnd(20)} ${String(r.cases).padStart(5)}  ${r.secondsPerCase.toFixed(3).padStart(15)}  ` +
        `${r.wallSeconds.toFixed(2).padStart(15)}  ${r.peakRssMiB.toFixed(0).padStart(12)}  (${r.baselineRssMiB.toFixed(0)})`,
    );
  }
}
