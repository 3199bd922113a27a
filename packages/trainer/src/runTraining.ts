import { existsSync } from 'node:fs';
import { concatMap, lastValueFrom, take } from 'rxjs';
import { toObservable } from '@nnunet-ts/data-loader';
import { mkdir } from 'node:fs/promises';
import { faultPoint } from '@nnunet-ts/io-nifti';
import { join } from 'node:path';
import type { tf } from '@nnunet-ts/tf-backend';
import type { Logger } from '@nnunet-ts/logging';
import { learningRateAt, type ScheduleOptions } from './learningRateSchedule';
import type { DataParallel } from './DataParallel';
import type { Optimizer } from './optimizers/Optimizer';
import { createTrainStep, type TensorBatchSource, type TrainStepOptions } from './trainStep';
import { loadTrainingCheckpoint, saveTrainingCheckpoint, type TrainingProgress } from './trainingCheckpoint';
import { validationDice, type ValidationCase, type ValidationOptions } from './validationDice';

export type CheckpointStrategy = 'last_and_best' | 'last_only' | 'none';

/** Where the batches come from. `epoch(n)` must give the same batches for the same run seed and n. */
export interface TrainingData {
  epoch(epoch: number): AsyncIterable<TensorBatchSource>;
  validation(): AsyncIterable<ValidationCase>;
}

export interface RunTrainingOptions
  extends Omit<TrainStepOptions, 'model' | 'optimizer'>, Omit<ValidationOptions, 'classes'> {
  model: tf.LayersModel;
  optimizer: Optimizer;
  data: TrainingData;
  epochs: number;
  stepsPerEpoch: number;
  schedule: Omit<ScheduleOptions, 'totalSteps'>;
  /** evaluate on the validation cases after this many epochs (`--skip-eval`) */
  skipEval: number;
  ckptStrategy: CheckpointStrategy;
  ckptDir: string;
  /** continue from `<ckptDir>/last.ckpt` when it exists (`--resume-training`) */
  resume: boolean;
  seed: number;
  logger: Logger;
  /** batches the loader may prepare ahead of the training step (default 2) */
  prefetch?: number;
  /** kept inside each checkpoint (the plan, the options) */
  checkpointExtra?: Record<string, unknown>;
  /**
   * Data parallelism over a job of several ranks: `data` gives this rank's shard of the batches and
   * of the validation cases; weights start as rank 0's, gradients and the logged loss are averaged
   * over the ranks, validation Dice is combined, and only rank 0 writes checkpoints.
   */
  parallel?: DataParallel;
  onProgress?: (event: { epoch: number; step: number; stepsPerEpoch: number; loss: number }) => void;
}

export interface TrainingSummary extends TrainingProgress {
  lastTrainLoss: number;
  lastValidation?: { perClass: number[]; meanForeground: number };
}

export const LAST_CHECKPOINT = 'last.ckpt';
export const BEST_CHECKPOINT = 'best.ckpt';

/**
 * The seed's training loop: epochs of `stepsPerEpoch` optimisation steps on the learning-rate
 * schedule, full sliding-window validation Dice once `skipEval` epochs are done, the best and the
 * last checkpoint (written atomically at the end of each epoch), and DLLogger records with the
 * seed's keys. With `resume`, training continues from the last checkpoint exactly.
 */
