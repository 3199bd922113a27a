import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CaseFailure, CaseJob } from '../internal/caseJobs';
import { readJsonFile, writeJsonFile } from '../internal/jsonFile';
import { runCaseJobs } from '../internal/runCaseJobs';
import { configurationHash } from '../plan/configurationHash';
import type { ConfigurationName, Plans } from '../plan/Plans';
import { isCaseFinished } from '../store/isCaseFinished';
import type { StoreManifest } from '../store/StoreManifest';
import { PLANS_FILE, STORE_MANIFEST_FILE, storeFolder } from '../store/storeLayout';
import { preprocessOptionsSchema, type PreprocessOptions } from './commandOptions';
import { planDataset } from './planDataset';
import type { ProgressListener } from './ProgressEvent';
import { resolveDataset } from './resolveDataset';

export interface PreprocessResult {
  datasetFolder: string;
  plansFile: string;
  configuration: ConfigurationName;
  /** the store folder `<results>/<dataset>/<configuration>/<exec mode>` (undefined when planning failed) */
  storeDir?: string;
  processed: string[];
  skipped: string[];
  failures: CaseFailure[];
}

/**
 * `nnunet preprocess`: plans the dataset when `plans.json` is missing or was made with another preset or
 * memory target (an existing matching plan is used as it is, so hand edits survive), then preprocesses
 * the configuration's cases in worker processes into the store folder. Finished cases made with the same
 * plan are skipped unless `force`; a failing case is reported and the others go on. Only the results
 * folder is written, never the dataset.
 */
export async function preprocessDataset(
  input: PreprocessOptions,
  { onProgress }: { onProgress?: ProgressListener } = {},
): Promise<PreprocessResult> {
  const options = preprocessOptionsSchema.parse(input);
  const { dataset, folderName, results, outputFolder, nJobs } = await resolveDataset(options);
  const configuration: ConfigurationName = options.dim === 3 ? '3d_fullres' : '2d';
  const plansFile = path.join(outputFolder, PLANS_FILE);
  const base = { datasetFolder: dataset.root, plansFile, configuration, processed: [], skipped: [] };

  let plans = await readJsonFile<Plans>(plansFile);
  if (!plans || plans.planner !== options.preset || plans.memoryTargetGb !== options.memoryTargetGb) {
    const planned = await planDataset(
      {
        task: options.task,
        data: options.data,
        results,
        preset: options.preset,
        memoryTargetGb: options.memoryTargetGb,
        nJobs,
      },
      { onProgress },
    );
    if (!planned.plans) return { ...base, failures: planned.failures };
    plans = planned.plans;
  }
  const plan = plans.configurations[configuration];
  if (!plan) {
    throw new Error(
      `${plansFile}: no '${configuration}' configuration (this dataset has ${Object.keys(plans.configurations).join(', ')})`,
    );
  }

  const mode = options.execMode;
  const cases = mode === 'test' ? dataset.test : dataset.training;
  if (cases.length === 0)
    throw new Error(`${dataset.root}: the dataset has no ${mode === 'test' ? 'test' : 'training'} cases`);
  const storeDir = storeFolder(results, folderName, configuration, mode);
  await mkdir(storeDir, { recursive: true });
  const manifest: StoreManifest = {
    version: 1,
    datasetName: plans.datasetName,
    configuration,
    mode,
    channelNames: plans.channelNames,
    labels: plans.labels,
    plan,
  };
  await writeJsonFile(path.join(storeDir, STORE_MANIFEST_FILE), manifest);

  const planHash = configurationHash(plan);
  const total = cases.length;
  let done = 0;
  onProgress?.({ stage: 'preprocess', done, total });
  const skipped: string[] = [];
  const jobs: CaseJob[] = [];
  for (const c of cases) {
    if (!options.force && (await isCaseFinished(storeDir, c.id, planHash, mode !== 'test'))) {
      skipped.push(c.id);
      onProgress?.({ stage: 'preprocess', done: ++done, total, caseId: c.id, outcome: 'skipped' });
    } else {
      jobs.push({ kind: 'preprocess', caseId: c.id, mode, storeDir, configuration, plan, planHash });
    }
  }
  const outcomes = await runCaseJobs(dataset, jobs, {
    nJobs,
    onOutcome: (caseId, outcome) =>
      onProgress?.({
        stage: 'preprocess',
        done: ++done,
        total,
        caseId,
        outcome: outcome.ok ? 'ok' : 'failed',
      }),
  });
  const processed: string[] = [];
  const failures: CaseFailure[] = [];
  for (const [caseId, outcome] of outcomes) {
    if (outcome.ok) processed.push(caseId);
    else failures.push(outcome.failure);
  }
  return { ...base, storeDir, processed: processed.sort(), skipped, failures };
}
