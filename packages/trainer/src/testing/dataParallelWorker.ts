// One rank of the data-parallel trainer tests, started by nnunet-run as a child process (tfjs must
// not be shared between ranks): `node --conditions=@nnunet-ts/source --import tsx dataParallelWorker.ts
// <config.json>`. Writes what the test checks into the config's folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initBackend } from '@nnunet-ts/tf-backend';
import { initDistributed } from '@nnunet-ts/distributed';
import { createLogger, dlloggerBackend } from '@nnunet-ts/logging';
import { DataParallel } from '../DataParallel';
import { adam } from '../optimizers/adam';
import { sgd } from '../optimizers/sgd';
import { runTraining, type TrainingData } from '../runTraining';
import { createTrainStep } from '../trainStep';
import { batchSlice, tinyBatch, tinyShardedData, tinyUNet, weightsOf } from './tinyTraining';

export type DataParallelWorkerConfig =
  /** one SGD step on this rank's half of a batch of 2·`batch` samples */
  | { mode: 'step'; dir: string; batch: number; learningRate: number }
  /** runTraining on this rank's shard, each batch held back `stepDelayMs` */
  | {
      mode: 'train';
      dir: string;
      epochs: number;
      stepsPerEpoch: number;
      resume: boolean;
      stepDelayMs: number;
    };

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as DataParallelWorkerConfig;
await initBackend({ backend: 'cpu' });
const context = await initDistributed();
const parallel = new DataParallel(context);
const { rank, size } = parallel;
writeFileSync(join(config.dir, `pid.${rank}`), String(process.pid));
try {
  if (config.mode === 'step') {
    // rank 0's initial weights must reach the others: they start from other ones
    const model = tinyUNet(rank === 0 ? 3 : 100 + rank);
    await parallel.broadcastWeights(model);
    const step = createTrainStep({
      model,
      optimizer: sgd({ momentum: 0.9 }),
      classes: 2,
      batchReduction: false,
      reduceGradients: parallel.reduceGradients,
    });
    const batch = batchSlice(tinyBatch(42, size * config.batch), rank * config.batch, config.batch);
    const loss = await step(batch, config.learningRate);
    writeFileSync(join(config.dir, `step.${rank}.json`), JSON.stringify({ loss, weights: weightsOf(model) }));
  } else {
    const model = tinyUNet(3);
    const shard = tinyShardedData(rank, size);
    const data: TrainingData = {
      ...shard,
      async *epoch(epoch) {
        for await (const batch of shard.epoch(epoch)) {
          await sleep(config.stepDelayMs);
          yield batch;
        }
      },
    };
    const logger = createLogger({
      backends: [dlloggerBackend({ path: join(config.dir, 'log.json'), append: true })],
      rank,
    });
    const summary = await runTraining({
      model,
      optimizer: adam(),
      data,
      classes: 2,
      epochs: config.epochs,
      stepsPerEpoch: config.stepsPerEpoch,
      schedule: { scheduler: 'none', learningRate: 3e-3 },
      skipEval: 0,
      patchSize: [8, 8, 8],
      ckptStrategy: 'last_and_best',
      ckptDir: join(config.dir, 'ckpt'),
      resume: config.resume,
      seed: 5,
      logger,
      parallel,
    });
    await logger.close();
    writeFileSync(
      join(config.dir, `train.${rank}.json`),
      JSON.stringify({ summary, weights: weightsOf(model) }),
    );
  }
  await context.close();
} catch (error) {
  console.error(`rank ${rank}: ${(error as Error).message}`);
  process.exitCode = 1;
}
