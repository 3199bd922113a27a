import { describe, expect, it } from 'vitest';
import { rankLayout } from './rankLayout';

const progress = { step: 30, epoch: 3, bestDice: Number.NaN, seed: 1 };
const checkpoint = '/runs/fold_0/ckpt/last.ckpt';

describe('rankLayout', () => {
  it('a fresh run takes the batch and the steps per epoch it asks for', () => {
    expect(rankLayout({ batchSize: 3, stepsPerEpoch: 7 }, 4)).toEqual({ batchPerRank: 3, stepsPerEpoch: 7 });
    expect(rankLayout({ batchSize: 2 }, 1)).toEqual({ batchPerRank: 2, stepsPerEpoch: undefined });
  });

  it('resuming on the same ranks changes nothing and says nothing', () => {
    const saved = { checkpoint, progress: { ...progress, ranks: 2, globalBatch: 4, stepsPerEpoch: 10 } };
    expect(rankLayout({ batchSize: 2 }, 2, saved)).toEqual({ batchPerRank: 2, stepsPerEpoch: 10 });
  });

  it('N ranks → M ranks keeps the global batch and the steps per epoch, and says so', () => {
    const saved = { checkpoint, progress: { ...progress, ranks: 2, globalBatch: 4, stepsPerEpoch: 10 } };
    const onOne = rankLayout({ batchSize: 2 }, 1, saved);
    expect(onOne).toMatchObject({ batchPerRank: 4, stepsPerEpoch: 10 });
    expect(onOne.note).toBe(
      `resuming ${checkpoint}: trained on 2 rank(s), it continues on 1 × batch 4 (the global batch 4 kept, ` +
        'the cases re-sharded, the schedule from global step 30)',
    );
    expect(rankLayout({ batchSize: 2 }, 4, saved)).toMatchObject({ batchPerRank: 1, stepsPerEpoch: 10 });
  });

  it('a global batch the new ranks cannot share out is an error naming the file and the ranks that can', () => {
    const saved = { checkpoint, progress: { ...progress, ranks: 2, globalBatch: 4 } };
    expect(() => rankLayout({ batchSize: 2 }, 3, saved)).toThrow(
      `${checkpoint} was trained with a global batch of 4 (2 rank(s) × 2): 3 ranks cannot share it out evenly; resume on 1, 2, 4 rank(s)`,
    );
  });

  it("options that would change the optimisation give way to the checkpoint's, with a note", () => {
    const saved = { checkpoint, progress: { ...progress, ranks: 1, globalBatch: 2, stepsPerEpoch: 10 } };
    const layout = rankLayout({ batchSize: 5, stepsPerEpoch: 3 }, 1, saved);
    expect(layout).toMatchObject({ batchPerRank: 2, stepsPerEpoch: 10 });
    expect(layout.note).toBe(
      `resuming ${checkpoint}: --batch-size 5 set aside: the checkpoint's batch per rank is 2; ` +
        "--steps-per-epoch 3 set aside: the checkpoint's is 10",
    );
  });

  it('a checkpoint from before the global batch was recorded had the batch per rank asked for now', () => {
    const saved = { checkpoint, progress: { ...progress, ranks: 2 } };
    expect(rankLayout({ batchSize: 3 }, 1, saved)).toMatchObject({
      batchPerRank: 6,
      stepsPerEpoch: undefined,
    });
  });
});
