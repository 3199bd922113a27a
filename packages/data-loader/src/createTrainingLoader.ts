import type { AugmentName } from '@nnunet-ts/augment';
import type { Batch } from './Batch';
import type { CaseSource } from './CaseSource';
import type { WorkerCrash } from './WorkerCrashError';
import { batchIterator } from './internal/batchIterator';
import { checkInteger } from './internal/checks';
import { InProcessRunner } from './internal/InProcessRunner';
import type { SamplerConfig } from './internal/SampleMaker';
import type { SampleRunner } from './internal/SampleRunner';
import { resolveLoaderOptions } from './internal/resolveLoaderOptions';
import { shardedCaseOrder } from './internal/shardedCaseOrder';
import { WorkerPool } from './internal/WorkerPool';

export interface TrainingLoaderOptions {
  readonly source: CaseSource;
  /** The training cases of the fold (default: every case of the source). */
  readonly caseIds?: readonly string[];
  /** `--dim`: 3 for 3D patches, 2 for slabs of 2D slices. */
  readonly dim: 2 | 3;
  /** The plan's patch: [D, H, W] in 3D, [H, W] in 2D. */
  readonly patch: readonly number[];
  /** `--batch-size`: patches per batch in 3D, slices per batch in 2D. */
  readonly batchSize: number;
  /** `--nvol` (2D only, default 2 as the seed): volumes per batch, each giving batchSize / nvol consecutive slices. */
  readonly nvol?: number;
  /** `--oversampling` (default augment's `DEFAULT_OVERSAMPLING`, 0.33): probability that a patch is aimed at a foreground object. */
  readonly oversampling?: number;
  /** `--augment` (default 'nvidia', the seed's pipeline). */
  readonly augment?: AugmentName;
  /** `--seed`: with the same seed, every epoch gives the same batches, whatever the number of workers. */
  readonly seed: number;
  /** `--num-workers` (default 0: samples are made in this process). */
  readonly numWorkers?: number;
  /** Data-parallel rank and world size (default 0 of 1): ranks see disjoint cases in each epoch. */
  readonly rank?: number;
  readonly size?: number;
  /** `--steps-per-epoch` (default: enough batches for every case of the largest shard once). */
  readonly stepsPerEpoch?: number;
  /** Epochs `firstEpoch` .. `epochs - 1` are what iterating the loader itself gives (default: 0 .. forever). */
  readonly firstEpoch?: number;
  readonly epochs?: number;
  /** How often a sample is retried after its worker died (default 1). */
  readonly maxRetries?: number;
  /** Called for each worker that dies while making a sample (default: a line on stderr). */
  readonly onWorkerCrash?: (crash: WorkerCrash) => void;
}

/** Training batches: `epoch(n)` for one epoch, or iterate the loader itself for all epochs in a row. */
export interface TrainingLoader extends AsyncIterable<Batch> {
  /** [B, D, H, W] in 3D, [B, H, W] in 2D: the shape of every batch (without channels). */
  readonly batchShape: readonly number[];
  readonly channels: number;
  readonly stepsPerEpoch: number;
  /** The batches of epoch `epoch`; next() starts a batch at once, so asking ahead overlaps the work. */
  epoch(epoch: number): AsyncIterableIterator<Batch>;
  /** Batch `step` of epoch `epoch` (a pure function of the options, the epoch and the step). */
  batch(epoch: number, step: number): Promise<Batch>;
  /** The cases this rank visits in `epoch`, in order (samples cycle through them). */
  epochCases(epoch: number): readonly string[];
  /** Stops the workers; batches still being made fail. */
  close(): Promise<void>;
}

/**
 * The training loader: per epoch a seeded case order, sharded by rank; per sample a foreground-biased
 * patch (3D) or slab of consecutive slices (2D, `nvol` slabs per batch) cut from the region of the case
 * it needs, augmented by the selected pipeline, in this process or in worker processes.
 */
export async function createTrainingLoader(options: TrainingLoaderOptions): Promise<TrainingLoader> {
  const {
    source,
    ids,
    dim,
    batchSize,
    samplesPerBatch,
    samplePatch,
    stepsPerEpoch,
    oversampling,
    augment,
    seed,
    numWorkers,
    rank,
    size,
    firstEpoch,
    epochs,
    maxRetries,
    onWorkerCrash,
  } = resolveLoaderOptions(options);
  const { channels } = await source.header(ids[0]);
  const config: SamplerConfig = { augment, patch: samplePatch, dims: dim, oversampling, seed, channels };

  let runner: SampleRunner;
  if (numWorkers === 0) runner = new InProcessRunner(source, config);
  else if (!source.recipe) {
    throw new TypeError(
      `createTrainingLoader: numWorkers ${numWorkers} needs a source with a recipe for worker processes`,
    );
  } else {
    runner = new WorkerPool({
      recipe: source.recipe,
      config,
      workers: numWorkers,
      maxRetries,
      onCrash: onWorkerCrash,
    });
  }

  const sampleVoxels = samplePatch[0] * samplePatch[1] * samplePatch[2];
  // caseIds has one entry per batch item: per patch in 3D, per slice in 2D.
  const slicesPerSample = dim === 2 ? samplePatch[0] : 1;
  const batchShape = dim === 3 ? [batchSize, ...samplePatch] : [batchSize, samplePatch[1], samplePatch[2]];
  let cached: { epoch: number; cases: string[] } | undefined;
  const epochCases = (epoch: number): string[] => {
    checkInteger('TrainingLoader: epoch', epoch, 0);
    if (cached?.epoch !== epoch) cached = { epoch, cases: shardedCaseOrder(ids, seed, epoch, rank, size) };
    return cached.cases;
  };

  const batch = async (epoch: number, step: number): Promise<Batch> => {
    checkInteger('TrainingLoader: step', step, 0, stepsPerEpoch - 1);
    const cases = epochCases(epoch);
    const image = new Float32Array(samplesPerBatch * sampleVoxels * channels);
    const label = new Uint8Array(samplesPerBatch * sampleVoxels);
    const caseIds: string[] = [];
    const work: Promise<void>[] = [];
    for (let j = 0; j < samplesPerBatch; j++) {
      const index = step * samplesPerBatch + j;
      const caseId = cases[index % cases.length];
      for (let c = 0; c < slicesPerSample; c++) caseIds.push(caseId);
      work.push(
        runner.run(
          { caseId, epoch, rank, index },
          image.subarray(j * sampleVoxels * channels, (j + 1) * sampleVoxels * channels),
          label.subarray(j * sampleVoxels, (j + 1) * sampleVoxels),
        ),
      );
    }
    await Promise.all(work);
    return { image, label, shape: batchShape, channels, caseIds, epoch, step };
  };

  return {
    batchShape,
    channels,
    stepsPerEpoch,
    epochCases,
    batch,
    epoch: (epoch) => {
      checkInteger('TrainingLoader: epoch', epoch, 0);
      return batchIterator((k) => (k < stepsPerEpoch ? batch(epoch, k) : undefined));
    },
    [Symbol.asyncIterator]: () =>
      batchIterator((k) => {
        const epoch = firstEpoch + Math.floor(k / stepsPerEpoch);
        return epoch < epochs ? batch(epoch, k % stepsPerEpoch) : undefined;
      }),
    close: () => runner.close(),
  };
}
