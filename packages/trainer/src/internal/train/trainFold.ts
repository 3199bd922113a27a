import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createTrainingLoader, validationCases } from '@nnunet-ts/data-loader';
import { saveModelFolder } from '@nnunet-ts/inference';
import { acquireExclusiveLock } from '@nnunet-ts/io-nifti';
import { consoleBackend, createLogger, dlloggerBackend } from '@nnunet-ts/logging';
import { BEST_CHECKPOINT, LAST_CHECKPOINT, runTraining, type TrainingSummary } from '../../runTraining';
import type { TrainHooks } from '../../train';
import { loadTrainingCheckpoint, readTrainingProgress } from '../../trainingCheckpoint';
import type { TrainOptions } from '../../trainOptions';
import type { TrainingRun } from './buildTrainingRun';
import { rankLayout } from './rankLayout';
import type { PreparedData } from './prepareTrainingData';
import type { TrainingJob } from './TrainingJob';

/** The lock file in a checkpoint folder while a training writes there. */
const TRAIN_LOCK = 'train.lock';

/**
 * `--exec-mode train`: the fold's loader (this rank's shard), the log (dllogger file and console),
 * training with validation and checkpoints, then rank 0 writes the model folder from the best
 * (else the last) weights.
 */
export async function trainFold(
  options: TrainOptions,
  hooks: TrainHooks,
  data: PreparedData,
  run: TrainingRun,
  job: TrainingJob,
  backend: string,
): Promise<TrainingSummary> {
  // one training at a time per checkpoint folder: a second one would overwrite the first's checkpoints
  await mkdir(run.ckptDir, { recursive: true });
  const lock = job.isRoot
    ? await acquireExclusiveLock(join(run.ckptDir, TRAIN_LOCK), `nnunet train fold ${options.fold}`, {
        onTakeover: job.note,
      })
    : undefined;
  try {
    return await trainLocked(options, hooks, data, run, job, backend);
  } finally {
    await lock?.release();
  }
}

async function trainLocked(
  options: TrainOptions,
  hooks: TrainHooks,
  data: PreparedData,
  run: TrainingRun,
  job: TrainingJob,
  backend: string,
): Promise<TrainingSummary> {
  const { parallel } = job;
  const { fold, model, optimizer } = run;
  const { patchSize } = data.plan;
  const ranks = parallel?.size ?? 1;
  const last = join(run.ckptDir, LAST_CHECKPOINT);
  const saved =
    options.resumeTraining && existsSync(last)
      ? { checkpoint: last, progress: await readTrainingProgress(last) }
      : undefined;
  const layout = rankLayout(options, ranks, saved);
  if (layout.note) job.note(layout.note);
  const loader = await createTrainingLoader({
    source: run.source,
    caseIds: fold.train,
    dim: options.dim,
    patch: patchSize,
    batchSize: layout.batchPerRank,
    nvol: options.nvol,
    oversampling: options.oversampling,
    augment: options.augment,
    seed: run.seed,
    numWorkers: options.numWorkers,
    stepsPerEpoch: layout.stepsPerEpoch,
    rank: parallel?.rank,
    size: parallel?.size,
  });
  const logger = createLogger({
    backends: [
      dlloggerBackend({ path: run.logFile, append: options.resumeTraining }),
      consoleBackend({ stream: hooks.consoleStream, quiet: options.quiet }),
    ],
    rank: parallel?.rank ?? 0,
  });
  logger.log('PARAMETER', {
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    seed: run.seed,
    backend,
    dataset: data.datasetFolder,
    configuration: data.configuration,
    patch_size: patchSize,
    filters: run.modelPlan.plan.topology.filters,
    train_cases: fold.train.length,
    val_cases: fold.val.length,
    ranks,
    batchSize: layout.batchPerRank,
    global_batch_size: layout.batchPerRank * ranks,
  });
  job.note(
    `training ${data.configuration} fold ${options.fold}: ${fold.train.length} training / ${fold.val.length} validation cases, ` +
      `patch [${patchSize.join(', ')}], ${loader.stepsPerEpoch} steps per epoch, ${options.epochs} epochs` +
      (parallel
        ? `, ${parallel.size} ranks × batch ${layout.batchPerRank} (rank 0: CUDA_VISIBLE_DEVICES=` +
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
          validationCases(run.source, { caseIds: fold.val, rank: parallel?.rank, size: parallel?.size }),
      },
      classes: run.modelPlan.classes,
      epochs: options.epochs,
      stepsPerEpoch: loader.stepsPerEpoch,
      schedule: {
        scheduler: options.scheduler,
        learningRate: options.learningRate,
        endLearningRate: options.endLearningRate,
        firstCycleSteps: options.cosineAnnealingFirstCycleSteps,
        alpha: options.cosineAnnealingAlpha,
      },
      // --fold all has no validation cases: never evaluate (the model folder takes the last weights)
      skipEval: fold.val.length > 0 ? options.skipEval : options.epochs,
      patchSize,
      overlap: options.overlap,
      blend: options.blend,
      tta: options.tta,
      batchReduction: options.lossBatchReduction,
      includeBackground: options.lossIncludeBackground,
      weightDecay: options.weightDecay,
      ckptStrategy: options.ckptStrategy,
      ckptDir: run.ckptDir,
      resume: options.resumeTraining,
      seed: run.seed,
      logger,
      checkpointExtra: { modelPlan: run.modelPlan },
      onProgress: job.isRoot ? hooks.onStep : undefined,
      parallel,
    });
  } finally {
    await loader.close();
    await logger.close();
  }
  if (job.isRoot) {
    const best = join(run.ckptDir, BEST_CHECKPOINT);
    if (existsSync(best)) await loadTrainingCheckpoint(best, model, optimizer);
    await saveModelFolder(run.modelFolder, model, run.modelPlan);
  }
  return summary;
}
