import { tf } from '@nnunet-ts/tf-backend';
import {
  readCheckpoint,
  readCheckpointMetadata,
  writeCheckpoint,
  type CheckpointTensor,
} from './checkpoint/checkpointFile';
import type { Optimizer } from './optimizers/Optimizer';

/** Everything besides tensors that a resumed run needs to continue exactly. */
export interface TrainingProgress {
  /** optimisation steps done */
  step: number;
  /** epochs completed */
  epoch: number;
  /** best mean foreground validation Dice so far (NaN before the first evaluation) */
  bestDice: number;
  /** the run's seed: data order and augmentation derive from (seed, epoch) */
  seed: number;
  /**
   * ranks of the data-parallel job that trained it (absent: 1): each rank's data shard depends on
   * it, so a run resumes bit-exactly only with the same number; with another it continues with the
   * same global batch and schedule on re-sharded data
   */
  ranks?: number;
  /** samples per optimisation step over all ranks (absent: not recorded, from an older build) */
  globalBatch?: number;
  /** steps per epoch: the schedule runs by global step, so a resumed run keeps it */
  stepsPerEpoch?: number;
  /** the plan the model was built for, and anything else the caller keeps */
  extra?: Record<string, unknown>;
}

const WEIGHT_PREFIX = 'model/';
const OPTIMIZER_PREFIX = 'optimizer/';

function toCheckpointTensor(tensor: tf.Tensor): CheckpointTensor {
  if (tensor.dtype === 'int32')
    return { dtype: 'int32', shape: tensor.shape, data: tensor.dataSync() as Int32Array };
  return { dtype: 'float32', shape: tensor.shape, data: Float32Array.from(tensor.dataSync()) };
}

/** Writes weights, optimiser state and progress atomically into one checksummed file. */
export async function saveTrainingCheckpoint(
  path: string,
  model: tf.LayersModel,
  optimizer: Optimizer,
  progress: TrainingProgress,
): Promise<void> {
  const tensors = new Map<string, CheckpointTensor>();
  // Weights are keyed by position: tfjs numbers layer names per process, the order of a model's
  // weights is what stays the same between two builds of one architecture.
  model.weights.forEach((weight, i) =>
    tensors.set(`${WEIGHT_PREFIX}${i}`, toCheckpointTensor(weight.read())),
  );
  for (const [name, tensor] of optimizer.state())
    tensors.set(`${OPTIMIZER_PREFIX}${name}`, toCheckpointTensor(tensor));
  // the keys in a fixed order: a resumed run writes the same bytes as an uninterrupted one
  const { step, epoch, bestDice, seed, ranks, globalBatch, stepsPerEpoch, extra } = progress;
  await writeCheckpoint(path, {
    metadata: {
      step,
      epoch,
      bestDice: Number.isNaN(bestDice) ? null : bestDice,
      seed,
      ranks,
      globalBatch,
      stepsPerEpoch,
      extra,
      optimizer: optimizer.name,
    },
    tensors,
  });
}

/** Restores a checkpoint into a model of the same architecture and an optimiser of the same kind. */
export async function loadTrainingCheckpoint(
  path: string,
  model: tf.LayersModel,
  optimizer: Optimizer,
): Promise<TrainingProgress> {
  const { metadata, tensors } = await readCheckpoint(path);
  if (metadata.optimizer !== optimizer.name) {
    throw new Error(
      `checkpoint ${path} was trained with ${String(metadata.optimizer)}, this run uses ${optimizer.name}`,
    );
  }
  const savedWeights = [...tensors.keys()].filter((name) => name.startsWith(WEIGHT_PREFIX)).length;
  if (savedWeights !== model.weights.length) {
    throw new Error(
      `checkpoint ${path} holds ${savedWeights} weights, the model has ${model.weights.length}: a different model?`,
    );
  }
  const weights = model.weights.map((weight, i) => {
    const saved = tensors.get(`${WEIGHT_PREFIX}${i}`)!;
    if (saved.shape.join() !== weight.shape.join()) {
      throw new Error(
        `checkpoint ${path}: weight ${weight.originalName} has shape [${saved.shape.join(', ')}], the model expects [${weight.shape.join(', ')}]`,
      );
    }
    return tf.tensor(saved.data, saved.shape, saved.dtype);
  });
  model.setWeights(weights);
  tf.dispose(weights);
  const state = new Map<string, tf.Tensor>();
  for (const [name, saved] of tensors) {
    if (name.startsWith(OPTIMIZER_PREFIX))
      state.set(name.slice(OPTIMIZER_PREFIX.length), tf.tensor(saved.data, saved.shape, saved.dtype));
  }
  optimizer.loadState(state);
  tf.dispose([...state.values()]);
  return progressOf(metadata);
}

/** A checkpoint's progress alone, from its header: how a resumed run must be laid out. */
export async function readTrainingProgress(path: string): Promise<TrainingProgress> {
  return progressOf(await readCheckpointMetadata(path));
}

function progressOf(metadata: Record<string, unknown>): TrainingProgress {
  const optionalNumber = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    step: metadata.step as number,
    epoch: metadata.epoch as number,
    bestDice: metadata.bestDice === null ? Number.NaN : (metadata.bestDice as number),
    seed: metadata.seed as number,
    ranks: optionalNumber(metadata.ranks) ?? 1,
    globalBatch: optionalNumber(metadata.globalBatch),
    stepsPerEpoch: optionalNumber(metadata.stepsPerEpoch),
    extra: metadata.extra as Record<string, unknown> | undefined,
  };
}
