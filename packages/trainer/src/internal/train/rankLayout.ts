import type { TrainingProgress } from '../../trainingCheckpoint';

/** How a run shares its steps out: samples per rank per step, and steps per epoch. */
export interface RankLayout {
  batchPerRank: number;
  /** undefined: the loader's default (one pass over this rank's cases) */
  stepsPerEpoch?: number;
  /** what a person resuming should know (the layout differs from the one asked for) */
  note?: string;
}

/**
 * The layout of a run on `ranks` ranks: the one asked for, or, when it resumes `checkpoint` (its
 * progress `saved`), the checkpoint's global batch shared out over this run's ranks and its steps
 * per epoch, so that a job trained on N ranks continues on M with the same optimisation: the
 * schedule runs by global step, and only the data's sharding changes.
 */
export function rankLayout(
  requested: { batchSize: number; stepsPerEpoch?: number },
  ranks: number,
  saved?: { checkpoint: string; progress: TrainingProgress },
): RankLayout {
  if (!saved) return { batchPerRank: requested.batchSize, stepsPerEpoch: requested.stepsPerEpoch };
  const { checkpoint, progress } = saved;
  const savedRanks = progress.ranks ?? 1;
  // a checkpoint from before the global batch was recorded had this run's batch per rank
  const globalBatch = progress.globalBatch ?? requested.batchSize * savedRanks;
  if (globalBatch % ranks !== 0) {
    const divisors = Array.from({ length: globalBatch }, (_, i) => i + 1).filter(
      (d) => globalBatch % d === 0,
    );
    throw new Error(
      `${checkpoint} was trained with a global batch of ${globalBatch} (${savedRanks} rank(s) × ${globalBatch / savedRanks}): ` +
        `${ranks} ranks cannot share it out evenly; resume on ${divisors.join(', ')} rank(s)`,
    );
  }
  const batchPerRank = globalBatch / ranks;
  const stepsPerEpoch = progress.stepsPerEpoch ?? requested.stepsPerEpoch;
  const changes: string[] = [];
  if (savedRanks !== ranks) {
    changes.push(
      `trained on ${savedRanks} rank(s), it continues on ${ranks} × batch ${batchPerRank} (the global batch ` +
        `${globalBatch} kept, the cases re-sharded, the schedule from global step ${progress.step})`,
    );
  } else if (batchPerRank !== requested.batchSize) {
    changes.push(
      `--batch-size ${requested.batchSize} set aside: the checkpoint's batch per rank is ${batchPerRank}`,
    );
  }
  if (requested.stepsPerEpoch !== undefined && stepsPerEpoch !== requested.stepsPerEpoch) {
    changes.push(
      `--steps-per-epoch ${requested.stepsPerEpoch} set aside: the checkpoint's is ${stepsPerEpoch}`,
    );
  }
  return {
    batchPerRank,
    stepsPerEpoch,
    note: changes.length ? `resuming ${checkpoint}: ${changes.join('; ')}` : undefined,
  };
}
