import type { LogBackend, LogData, LogEntry, LogStep } from './LogEntry';
import { resolveRank } from './resolveRank';

export interface LoggerOptions {
  /** Where records go (only on rank 0). */
  backends: readonly LogBackend[];
  /** This process's rank; default: from the environment (see `resolveRank`), else 0. */
  rank?: number;
  /** Environment to read the rank from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Wall clock in milliseconds since the epoch; default `Date.now`. Tests pass a fake one. */
  now?: () => number;
}

export interface Logger {
  readonly rank: number;
  /** False on ranks other than 0: every call is a no-op there and no backend is touched. */
  readonly active: boolean;
  /** Records `data` at `step` (`'PARAMETER'`, a number, `[epoch, iteration]`, or `[]` for summaries). */
  log(step: LogStep, data: LogData): void;
  /** Describes a metric for the backends (e.g. `{ unit: 'images/s', format: ':.2f' }`). */
  metadata(metric: string, metadata: LogData): void;
  flush(): Promise<void>;
  /** Flushes and closes every backend; later calls to `log` or `metadata` throw. */
  close(): Promise<void>;
}

/**
 * A metrics logger in the manner of NVIDIA's dllogger, gated to rank 0 so that a data-parallel job
 * writes one log: on other ranks it is a no-op logger whose backends are never opened.
 */
export function createLogger(options: LoggerOptions): Logger {
  const rank = resolveRank(options);
  return rank === 0 ? new ActiveLogger(options.backends, options.now ?? Date.now) : new InactiveLogger(rank);
}

class ActiveLogger implements Logger {
  readonly rank = 0;
  readonly active = true;
  private readonly startMicros: number;
  private closed = false;

  constructor(
    private readonly backends: readonly LogBackend[],
    private readonly now: () => number,
  ) {
    this.startMicros = this.nowMicros();
    for (const backend of backends) backend.open?.();
  }

  log(step: LogStep, data: LogData): void {
    checkStep(step);
    checkRecord(data, 'logger.log: data');
    this.emit((time) => ({ type: 'LOG', time, step, data }));
  }

  metadata(metric: string, metadata: LogData): void {
    if (typeof metric !== 'string' || metric === '') {
      throw new TypeError(`logger.metadata: metric must be a non-empty string, got ${describe(metric)}`);
    }
    checkRecord(metadata, 'logger.metadata: metadata');
    this.emit((time) => ({ type: 'METADATA', time, metric, metadata }));
  }

  async flush(): Promise<void> {
    await Promise.all(this.backends.map((backend) => backend.flush()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.backends.map((backend) => backend.close()));
  }

  private emit(make: (time: LogEntry['time']) => LogEntry): void {
    if (this.closed) throw new Error('logger: cannot log after close()');
    const epochMicros = this.nowMicros();
    const entry = make({ epochMicros, elapsedMicros: epochMicros - this.startMicros });
    for (const backend of this.backends) backend.write(entry);
  }

  private nowMicros(): number {
    return Math.round(this.now() * 1000);
  }
}

class InactiveLogger implements Logger {
  readonly active = false;
  constructor(readonly rank: number) {}
  log(): void {}
  metadata(): void {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

function checkStep(step: LogStep): void {
  const ok =
    (typeof step === 'number' && Number.isFinite(step)) ||
    typeof step === 'string' ||
    (Array.isArray(step) &&
      step.every((s) => (typeof s === 'number' && Number.isFinite(s)) || typeof s === 'string'));
  if (!ok) {
    throw new TypeError(
      `logger.log: step must be 'PARAMETER', a number, a string or a list of numbers/strings, got ${describe(step)}`,
    );
  }
}

function checkRecord(value: unknown, what: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object of named values, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}
