import type { AugmentName, Shape3 } from '@nnunet-ts/augment';
import type { Batch } from './Batch';
import type { CaseSource } from './CaseSource';
import { describeExit, type WorkerCrash } from './WorkerCrashError';
import { batchIterator } from './internal/batchIterator';
import { checkInteger } from './internal/checks';
import { InProcessRunner } from './internal/InProcessRunner';
import type { SamplerConfig } from './internal/SampleMaker';
import type { SampleRunner } from './internal/SampleRunner';
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
  /** `--oversampling` (default 0.33): probability that a patch is aimed at a foreground object. */
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
  const name = 'createTrainingLoader';
  const {
    source,
    dim,
    batchSize,
    nvol = 2,
    oversampling = 0.33,
    augment = 'nvidia',
    seed,
    numWorkers = 0,
    rank = 0,
    size = 1,
    firstEpoch = 0,
    epochs = Infinity,
    maxRetries = 1,
    onWorkerCrash = reportCrash,
  } = options;
  if (dim !== 2 && dim !== 3) throw new RangeError(`${name}: dim must be 2 or 3, got ${dim}`);
  const patch = [...options.patch];
  if (patch.length !== dim || !patch.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(
      `${name}: patch must be ${dim} positive integers for dim ${dim}, got [${patch.join(', ')}]`,
    );
  }
  checkInteger(`${name}: batchSize`, batchSize, 1);
  if (dim === 2) {
    checkInteger(`${name}: nvol`, nvol, 1, batchSize);
    if (batchSize % nvol !== 0) {
      throw new RangeError(`${name}: batchSize (${batchSize}) must be a multiple of nvol (${nvol}) in 2D`);
    }
  }
  if (!(oversampling >= 0 && oversampling <= 1)) {
    throw new RangeError(`${name}: oversampling must be in [0, 1], got ${oversampling}`);
  }
  if (augment !== 'nvidia' && augment !== 'nnunet') {
    throw new RangeError(`${name}: augment must be 'nvidia' or 'nnunet', got ${JSON.stringify(augment)}`);
  }
  checkInteger(`${name}: seed`, seed, 0);
  checkInteger(`${name}: numWorkers`, numWorkers, 0);
  checkInteger(`${name}: size`, size, 1);
  checkInteger(`${name}: rank`, rank, 0, size - 1);
  checkInteger(`${name}: firstEpoch`, firstEpoch, 0);
  if (epochs !== Infinity) checkInteger(`${name}: epochs`, epochs, 0);
  checkInteger(`${name}: maxRetries`, maxRetries, 0);

  const ids = [...(options.caseIds ?? source.ids)];
  const known = new Set(source.ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new RangeError(`${name}: caseIds not in the source: ${unknown.join(', ')}`);
  if (new Set(ids).size !== ids.length) throw new RangeError(`${name}: caseIds lists a case twice`);
  if (ids.length < size) {
    throw new RangeError(`${name}: ${ids.length} case(s) cannot be shared out to ${size} ranks`);
  }

  // A 2D sample is a slab of batchSize / nvol slices; a 3D sample is one patch.
  const samplesPerBatch = dim === 3 ? batchSize : nvol;
  const samplePatch: Shape3 =
    dim === 3 ? [patch[0], patch[1], patch[2]] : [batchSize / nvol, patch[0], patch[1]];
  const stepsPerEpoch = options.stepsPerEpoch ?? Math.ceil(Math.ceil(ids.length / size) / samplesPerBatch);
  checkInteger(`${name}: stepsPerEpoch`, stepsPerEpoch, 1);
  const { channels } = await source.header(ids[0]);
  const config: SamplerConfig = { augment, patch: samplePatch, dims: dim, oversampling, seed, channels };

  let runner: SampleRunner;
  if (numWorkers === 0) runner = new InProcessRunner(source, config);
  else if (!source.recipe) {
    throw new TypeError(
      `${name}: numWorkers ${numWorkers} needs a source with a recipe for worker processes`,
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
  const batchShape = [batchSize, ...patch];
  let cached: { epoch: number; cases: string[] } | undefined;
  const epochCases = (epoch: number): string[] => {
    checkInteger('epoch', epoch, 0);
    if (cached?.epoch !== epoch) cached = { epoch, cases: shardedCaseOrder(ids, seed, epoch, rank, size) };
    return cached.cases;
  };

  const batch = async (epoch: number, step: number): Promise<Batch> => {
    checkInteger('step', step, 0, stepsPerEpoch - 1);
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
      checkInteger('epoch', epoch, 0);
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

function reportCrash(crash: WorkerCrash): void {
  process.stderr.write(
    `data-loader: worker ${crash.workerId} died (${describeExit(crash)}) while making a sample of case '${crash.caseId}'; ` +
      `started a new worker${crash.willRetry ? ' and retrying the sample' : ''}\n`,
  );
}
