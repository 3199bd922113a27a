import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './createLogger';
import { dlloggerBackend } from './dlloggerBackend';
import { readDllogger } from './readDllogger';

describe('dlloggerBackend', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnunet-logging-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips records through the file and readDllogger', async () => {
    const path = join(dir, 'results', 'dllogger.json');
    let clock = 1_700_000_000_000;
    const logger = createLogger({
      backends: [dlloggerBackend({ path })],
      rank: 0,
      now: () => (clock += 250),
    });
    logger.metadata('dice', { unit: '', format: ':.4f' });
    logger.log('PARAMETER', { learning_rate: 3e-4, fold: 0, deep_supervision: true, task: '01' });
    logger.log([1, 10], { loss: 0.41234567, dice: new Float64Array([0.5, 0.75]) });
    logger.log([], { dice: 0.87, val_loss: NaN });
    await logger.close();

    const { records, malformed } = await readDllogger(path);
    expect(malformed).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(records.map((r) => r.elapsedtime)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(records[0]).toMatchObject({
      type: 'METADATA',
      metric: 'dice',
      metadata: { unit: '', format: ':.4f' },
    });
    expect(records[0].timestamp).toBe(1_700_000_000.5);
    expect(records[1]).toMatchObject({
      type: 'LOG',
      step: 'PARAMETER',
      data: { learning_rate: 3e-4, fold: 0, deep_supervision: true, task: '01' },
    });
    expect(records[2]).toMatchObject({ step: [1, 10], data: { loss: 0.41234567, dice: [0.5, 0.75] } });
    expect(records[3]).toMatchObject({ step: [], data: { dice: 0.87, val_loss: NaN } });
  });

  it('ends every record with a newline and starts each with DLLL', async () => {
    const path = join(dir, 'log.json');
    const logger = createLogger({ backends: [dlloggerBackend({ path })], rank: 0 });
    logger.log(1, { a: 1 });
    logger.log(2, { a: 2 });
    await logger.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    for (const line of lines.slice(0, 2)) expect(line.startsWith('DLLL {"timestamp": "')).toBe(true);
  });

  it('truncates an existing file unless append is set (the seed appends when resuming)', async () => {
    const path = join(dir, 'log.json');
    writeFileSync(path, 'DLLL old line\n');
    const fresh = createLogger({ backends: [dlloggerBackend({ path })], rank: 0 });
    await fresh.close();
    expect(readFileSync(path, 'utf8')).toBe('');

    writeFileSync(path, 'DLLL old line\n');
    const resumed = createLogger({ backends: [dlloggerBackend({ path, append: true })], rank: 0 });
    resumed.log(5, { loss: 1 });
    await resumed.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('DLLL old line');
    expect(lines[1]).toContain('"step": 5');
  });

  it('creates no file on ranks other than 0', async () => {
    const path = join(dir, 'rank1.json');
    const logger = createLogger({ backends: [dlloggerBackend({ path })], rank: 1 });
    logger.log(1, { loss: 1 });
    await logger.close();
    expect(existsSync(path)).toBe(false);
  });

  it('says which file it could not open', () => {
    writeFileSync(join(dir, 'blocker'), '');
    const path = join(dir, 'blocker', 'dllogger.json');
    expect(() => createLogger({ backends: [dlloggerBackend({ path })], rank: 0 })).toThrow(
      `dlloggerBackend: cannot open ${path}`,
    );
  });

  it('throws on writes after close', async () => {
    const backend = dlloggerBackend({ path: join(dir, 'x.json') });
    backend.open?.();
    await backend.close();
    expect(() =>
      backend.write({ type: 'LOG', time: { epochMicros: 0, elapsedMicros: 0 }, step: 1, data: {} }),
    ).toThrow('is closed');
  });
});
