import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleBackend, type ConsoleBackendOptions } from './consoleBackend';
import { createLogger } from './createLogger';

function capture(options: Omit<ConsoleBackendOptions, 'stream'> = {}) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const logger = createLogger({ backends: [consoleBackend({ ...options, stream })], rank: 0 });
  return { logger, output: () => text };
}

describe('consoleBackend', () => {
  it('writes to a plain sink without a write callback, and close() returns (a CLI capturing output)', async () => {
    let text = '';
    const sink = { write: (line: string) => (text += line) };
    const logger = createLogger({ backends: [consoleBackend({ stream: sink })], rank: 0 });
    logger.log([1], { loss: 0.5 });
    const closed = await Promise.race([
      logger.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
    ]);
    expect(closed).toBe('closed');
    expect(text).toBe('epoch 1 | loss 0.5\n');
  });

  it('prints compact lines with step names, units and readable numbers', async () => {
    const { logger, output } = capture();
    logger.metadata('throughput_train', { unit: 'images/s' });
    logger.log('PARAMETER', { learning_rate: 3e-4, optimizer: 'adam', amp: false });
    logger.log([3], { loss: 0.41234567, dice: 0.87 });
    logger.log([3, 120], { loss: 0.5 });
    logger.log(250, { throughput_train: 41.5321 });
    logger.log('val', { dice: [0.9, 0.80004], extra: { a: 1 }, none: null });
    logger.log([], { dice: 0.87 });
    await logger.close();
    expect(output()).toBe(
      [
        'parameters | learning_rate 3e-4 | optimizer adam | amp false',
        'epoch 3 | loss 0.4123 | dice 0.87',
        'epoch 3 | iteration 120 | loss 0.5',
        'step 250 | throughput_train 41.53 images/s',
        'val | dice [0.9, 0.8] | extra {a: 1} | none null',
        'summary | dice 0.87',
        '',
      ].join('\n'),
    );
  });

  it('prints only summaries when quiet', async () => {
    const { logger, output } = capture({ quiet: true });
    logger.log('PARAMETER', { fold: 0 });
    logger.log([1], { loss: 1 });
    logger.log([], { dice: 0.5 });
    await logger.close();
    expect(output()).toBe('summary | dice 0.5\n');
  });

  it('uses the given step names', async () => {
    const { logger, output } = capture({ stepNames: ['fold', 'epoch'] });
    logger.log([2, 7, 1], { loss: 0.25 });
    await logger.close();
    expect(output()).toBe('fold 2 | epoch 7 | step2 1 | loss 0.25\n');
  });
});
