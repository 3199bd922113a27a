import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { initBackend, type tf } from '@nnunet-ts/tf-backend';
import {
  crossValidationSplits,
  defaultDataRoot,
  loadDataset,
  readSplits,
  resolveDatasetFolder,
  synthesizeDataset,
  writeSplits,
} from '@nnunet-ts/datasets';
import {
  defaultResultsRoot,
  preprocessDataset,
  type ConfigurationName,
  type Plans,
  type PreprocessResult,
  type ProgressListener,
} from '@nnunet-ts/preprocessing';
import { createTrainingLoader, openStoreSource, validationCases } from '@nnunet-ts/data-loader';
import { buildUNet, saveUNet } from '@nnunet-ts/unet-model';
import {
  consoleBackend,
  createLogger,
  dlloggerBackend,
  type LogBackend,
  type TextSink,
} from '@nnunet-ts/logging';
import { initDistributed } from '@nnunet-ts/distributed';
import { DataParallel } from './DataParallel';
import { rankResources } from './rankResources';
import type { ModelPlan } from './ModelPlan';
import { adam } from './optimizers/adam';
import { lookahead } from './optimizers/lookahead';
import type { Optimizer } from './optimizers/Optimizer';
import { sgd } from './optimizers/sgd';
import { BEST_CHECKPOINT, LAST_CHECKPOINT, runTraining, type TrainingSummary } from './runTraining';
import { predictStore, type PredictStoreOptions } from './predictStore';
import { validationDice, type ValidationCase } from './validationDice';
import { applyPreset, trainOptionProblems, trainOptionsSchema, type TrainOptions } from './trainOptions';
import { loadTrainingCheckpoint } from './trainingCheckpoint';

export const PHANTOM_FOLDER = 'Task00_Phantom';

export interface TrainHooks {
  /** progress and notes for a person (stderr) */
  note?: (line: string) => void;
  onPreprocessProgress?: ProgressListener;
  onStep?: (event: { epoch: number; step: number; stepsPerEpoch: number; loss: number }) => void;
  /** the console stream for log lines (default stdout) */
  consoleStream?: TextSink;
  /** flags given explicitly on the command line (they win over --preset) */
  explicit?: ReadonlySet<string>;
}

export interface TrainResult {
  /** this process's rank in a data-parallel job (0 alone); only rank 0 wrote the model and the log */
  rank: number;
  datasetFolder: string;
  runFolder: string;
  modelFolder: string;
  logFile: string;
  summary: TrainingSummary;
}

/**
 * `nnunet train` / `nx run trainer:train`: dataset (the built-in phantom when none is named) →
 * plan and preprocess (skipping finished cases) → fold split → U-Net from the plan → training with
 * validation and checkpoints → a self-contained model folder from the best (else last) weights.
 *
 * Started as one rank of a data-parallel job (by nnunet-run, `nnunet train --gpus N`, torchrun,
 * mpirun or srun; see `@nnunet-ts/distributed`), it joins the job: rank 0 prepares the dataset first, each
 * rank trains on its shard of the cases with the gradients averaged over the ranks, validation is
 * split across the ranks, and only rank 0 writes checkpoints, logs and the model folder. Each rank
 * takes one GPU and its share of the host's cores (`rankResources`) unless the launcher chose. A
 * single process trains as before.
 */
export async function train(input: Partial<TrainOptions>, hooks: TrainHooks = {}): Promise<TrainResult> {
  const options = applyPreset(trainOptionsSchema.parse(input), hooks.explicit);
  const problems = trainOptionProblems(options);
  if (problems.length) throw new Error(problems.join('; '));
  if (options.gpus > 1) {
    throw new Error(
      `--gpus ${options.gpus}: train() runs one rank; \`nnunet train --gpus N\` starts the ranks (or use nnunet-run -np N)`,
    );
  }
  const context = await initDistributed();
  try {
    const parallel =
      context.size > 1
        ? new DataParallel(context, { fusionThresholdBytes: Math.round(options.fusionThresholdMb * 2 ** 20) })
        : undefined;
    if (parallel && options.execMode !== 'train') {
      throw new Error(
        `--exec-mode ${options.execMode} runs in one process, not in a job of ${parallel.size} ranks`,
      );
    }
    // before the backend starts: its GPU and its share of the host's cores
    if (parallel) {
      const { localRank, localSize } = context;
      Object.assign(process.env, rankResources({ env: process.env, localRank, localSize }));
    }
    return await trainRank(options, hooks, parallel);
  } finally {
    await context.close();
  }
}

