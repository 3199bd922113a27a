import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidationSplits, LabelMap, readSplits, writeSplits, type Fold } from '@nnunet-ts/datasets';
import { openStoreSource, type CaseSource } from '@nnunet-ts/data-loader';
import { MODEL_PLAN_VERSION, stageFilters, type ModelPlan } from '@nnunet-ts/plans';
import type { tf } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import { adam } from '../../optimizers/adam';
import { lookahead } from '../../optimizers/lookahead';
import type { Optimizer } from '../../optimizers/Optimizer';
import { sgd } from '../../optimizers/sgd';
import type { TrainOptions } from '../../trainOptions';
import type { PreparedData } from './prepareTrainingData';
import type { TrainingJob } from './TrainingJob';

/** Classes a network trains on: augment's uint8 class ids (and a model plan's limit). */
const MAX_TRAINING_CLASSES = 256;

/** One fold's run: its cases, its folders, and the network and optimizer it starts from. */
export interface TrainingRun {
  source: CaseSource;
  fold: Fold;
  splitsFile: string;
  runFolder: string;
  ckptDir: string;
  logFile: string;
  modelFolder: string;
  seed: number;
  model: tf.LayersModel;
  optimizer: Optimizer;
  /** what the model folder will carry: the configuration's plan with this run's filters */
  modelPlan: ModelPlan;
}

/**
 * The fold of `splits_final.json` (written by rank 0 when missing or of another fold count), the
 * run's folders under `<results>/<dataset>/<configuration>/fold_<f>`, the seed (rank 0's when drawn),
 * and the U-Net of the plan's topology with the filters of --base-filters / --max-filters.
 */
export async function buildTrainingRun(
  options: TrainOptions,
  data: PreparedData,
  job: TrainingJob,
): Promise<TrainingRun> {
  const source = await openStoreSource(data.storeDir);
  const splitsFile = join(data.outputFolder, 'splits_final.json');
  const splits = await job.rootFirst(async () => {
    const saved = existsSync(splitsFile) ? await readSplits(splitsFile) : undefined;
    if (saved && saved.length === options.nfolds) return saved;
    const made = crossValidationSplits(source.ids, { folds: options.nfolds });
    await writeSplits(splitsFile, made);
    return made;
  });
  const runFolder = join(data.outputFolder, data.configuration, `fold_${options.fold}`);
  let seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  // without --seed each rank drew its own: rank 0's is the job's (the loader derives per-rank streams)
  if (job.parallel) seed = await job.parallel.broadcastUint32(seed);
  const { plan } = data;
  const filters = stageFilters(plan.topology.filters.length, plan.dim, {
    base: options.baseFilters,
    max: options.maxFilters,
  });
  const topology = { ...plan.topology, filters };
  // the store holds classes of the plan's labels (class c is the c-th smallest label value)
  const { classes } = new LabelMap(data.plans.labels);
  if (classes > MAX_TRAINING_CLASSES) {
    throw new Error(
      `${data.datasetFolder}: ${classes} labels; training handles at most ${MAX_TRAINING_CLASSES} classes (augmentation works on uint8 class ids)`,
    );
  }
  const model = buildUNet({
    topology,
    inChannels: plan.normalization.length,
    classes,
    norm: options.norm,
    negativeSlope: options.negativeSlope,
    deepSupervision: options.deepSupervision,
    seed,
  });
  return {
    source,
    // --fold all: every case trains, none validates (nnU-Net v2's `-f all`)
    fold: options.fold === 'all' ? { train: [...source.ids], val: [] } : splits[options.fold]!,
    splitsFile,
    runFolder,
    ckptDir: options.ckptDir ?? join(runFolder, 'ckpt'),
    logFile: join(runFolder, options.logname),
    modelFolder: join(runFolder, 'model'),
    seed,
    model,
    optimizer: createOptimizer(options),
    modelPlan: {
      version: MODEL_PLAN_VERSION,
      datasetName: data.plans.datasetName,
      configuration: data.configuration,
      plan: { ...plan, topology },
      channelNames: data.plans.channelNames,
      labels: data.plans.labels,
      classes,
      fold: options.fold,
    },
  };
}

function createOptimizer(options: TrainOptions): Optimizer {
  const inner =
    options.optimizer === 'sgd'
      ? sgd({ momentum: options.momentum, nesterov: options.preset === 'nnunet' })
      : adam({ rectified: options.optimizer === 'radam' });
  return options.lookahead ? lookahead(inner) : inner;
}
