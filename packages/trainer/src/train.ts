import { initBackend } from '@nnunet-ts/tf-backend';
import type { ProgressListener } from '@nnunet-ts/preprocessing';
import type { TextSink } from '@nnunet-ts/logging';
import { initDistributed, rankResources } from '@nnunet-ts/distributed';
import { DataParallel } from './DataParallel';
import type { TrainingSummary } from './runTraining';
import { applyPreset, trainOptionProblems, trainOptionsSchema, type TrainOptions } from './trainOptions';
import { buildTrainingRun } from './internal/train/buildTrainingRun';
import { prepareTrainingData } from './internal/train/prepareTrainingData';
import { runCheckpointMode } from './internal/train/runCheckpointMode';
import { trainFold } from './internal/train/trainFold';
import { trainingJob } from './internal/train/TrainingJob';

export { PHANTOM_FOLDER } from './internal/train/prepareTrainingData';

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
  const context = await initDistributed({ backend: options.distBackend });
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

/**
 * One rank's run, as four stages: prepare the data (dataset, plan, store), build the run (fold,
 * folders, seed, network, optimizer), then either train the fold or run a checkpoint mode.
 */
async function trainRank(
  options: TrainOptions,
  hooks: TrainHooks,
  parallel: DataParallel | undefined,
): Promise<TrainResult> {
  const job = trainingJob(parallel, hooks.note);
  noteCompatibilityFlags(options, job.note);
  const backend = await initBackend({ backend: options.backend });
  job.note(`backend: ${backend.backend} (${backend.reason})`);
  if (parallel) {
    const engine = parallel.context.backend === 'mpi' ? 'MPI' : 'the TCP ring';
    job.note(`data parallel: ${parallel.size} ranks, collectives on ${engine}`);
  }
  const data = await prepareTrainingData(options, hooks, job);
  const run = await buildTrainingRun(options, data, job);
  try {
    const summary =
      options.execMode === 'train'
        ? await trainFold(options, hooks, data, run, job, backend.backend)
        : await runCheckpointMode(options.execMode, options, hooks, data, run, job.note);
    const { datasetFolder } = data;
    const { runFolder, modelFolder, logFile } = run;
    return { rank: parallel?.rank ?? 0, datasetFolder, runFolder, modelFolder, logFile, summary };
  } finally {
    run.optimizer.dispose();
    run.model.dispose();
  }
}

/** The seed's flags that tfjs cannot honour are accepted, and say so. */
function noteCompatibilityFlags(options: TrainOptions, note: (line: string) => void): void {
  if (options.amp)
    note(
      '--amp: tfjs has no float16 compute; training runs in float32 (the flag is accepted for compatibility)',
    );
  if (options.xla)
    note('--xla: tfjs has no XLA compiler; nothing changes (the flag is accepted for compatibility)');
  if (options.benchmark)
    note('--benchmark: use `nnunet benchmark` for throughput and latency; training runs normally');
}