export async function runTraining(options: RunTrainingOptions): Promise<TrainingSummary> {
  const { model, optimizer, data, epochs, stepsPerEpoch, logger, ckptDir, ckptStrategy } = options;
  if (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1)
    throw new Error(`steps per epoch must be ≥ 1, got ${stepsPerEpoch}`);
  const totalSteps = epochs * stepsPerEpoch;
  const schedule: ScheduleOptions = { ...options.schedule, totalSteps };
  const { parallel } = options;
  const ranks = parallel?.size ?? 1;
  const writesFiles = parallel?.isRoot ?? true;
  const trainStep = createTrainStep({
    ...options,
    model,
    optimizer,
    reduceGradients: parallel?.reduceGradients,
  });
  await mkdir(ckptDir, { recursive: true });
  const lastPath = join(ckptDir, LAST_CHECKPOINT);
  const bestPath = join(ckptDir, BEST_CHECKPOINT);

  let progress: TrainingProgress = { step: 0, epoch: 0, bestDice: Number.NaN, seed: options.seed };
  // Every rank reads the same last checkpoint (the optimiser state too), so --ckpt-dir must be
  // on a file system all ranks share; the ranks then check that they resumed from the same step.
  const resuming = options.resume && existsSync(lastPath);
  if (resuming) {
    progress = await loadTrainingCheckpoint(lastPath, model, optimizer);
    if (progress.seed !== options.seed) {
      throw new Error(
        `${lastPath} was trained with seed ${progress.seed}; resume with --seed ${progress.seed}`,
      );
    }
    // the schedule and the epochs run by global step: a run on another number of ranks keeps both
    if (progress.stepsPerEpoch !== undefined && progress.stepsPerEpoch !== stepsPerEpoch) {
      throw new Error(
        `${lastPath} was trained with ${progress.stepsPerEpoch} steps per epoch, this run has ${stepsPerEpoch}: ` +
          `resume with --steps-per-epoch ${progress.stepsPerEpoch}`,
      );
    }
    logger.log('PARAMETER', {
      resumed_from: lastPath,
      resumed_epoch: progress.epoch,
      resumed_step: progress.step,
      ...(progress.ranks !== ranks && { resumed_from_ranks: progress.ranks ?? 1, ranks }),
    });
  } else if (options.resume) {
    logger.log('PARAMETER', { resumed_from: 'none: no last checkpoint, starting fresh' });
  }

  if (parallel) {
    await parallel.checkAgreement(
      `resuming from ${lastPath}`,
      [resuming ? 1 : 0, progress.step],
      ([found, step]) =>
        found ? `step ${step}` : 'no last checkpoint (is --ckpt-dir on a file system every rank shares?)',
    );
    await parallel.broadcastWeights(model);
  }
  progress = { ...progress, ranks, stepsPerEpoch };

  let lastTrainLoss = Number.NaN;
  let lastValidation: TrainingSummary['lastValidation'];
  const checkpointProgress = (): TrainingProgress => ({ ...progress, extra: options.checkpointExtra });
  for (let epoch = progress.epoch; epoch < epochs; epoch++) {
    const epochStart = performance.now();
    let lossSum = 0;
    let steps = 0;
    let images = 0;
    // the loader's stream, with one credit handed back per finished step: at most `prefetch`
    // batches are prepared ahead of the step that is running
    const batches = toObservable(data.epoch(epoch), { prefetch: options.prefetch ?? 2 }).pipe(
      take(stepsPerEpoch),
      concatMap(async ({ value: batch, release }) => {
        faultPoint('batch'); // the crash harness's kill points (NNUNET_FAULTS)
        const learningRate = learningRateAt(progress.step, schedule);
        const globalBatch = batch.shape[0]! * ranks;
        if (progress.globalBatch === undefined) progress = { ...progress, globalBatch };
        else if (globalBatch !== progress.globalBatch) {
          throw new Error(
            `${resuming ? lastPath : 'this run'} has a global batch of ${progress.globalBatch} samples per step, ` +
              `this step has ${batch.shape[0]} per rank × ${ranks} rank(s) = ${globalBatch}: ` +
              `the batch per rank must be ${progress.globalBatch} / ${ranks}`,
          );
        }
        parallel?.setActivity(`epoch ${epoch} step ${progress.step}`);
        const loss = await trainStep(batch, learningRate);
        faultPoint('step');
        release();
        lossSum += loss;
        steps++;
        images += globalBatch;
        progress = { ...progress, step: progress.step + 1 };
        options.onProgress?.({ epoch, step: steps, stepsPerEpoch, loss });
      }),
    );
    await lastValueFrom(batches, { defaultValue: undefined });
    if (steps === 0) throw new Error(`epoch ${epoch}: the data gave no batch`);
    const seconds = (performance.now() - epochStart) / 1000;
    lastTrainLoss = lossSum / steps;
    progress = { ...progress, epoch: epoch + 1 };
    const record: Record<string, number> = {
      train_loss: lastTrainLoss,
      learning_rate: learningRateAt(progress.step, schedule),
      epoch_seconds: seconds,
      throughput_train: images / seconds,
    };
    if (progress.epoch > options.skipEval) {
      parallel?.setActivity(`epoch ${epoch} step ${progress.step}, validation`);
      const validation = await validationDice(model, data.validation(), {
        ...options,
        classes: options.classes,
        allreduceSum: parallel && ((values) => parallel.allreduceSum(values)),
      });
      lastValidation = { perClass: validation.perClass, meanForeground: validation.meanForeground };
      record.dice = validation.meanForeground;
      record.val_loss = 1 - validation.meanForeground;
      validation.perClass.forEach((d, i) => (record[`L${i + 1}`] = d));
      if (!(validation.meanForeground <= progress.bestDice)) {
        progress = { ...progress, bestDice: validation.meanForeground };
        record.dice_max = validation.meanForeground;
        if (ckptStrategy === 'last_and_best' && writesFiles)
          await saveTrainingCheckpoint(bestPath, model, optimizer, checkpointProgress());
      }
    }
    if (ckptStrategy !== 'none' && writesFiles)
      await saveTrainingCheckpoint(lastPath, model, optimizer, checkpointProgress());
    logger.log([progress.epoch, progress.step], record);
  }
  const summary: Record<string, number> = {};
  if (!Number.isNaN(lastTrainLoss)) summary.train_loss = lastTrainLoss;
  if (!Number.isNaN(progress.bestDice)) {
    summary.dice = progress.bestDice;
    summary.val_loss = 1 - progress.bestDice;
  }
  logger.log([], summary);
  await logger.flush();
  return { ...progress, lastTrainLoss, lastValidation };
}