async function trainRank(
  options: TrainOptions,
  hooks: TrainHooks,
  parallel: DataParallel | undefined,
): Promise<TrainResult> {
  const isRoot = parallel?.isRoot ?? true;
  // one account of the run, from rank 0; the other ranks speak through their errors
  const note = (isRoot && hooks.note) || (() => undefined);
  // work on shared files: rank 0 first, the others then find it done
  const rootFirst = <T>(work: () => Promise<T>) => (parallel ? parallel.rootFirst(work) : work());
  if (options.amp)
    note(
      '--amp: tfjs has no float16 compute; training runs in float32 (the flag is accepted for compatibility)',
    );
  if (options.xla)
    note('--xla: tfjs has no XLA compiler; nothing changes (the flag is accepted for compatibility)');
  if (options.benchmark)
    note('--benchmark: use `nnunet benchmark` for throughput and latency; training runs normally');

  const backend = await initBackend({ backend: options.backend });
  note(`backend: ${backend.backend} (${backend.reason})`);

  const results = options.results ?? defaultResultsRoot();
  let data = options.data;
  if (options.task === undefined && data === undefined) {
    data = join(defaultDataRoot(), PHANTOM_FOLDER);
    const phantom = data;
    await rootFirst(async () => {
      if (!existsSync(join(phantom, 'dataset.json'))) {
        note(`no --task or --data: writing the built-in phantom dataset to ${phantom}`);
        await synthesizeDataset(phantom, {});
      }
    });
  }
  const datasetFolder =
    options.task === undefined
      ? resolveDatasetFolder(data!)
      : resolveDatasetFolder(options.task, data ?? defaultDataRoot());
  const dataset = await loadDataset(datasetFolder);
  const configuration: ConfigurationName = options.dim === 3 ? '3d_fullres' : '2d';

  // the training and the test set are preprocessed alike
  const preprocess = (execMode: 'training' | 'test', onProgress?: ProgressListener) =>
    preprocessDataset(
      {
        data: datasetFolder,
        results,
        dim: options.dim,
        execMode,
        preset: options.planner,
        memoryTargetGb: options.memoryTargetGb,
      },
      { onProgress },
    );
  // The other ranks wait for rank 0's preprocessing within the collective timeout
  // (NNUNET_TIMEOUT_MS, 300 s): preprocess a large dataset first with `nnunet preprocess`.
  const preprocessed = await rootFirst(() =>
    preprocess('training', isRoot ? hooks.onPreprocessProgress : undefined),
  );
  const storeDir = preprocessedStore(preprocessed, datasetFolder);
  const plans = JSON.parse(await readFile(preprocessed.plansFile, 'utf8')) as Plans;
  const plan = plans.configurations[configuration]!;
  const outputFolder = join(results, basename(datasetFolder));
  const topology = {
    ...plan.topology,
    filters: plan.topology.filters.map((_, i) =>
      Math.min(options.baseFilters * 2 ** i, options.maxFilters ?? (plan.dim === 3 ? 320 : 512)),
    ),
  };
  checkPatchFitsStrides(plan.patchSize, topology.strides, preprocessed.plansFile);

  const source = await openStoreSource(storeDir);
  const splitsFile = join(outputFolder, 'splits_final.json');
  const splits = await rootFirst(async () => {
    const saved = existsSync(splitsFile) ? await readSplits(splitsFile) : undefined;
    if (saved && saved.length === options.nfolds) return saved;
    const made = crossValidationSplits(source.ids, { folds: options.nfolds });
    await writeSplits(splitsFile, made);
    return made;
  });
  const fold = splits[options.fold]!;
  const runFolder = join(outputFolder, configuration, `fold_${options.fold}`);
  const ckptDir = options.ckptDir ?? join(runFolder, 'ckpt');
  const logFile = join(runFolder, options.logname);
  let seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  // without --seed each rank drew its own: rank 0's is the job's (the loader derives per-rank streams)
  if (parallel) seed = await parallel.broadcastUint32(seed);
  const classes = dataset.labels.size;
  const channels = plan.normalization.length;

  const model = buildUNet({
    topology,
    inChannels: channels,
    classes,
    norm: options.norm,
    negativeSlope: options.negativeSlope,
    deepSupervision: options.deepSupervision,
    seed,
  });
  const optimizer = createOptimizer(options);
  const modelPlan: ModelPlan = {
    datasetName: plans.datasetName,
    configuration,
    plan: { ...plan, topology },
    channelNames: plans.channelNames,
    labels: plans.labels,
    classes,
    fold: options.fold,
  };
  const modelFolder = join(runFolder, 'model');
  if (options.execMode !== 'train') {
    try {
      const summary = await runCheckpointMode(options.execMode, {
        ckptDir,
        model,
        optimizer,
        modelPlan,
        modelFolder,
        note,
        logFile,
        quiet: options.quiet,
        consoleStream: hooks.consoleStream,
        validation: () => validationCases(source, { caseIds: fold.val }),
        predict: {
          store: storeDir,
          fold: options.fold,
          nfolds: options.nfolds,
          splitsFile,
          // the test set too, preprocessed with the same plan, when the dataset has one
          testStore: dataset.test.length
            ? async () => preprocessedStore(await preprocess('test'), `the test set of ${datasetFolder}`)
            : undefined,
          // as the seed's preds_..._fold_{f}[_tta], so that a --tta run keeps its own predictions
          output: (set: 'val' | 'test') => join(runFolder, `preds_${set}${options.tta ? '_tta' : ''}`),
        },
        inference: {
          overlap: options.overlap,
          blend: options.blend,
          tta: options.tta,
          saveProbabilities: options.savePreds,
        },
      });
      return { rank: 0, datasetFolder, runFolder, modelFolder, logFile, summary };
    } finally {
      optimizer.dispose();
      model.dispose();
    }
  }
  const loader = await createTrainingLoader({
    source,
    caseIds: fold.train,
    dim: options.dim,
    patch: plan.patchSize,
    batchSize: options.batchSize,
    nvol: options.nvol,
    oversampling: options.oversampling,
    augment: options.augment,
    seed,
    numWorkers: options.numWorkers,
    stepsPerEpoch: options.stepsPerEpoch,
    rank: parallel?.rank,
    size: parallel?.size,
  });
  const backends: LogBackend[] = [dlloggerBackend({ path: logFile, append: options.resumeTraining })];
  backends.push(consoleBackend({ stream: hooks.consoleStream, quiet: options.quiet }));
  const logger = createLogger({ backends, rank: parallel?.rank ?? 0 });
  logger.log('PARAMETER', {
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    seed,
    backend: backend.backend,
    dataset: datasetFolder,
    configuration,
    patch_size: plan.patchSize,
    filters: topology.filters,
    train_cases: fold.train.length,
    val_cases: fold.val.length,
    ranks: parallel?.size ?? 1,
    global_batch_size: options.batchSize * (parallel?.size ?? 1),
  });
  note(
    `training ${configuration} fold ${options.fold}: ${fold.train.length} training / ${fold.val.length} validation cases, ` +
      `patch [${plan.patchSize.join(', ')}], ${loader.stepsPerEpoch} steps per epoch, ${options.epochs} epochs` +
      (parallel
        ? `, ${parallel.size} ranks × batch ${options.batchSize} (rank 0: CUDA_VISIBLE_DEVICES=` +
          `${process.env.CUDA_VISIBLE_DEVICES}, NNUNET_NUM_THREADS=${process.env.NNUNET_NUM_THREADS})`
        : ''),
  );
  let summary: TrainingSummary;
  try {
    summary = await runTraining({
      model,
      optimizer,
      data: {
        epoch: (n) => loader.epoch(n),
        validation: () =>
          validationCases(source, { caseIds: fold.val, rank: parallel?.rank, size: parallel?.size }),
      },
      classes,
      epochs: options.epochs,
      stepsPerEpoch: loader.stepsPerEpoch,
      schedule: {
        scheduler: options.scheduler,
        learningRate: options.learningRate,
        endLearningRate: options.endLearningRate,
        firstCycleSteps: options.cosineAnnealingFirstCycleSteps,
        alpha: options.cosineAnnealingAlpha,
      },
      skipEval: options.skipEval,
      patchSize: plan.patchSize,
      overlap: options.overlap,
      blend: options.blend,
      tta: options.tta,
      batchReduction: options.lossBatchReduction,
      includeBackground: options.lossIncludeBackground,
      weightDecay: options.weightDecay,
      ckptStrategy: options.ckptStrategy,
      ckptDir,
      resume: options.resumeTraining,
      seed,
      logger,
      checkpointExtra: { modelPlan },
      onProgress: isRoot ? hooks.onStep : undefined,
      parallel,
    });
  } finally {
    await loader.close();
    await logger.close();
  }
  if (isRoot) {
    const best = join(ckptDir, BEST_CHECKPOINT);
    if (existsSync(best)) await loadTrainingCheckpoint(best, model, optimizer);
    await saveUNet(modelFolder, model, modelPlan);
  }
  optimizer.dispose();
  model.dispose();
  return { rank: parallel?.rank ?? 0, datasetFolder, runFolder, modelFolder, logFile, summary };
}

