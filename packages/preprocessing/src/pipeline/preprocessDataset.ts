import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  configurationForDim,
  configurationOf,
  STORE_MANIFEST_VERSION,
  type ConfigurationName,
  type ConfigurationPlan,
  type Plans,
  type StoreManifest,
} from '@nnunet-ts/plans';
import { casesOfRank, LabelMap, type CaseShare, type Dataset } from '@nnunet-ts/datasets';
import type { CaseFailure, CaseJob } from '../internal/caseJobs';
import { writeJsonFile } from '../internal/jsonFile';
import { runCaseJobs } from '../internal/runCaseJobs';
import { preprocessingHash } from '../plan/preprocessingHash';
import { readPlansFile } from '../plan/readPlansFile';
import { isCaseFinished } from '../store/isCaseFinished';
import { PLANS_FILE, STORE_MANIFEST_FILE, storeFolder } from '../store/storeLayout';
import { preprocessOptionsSchema, type PreprocessOptions } from './commandOptions';
import { planDataset } from './planDataset';
import type { PipelineHooks } from './ProgressEvent';
import { resolveDataset } from './resolveDataset';
import { resolvePlanner } from './resolvePlanner';

export interface PreprocessResult {
  datasetFolder: string;
  plansFile: string;
  configuration: ConfigurationName;
  /** the checked plans and the configuration's plan the store was made with (undefined when planning failed) */
  plans?: Plans;
  plan?: ConfigurationPlan;
  /** the store folder `<results>/<dataset>/<configuration>/<exec mode>` (undefined when planning failed) */
  storeDir?: string;
  processed: string[];
  skipped: string[];
  failures: CaseFailure[];
}

/**
 * `nnunet preprocess`: plans the dataset when `plans.json` is missing or was made with another planner or
 * memory target (an existing matching plan is used as it is, so hand edits survive; a plans.json of an
 * older version is migrated in memory with a notice, never rewritten here), then preprocesses
 * the configuration's cases in worker processes into the store folder. Finished cases made with the same
 * plan are skipped unless `force`; a failing case is reported and the others go on. Only the results
 * folder is written, never the dataset. With a `share` (a job of several ranks), rank 0 plans and
 * opens the store first, then every rank preprocesses its part of the cases (`casesOfRank`) and
 * reports those; the ranks' stores together are what one process writes.
 */
export async function preprocessDataset(
  input: PreprocessOptions,
  { onProgress, onNotice }: PipelineHooks = {},
  share?: CaseShare,
): Promise<PreprocessResult> {
  const options = preprocessOptionsSchema.parse(input);
  const planner = resolvePlanner(options, onNotice);
  const { dataset, folderName, results, outputFolder, nJobs } = await resolveDataset(options);
  const configuration = options.configuration ?? configurationForDim(options.dim);
  const dimOfConfiguration = configuration === '2d' ? 2 : 3;
  if (dimOfConfiguration !== options.dim) {
    throw new Error(
      `--configuration ${configuration} is ${dimOfConfiguration}D: give --dim ${dimOfConfiguration}`,
    );
  }
  const plansFile = path.join(outputFolder, PLANS_FILE);
  const base = { datasetFolder: dataset.root, plansFile, configuration, processed: [], skipped: [] };
  const mode = options.execMode;
  const allCases = mode === 'test' ? dataset.test : dataset.training;
  if (allCases.length === 0)
    throw new Error(`${dataset.root}: the dataset has no ${mode === 'test' ? 'test' : 'training'} cases`);

  // the plans (made when missing or of another planner) and the store's manifest
  const openStore = async (): Promise<
    { failures: CaseFailure[] } | { plans: Plans; plan: ConfigurationPlan; storeDir: string }
  > => {
    let plans = await readPlansFile(plansFile, onNotice);
    // a --patch-size the plan does not have yet means planning again
    const patchDiffers = (p: Plans) =>
      options.patchSize !== undefined &&
      p.configurations[options.patchSize.length === 3 ? '3d_fullres' : '2d']?.patchSize.join() !==
        options.patchSize.join();
    if (
      !plans ||
      plans.planner !== planner ||
      plans.memoryTargetGb !== options.memoryTargetGb ||
      patchDiffers(plans)
    ) {
      const planned = await planDataset(
        {
          task: options.task,
          data: options.data,
          results,
          planner,
          memoryTargetGb: options.memoryTargetGb,
          patchSize: options.patchSize,
          nJobs,
        },
        { onProgress, onNotice },
      );
      if (!planned.plans) return { failures: planned.failures };
      plans = planned.plans;
    }
    checkPlannedLabels(plans, plansFile, dataset);
    if (configuration === '3d_lowres' && !plans.configurations['3d_lowres']) {
      throw new Error(
        `${plansFile}: no 3d_lowres configuration: nnU-Net plans one only when the 3d_fullres patch covers ` +
          'less than a quarter of the median image; train 3d_fullres',
      );
    }
    const plan = configurationOf(plans, configuration, plansFile);
    const storeDir = storeFolder(results, folderName, configuration, mode);
    await mkdir(storeDir, { recursive: true });
    const manifest: StoreManifest = {
      version: STORE_MANIFEST_VERSION,
      datasetName: plans.datasetName,
      configuration,
      mode,
      channelNames: plans.channelNames,
      labels: plans.labels,
      plan,
    };
    await writeJsonFile(path.join(storeDir, STORE_MANIFEST_FILE), manifest);
    return { plans, plan, storeDir };
  };
  const opened = await (share ? share.rootFirst(openStore) : openStore());
  if ('failures' in opened) return { ...base, failures: opened.failures };
  const { plans, plan, storeDir } = opened;
  const cases = casesOfRank(allCases, share);

  const planHash = preprocessingHash(plan);
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
  return { ...base, plans, plan, storeDir, processed: processed.sort(), skipped, failures };
}

/**
 * The store's classes are the dataset's label values in order and are read back with the plan's
 * labels (store.json, model folders), so both must declare the same values.
 */
function checkPlannedLabels(plans: Plans, plansFile: string, dataset: Dataset): void {
  const planned = new LabelMap(plans.labels).values.join(', ');
  const declared = new LabelMap(dataset.labels).values.join(', ');
  if (planned !== declared) {
    throw new Error(
      `${plansFile}: planned for the label values ${planned}, but ${path.join(dataset.root, 'dataset.json')} declares ${declared}; plan again (nnunet plan --force)`,
    );
  }
}
