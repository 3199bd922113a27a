import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { taskNumber, type Dataset } from '@nnunet-ts/datasets';
import type { Plans } from '@nnunet-ts/plans';
import type { CaseFingerprint } from '../fingerprint/caseFingerprint';
import { aggregateFingerprint } from '../fingerprint/aggregateFingerprint';
import type { DatasetFingerprint } from '../fingerprint/DatasetFingerprint';
import type { CaseFailure, CaseJob } from '../internal/caseJobs';
import { runCaseJobs } from '../internal/runCaseJobs';
import { readJsonFile, writeJsonFile } from '../internal/jsonFile';
import { planExperiment } from '../plan/planExperiment';
import { FINGERPRINT_FILE, PLANS_FILE } from '../store/storeLayout';
import { planOptionsSchema, type PlanOptions } from './commandOptions';
import type { PipelineHooks, ProgressListener } from './ProgressEvent';
import { resolveDataset } from './resolveDataset';
import { resolvePlanner } from './resolvePlanner';

/** nnU-Net's budget of foreground intensities sampled over the whole dataset (10e7 there; 1e7 here, 40 MB). */
const FOREGROUND_SAMPLES = 1e7;

export interface PlanResult {
  datasetFolder: string;
  /** `<results>/<dataset folder name>` */
  outputFolder: string;
  fingerprintFile: string;
  plansFile: string;
  /** undefined when fingerprinting failed for a case (nothing is written then) */
  plans?: Plans;
  failures: CaseFailure[];
}

/**
 * `nnunet plan`: fingerprints the training cases (in worker processes; reused from
 * `dataset_fingerprint.json` unless `force`) and writes `plans.json`. A case that cannot be read is
 * reported and the others are still fingerprinted, but no plan is written from an incomplete dataset.
 */
export async function planDataset(
  input: PlanOptions,
  { onProgress, onNotice }: PipelineHooks = {},
): Promise<PlanResult> {
  const options = planOptionsSchema.parse(input);
  const planner = resolvePlanner(options, onNotice);
  const { dataset, outputFolder, nJobs } = await resolveDataset(options);
  const fingerprintFile = path.join(outputFolder, FINGERPRINT_FILE);
  const plansFile = path.join(outputFolder, PLANS_FILE);
  const result = { datasetFolder: dataset.root, outputFolder, fingerprintFile, plansFile };
  await mkdir(outputFolder, { recursive: true });

  let fingerprint = options.force ? undefined : await readJsonFile<DatasetFingerprint>(fingerprintFile);
  if (!fingerprint) {
    const extracted = await extractFingerprint(dataset, nJobs, onProgress);
    if (!extracted.fingerprint) return { ...result, failures: extracted.failures };
    fingerprint = extracted.fingerprint;
    await writeJsonFile(fingerprintFile, fingerprint);
  }
  const plans = planExperiment(fingerprint, {
    planner,
    memoryTargetGb: options.memoryTargetGb,
    patchSize: options.patchSize,
    batchSize: options.batchSize,
    msdTask: planner === 'nvidia' ? msdTaskOf(dataset, options.task) : undefined,
  });
  await writeJsonFile(plansFile, plans);
  return { ...result, plans, failures: [] };
}

async function extractFingerprint(
  dataset: Dataset,
  nJobs: number,
  onProgress: ProgressListener | undefined,
): Promise<{ fingerprint?: DatasetFingerprint; failures: CaseFailure[] }> {
  const total = dataset.training.length;
  if (total === 0) throw new Error(`${dataset.root}: the dataset has no training cases to plan from`);
  const maxSamples = Math.floor(FOREGROUND_SAMPLES / total);
  const jobs: CaseJob[] = dataset.training.map((c) => ({ kind: 'fingerprint', caseId: c.id, maxSamples }));
  onProgress?.({ stage: 'fingerprint', done: 0, total });
  let done = 0;
  const outcomes = await runCaseJobs(dataset, jobs, {
    nJobs,
    onOutcome: (caseId, outcome) =>
      onProgress?.({
        stage: 'fingerprint',
        done: ++done,
        total,
        caseId,
        outcome: outcome.ok ? 'ok' : 'failed',
      }),
  });
  const cases: CaseFingerprint[] = [];
  const failures: CaseFailure[] = [];
  for (const outcome of outcomes.values()) {
    if (!outcome.ok) failures.push(outcome.failure);
    else if (outcome.result.kind === 'fingerprint') cases.push(outcome.result.fingerprint);
  }
  if (failures.length > 0) return { failures };
  return { fingerprint: aggregateFingerprint(dataset, cases), failures };
}

/** The MSD task the nvidia planner applies to: `--task`, else a `TaskNN_*` dataset folder name. */
function msdTaskOf(dataset: Dataset, task: string | undefined): string | undefined {
  const folder = path.basename(dataset.root);
  const n =
    task !== undefined ? taskNumber(task) : /^Task\d+_/i.test(folder) ? taskNumber(folder) : undefined;
  return n === undefined ? undefined : String(n).padStart(2, '0');
}
