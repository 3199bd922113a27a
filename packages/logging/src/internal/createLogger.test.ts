import { describe, expect, it } from 'vitest';
import { createLogger } from './createLogger';
import type { LogBackend, LogEntry } from './LogEntry';

/** A backend that remembers what happened to it. */
function recordingBackend() {
  const events: string[] = [];
  const entries: LogEntry[] = [];
  const backend: LogBackend = {
    open: () => void events.push('open'),
    write: (entry) => void entries.push(entry),
    flush: async () => void events.push('flush'),
    close: async () => void events.push('close'),
  };
  return { backend, events, entries };
}

function fakeClock(...millis: number[]) {
  let i = 0;
  return () => millis[Math.min(i++, millis.length - 1)];
}

describe('createLogger', () => {
  it('hands timed entries to every backend on rank 0', async () => {
    const a = recordingBackend();
    const b = recordingBackend();
    const logger = createLogger({
      backends: [a.backend, b.backend],
      rank: 0,
      now: fakeClock(1000, 1500.25, 4000),
    });
    expect(logger.active).toBe(true);
    logger.log([1, 2], { loss: 0.5 });
    logger.metadata('loss', { unit: 'nats' });
    await logger.close();

    expect(a.events).toEqual(['open', 'close']);
    expect(a.entries).toEqual([
      {
        type: 'LOG',
        time: { epochMicros: 1_500_250, elapsedMicros: 500_250 },
        step: [1, 2],
        data: { loss: 0.5 },
      },
      {
        type: 'METADATA',
        time: { epochMicros: 4_000_000, elapsedMicros: 3_000_000 },
        metric: 'loss',
        metadata: { unit: 'nats' },
      },
    ]);
    expect(b.entries).toEqual(a.entries);
  });

  it('is a no-op on other ranks and never opens a backend', async () => {
    const a = recordingBackend();
    const logger = createLogger({ backends: [a.backend], env: { RANK: '3' } });
    expect(logger.rank).toBe(3);
    expect(logger.active).toBe(false);
    logger.log(1, { loss: 1 });
    logger.metadata('loss', {});
    await logger.flush();
    await logger.close();
    expect(a.events).toEqual([]);
    expect(a.entries).toEqual([]);
  });

  it('takes its rank from the environment when no option is given', () => {
    expect(createLogger({ backends: [], env: { NNUNET_RANK: '0', RANK: '1' } }).active).toBe(true);
    expect(createLogger({ backends: [], env: { OMPI_COMM_WORLD_RANK: '1' } }).active).toBe(false);
  });

  it('rejects bad steps and data with messages that say what was wrong', () => {
    const logger = createLogger({ backends: [recordingBackend().backend], rank: 0 });
    expect(() => logger.log({} as never, {})).toThrow("step must be 'PARAMETER', a number");
    expect(() => logger.log([1, NaN], {})).toThrow('got [1, NaN]');
    expect(() => logger.log(1, [1, 2] as never)).toThrow(
      'logger.log: data must be an object of named values',
    );
    expect(() => logger.metadata('', {})).toThrow("metric must be a non-empty string, got ''");
  });

  it('refuses to log after close and closes backends once', async () => {
    const a = recordingBackend();
    const logger = createLogger({ backends: [a.backend], rank: 0 });
    await logger.flush();
    await logger.close();
    await logger.close();
    expect(a.events).toEqual(['open', 'flush', 'close']);
    expect(() => logger.log(1, {})).toThrow('cannot log after close()');
  });
});
