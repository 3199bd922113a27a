import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  defaultDataRoot,
  loadDataset,
  resolveDatasetFolder,
  synthesizeDataset,
  type Dataset,
} from '@nnunet-ts/datasets';
import type { ConfigurationName, ConfigurationPlan, Plans } from '@nnunet-ts/plans';
import { defaultResultsRoot, preprocessDataset, type PreprocessResult } from '@nnunet-ts/preprocessing';
import type { TrainHooks } from '../../train';
import type { TrainOptions } from '../../trainOptions';
import type { TrainingJob } from './TrainingJob';

export const PHANTOM_FOLDER = 'Task00_Phantom';

/** The dataset, planned and preprocessed for the configuration that trains. */
export interface PreparedData {
  datasetFolder: string;
  dataset: Dataset;
  configuration: ConfigurationName;
  plans: Plans;
  plan: ConfigurationPlan;
  /** the training store */
  storeDir: string;
  /** `<results>/<dataset>`: splits and run folders */
  outputFolder: string;
  /** the dataset's test images preprocessed with the same plan, when it has some */
  testStore?: () => Promise<string>;
}

/**
 * The dataset (the built-in phantom, written once, when neither --task nor --data names one), then
 * its plan and training store: rank 0 preprocesses, the other ranks wait for it within the collective
 * timeout (NNUNET_TIMEOUT_MS, 300 s; preprocess a large dataset first with `nnunet preprocess`).
 */
export async function prepareTrainingData(
  options: TrainOptions,
  hooks: TrainHooks,
  job: TrainingJob,
): Promise<PreparedData> {
  const results = options.results ?? defaultResultsRoot();
  const datasetFolder = await resolveTrainingDataset(options, job);
  const dataset = await loadDataset(datasetFolder);
  // the training and the test set are preprocessed alike
  const preprocess = (execMode: 'training' | 'test', onProgress = hooks.onPreprocessProgress) =>
    preprocessDataset(
      {
        data: datasetFolder,
        results,
        dim: options.dim,
        configuration: options.configuration,
        execMode,
        planner: options.planner,
        memoryTargetGb: options.memoryTargetGb,
        patchSize: options.patchSize,
      },
      { onProgress: job.isRoot ? onProgress : undefined, onNotice: job.note },
    );
  const training = preprocessed(await job.rootFirst(() => preprocess('training')), datasetFolder);
  return {
    datasetFolder,
    dataset,
    configuration: training.configuration,
    plans: training.plans,
    plan: training.plan,
    storeDir: training.storeDir,
    outputFolder: join(results, basename(datasetFolder)),
    testStore: dataset.test.length
      ? async () =>
          preprocessed(await preprocess('test', undefined), `the test set of ${datasetFolder}`).storeDir
      : undefined,
  };
}

async function resolveTrainingDataset(options: TrainOptions, job: TrainingJob): Promise<string> {
  if (options.task !== undefined)
    return resolveDatasetFolder(options.task, options.data ?? defaultDataRoot());
  if (options.data !== undefined) return resolveDatasetFolder(options.data);
  const phantom = join(defaultDataRoot(), PHANTOM_FOLDER);
  await job.rootFirst(async () => {
    if (!existsSync(join(phantom, 'dataset.json'))) {
      job.note(`no --task or --data: writing the built-in phantom dataset to ${phantom}`);
      await synthesizeDataset(phantom, {});
    }
  });
  return resolveDatasetFolder(phantom);
}

/** What a preprocessing run made; a failed case or no store at all is an error naming `what`. */
function preprocessed(result: PreprocessResult, what: string) {
  const { storeDir, plans, plan, configuration, failures } = result;
  if (storeDir && plans && plan && !failures.length) return { storeDir, plans, plan, configuration };
  const reasons = failures.map((f) => `${f.file}: ${f.reason}`).join('; ');
  throw new Error(`preprocessing ${what} failed: ${reasons || 'no store was written'}`);
}