interface CheckpointModeContext {
  ckptDir: string;
  model: tf.LayersModel;
  optimizer: Optimizer;
  modelPlan: ModelPlan;
  modelFolder: string;
  note: (line: string) => void;
  logFile: string;
  quiet: boolean;
  consoleStream?: TextSink;
  validation: () => AsyncIterable<ValidationCase>;
  predict: Pick<PredictStoreOptions, 'fold' | 'nfolds' | 'splitsFile'> & {
    store: string;
    testStore?: () => Promise<string>;
    output: (set: 'val' | 'test') => string;
  };
  inference: { overlap: number; blend: 'gaussian' | 'constant'; tta: boolean; saveProbabilities: boolean };
}

/**
 * `--exec-mode evaluate|predict|export` on the fold's best checkpoint (else its last): validation Dice
 * logged as `eval_dice_nobg` and `L1..`, prediction of the dataset's test images, or the model folder.
 */
async function runCheckpointMode(
  mode: 'evaluate' | 'predict' | 'export',
  context: CheckpointModeContext,
): Promise<TrainingSummary> {
  const { ckptDir, model, optimizer, modelPlan, modelFolder, note } = context;
  const path = [BEST_CHECKPOINT, LAST_CHECKPOINT]
    .map((name) => join(ckptDir, name))
    .find((p) => existsSync(p));
  if (!path) throw new Error(`--exec-mode ${mode}: no checkpoint in ${ckptDir}; train this fold first`);
  const progress = await loadTrainingCheckpoint(path, model, optimizer);
  note(`--exec-mode ${mode}: weights of ${path} (epoch ${progress.epoch}, step ${progress.step})`);
  const summary: TrainingSummary = { ...progress, lastTrainLoss: Number.NaN };
  if (mode === 'evaluate') {
    const validation = await validationDice(model, context.validation(), {
      patchSize: modelPlan.plan.patchSize,
      classes: modelPlan.classes,
      ...context.inference,
    });
    const logger = createLogger({
      backends: [
        dlloggerBackend({ path: context.logFile, append: true }),
        consoleBackend({ stream: context.consoleStream, quiet: context.quiet }),
      ],
    });
    const record: Record<string, number> = { eval_dice_nobg: validation.meanForeground };
    validation.perClass.forEach((d, i) => (record[`L${i + 1}`] = d));
    logger.log([], record);
    await logger.close();
    return {
      ...summary,
      lastValidation: { perClass: validation.perClass, meanForeground: validation.meanForeground },
    };
  }
  await saveUNet(modelFolder, model, modelPlan);
  note(`model folder: ${modelFolder}`);
  if (mode === 'predict') {
    // as the seed: the fold's validation cases of the preprocessed store, then the test set
    const { store, testStore, output, ...split } = context.predict;
    const sets: { set: 'val' | 'test'; dir: string }[] = [{ set: 'val', dir: store }];
    if (testStore) sets.push({ set: 'test', dir: await testStore() });
    for (const { set, dir } of sets) {
      const written = await predictStore({
        models: [modelFolder],
        store: dir,
        output: output(set),
        ...split,
        ...context.inference,
      });
      note(`${written.length} ${set === 'val' ? 'validation' : 'test'} prediction(s) in ${output(set)}`);
    }
  }
  return summary;
}

function createOptimizer(options: TrainOptions): Optimizer {
  const inner =
    options.optimizer === 'sgd'
      ? sgd({ momentum: options.momentum, nesterov: options.preset === 'nnunet' })
      : adam({ rectified: options.optimizer === 'radam' });
  return options.lookahead ? lookahead(inner) : inner;
}

/** The store a preprocessing run wrote; a failed case or no store at all is an error naming `what`. */
function preprocessedStore(result: PreprocessResult, what: string): string {
  if (result.storeDir && !result.failures.length) return result.storeDir;
  const failures = result.failures.map((f) => `${f.file}: ${f.reason}`).join('; ');
  throw new Error(`preprocessing ${what} failed: ${failures || 'no store was written'}`);
}

function checkPatchFitsStrides(
  patch: readonly number[],
  strides: readonly number[][],
  plansFile: string,
): void {
  patch.forEach((size, axis) => {
    const total = strides.reduce((product, s) => product * s[axis]!, 1);
    if (size % total !== 0) {
      throw new Error(
        `${plansFile}: patch size ${size} on axis ${axis} is not divisible by the network's total stride ${total} there; ` +
          `use a multiple of ${total}`,
      );
    }
  });
}
