import { parseDllogger } from '@nnunet-ts/logging';
import { describe, expect, it } from 'vitest';
import { curveGroup, trainingCurves } from './trainingCurves';

const line = (step: unknown, data: Record<string, unknown>) =>
  `DLLL ${JSON.stringify({ timestamp: '1', datetime: 'd', elapsedtime: '0', type: 'LOG', step, data })}`;

describe('curveGroup', () => {
  it('sorts DLLogger keys into loss, Dice and learning-rate charts, and leaves out the rest', () => {
    expect(['train_loss', 'val_loss', 'loss'].map(curveGroup)).toEqual(['loss', 'loss', 'loss']);
    expect(['dice', 'dice_value', 'eval_dice_nobg', 'L1', 'L12'].map(curveGroup)).toEqual(
      Array(5).fill('dice'),
    );
    expect(['lr', 'learning_rate'].map(curveGroup)).toEqual(['lr', 'lr']);
    expect(['throughput_train', 'latency_predict_99', 'time_to_train', 'L', 'Lx1'].map(curveGroup)).toEqual(
      Array(5).fill(undefined),
    );
  });
});

describe('trainingCurves', () => {
  it('places [epoch, iteration] steps inside their epoch and epoch steps on the epoch', () => {
    const text = [
      line('PARAMETER', { learning_rate: 0.01, fold: 0 }),
      ...[0, 1, 2, 3].map((it) => line([0, it], { train_loss: 1 - it / 10 })),
      line([0], { dice: 0.5, L1: 0.4, L2: 0.6, throughput_train: 12 }),
      line([1, 0], { train_loss: 0.5, lr: 0.009 }),
      line([1, 1], { train_loss: 0.4 }),
      line(2, { val_loss: Number.NaN }).replace('null', 'NaN'),
      line([], { dice: 0.9 }),
    ].join('\n');
    const { records, malformed } = parseDllogger(text);
    expect(malformed).toEqual([]);
    expect(trainingCurves(records)).toEqual([
      { group: 'loss', metric: 'train_loss', x: 0, value: 1 },
      { group: 'loss', metric: 'train_loss', x: 0.25, value: 0.9 },
      { group: 'loss', metric: 'train_loss', x: 0.5, value: 0.8 },
      { group: 'loss', metric: 'train_loss', x: 0.75, value: 0.7 },
      { group: 'dice', metric: 'dice', x: 0, value: 0.5 },
      { group: 'dice', metric: 'L1', x: 0, value: 0.4 },
      { group: 'dice', metric: 'L2', x: 0, value: 0.6 },
      { group: 'loss', metric: 'train_loss', x: 1, value: 0.5 },
      { group: 'lr', metric: 'lr', x: 1, value: 0.009 },
      { group: 'loss', metric: 'train_loss', x: 1.5, value: 0.4 },
    ]);
  });

  it('has no points for a log without LOG records of training metrics', () => {
    const { records } = parseDllogger(
      [
        line('PARAMETER', { lr: 0.1 }),
        'DLLL {"timestamp": "1", "elapsedtime": "0", "datetime": "d", "type": "METADATA", "metric": "dice", "metadata": {"unit": null}}',
        line([3], { throughput_train: 40 }),
      ].join('\n'),
    );
    expect(records).toHaveLength(3);
    expect(trainingCurves(records)).toEqual([]);
  });
});
