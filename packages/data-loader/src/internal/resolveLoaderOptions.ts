import { DEFAULT_OVERSAMPLING, type Shape3 } from '@nnunet-ts/augment';
import type { TrainingLoaderOptions } from '../createTrainingLoader';
import { checkInteger } from './checks';
import { reportCrash } from './reportCrash';

/** The loader's options checked, with their defaults, and what follows from them. */
export interface ResolvedLoaderOptions extends Required<
  Omit<TrainingLoaderOptions, 'caseIds' | 'patch' | 'stepsPerEpoch'>
> {
  /** The training cases, in the source's order. */
  readonly ids: readonly string[];
  /** Samples per batch: patches in 3D, slabs in 2D (nvol). */
  readonly samplesPerBatch: number;
  /** What one sample is: the patch in 3D, [batchSize / nvol, H, W] in 2D. */
  readonly samplePatch: Shape3;
  readonly stepsPerEpoch: number;
}

/** Checks the options of createTrainingLoader, naming the option and the problem. */
export function resolveLoaderOptions(options: TrainingLoaderOptions): ResolvedLoaderOptions {
  const name = 'createTrainingLoader';
  const {
    source,
    dim,
    batchSize,
    nvol = 2,
    oversampling = DEFAULT_OVERSAMPLING,
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

  const samplesPerBatch = dim === 3 ? batchSize : nvol;
  const samplePatch: Shape3 =
    dim === 3 ? [patch[0], patch[1], patch[2]] : [batchSize / nvol, patch[0], patch[1]];
  // By default every case of the largest shard is visited once per epoch.
  const stepsPerEpoch = options.stepsPerEpoch ?? Math.ceil(Math.ceil(ids.length / size) / samplesPerBatch);
  checkInteger(`${name}: stepsPerEpoch`, stepsPerEpoch, 1);
  return {
    source,
    ids,
    dim,
    batchSize,
    nvol,
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
    samplesPerBatch,
    samplePatch,
    stepsPerEpoch,
  };
}
