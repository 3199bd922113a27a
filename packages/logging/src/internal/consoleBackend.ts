import { formatMetricNumber } from './formatMetricNumber';
import type { LogBackend, LogEntry, LogStep, LogValue } from './LogEntry';

/**
 * Where console lines go: a Node stream (flushed through its write callback) or any object with a
 * synchronous `write(text)`, such as a CLI's captured output.
 */
export interface TextSink {
  write(text: string): unknown;
}

export interface ConsoleBackendOptions {
  /** Where lines go; default `process.stdout` (dllogger's `StdOutBackend` prints to stdout). */
  stream?: TextSink;
  /**
   * The seed's `--quiet`: print only summaries (records with step `[]`), not per-step progress or
   * parameters. The seed drops its console output altogether; the final summary is kept here so a
   * quiet run still says how it ended.
   */
  quiet?: boolean;
  /** Names for the elements of a list step; default `['epoch', 'iteration']`. */
  stepNames?: readonly string[];
}

/**
 * Human-readable log lines such as `epoch 3 | loss 0.4123 | dice 0.87`. A metric's `unit`
 * metadata is printed after its value (`throughput_train 41.5 images/s`).
 */
export function consoleBackend(options: ConsoleBackendOptions = {}): LogBackend {
  return new ConsoleBackend(
    options.stream ?? process.stdout,
    options.quiet ?? false,
    options.stepNames ?? DEFAULT_STEP_NAMES,
  );
}

const DEFAULT_STEP_NAMES = ['epoch', 'iteration'];

class ConsoleBackend implements LogBackend {
  private readonly units = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly stream: TextSink,
    private readonly quiet: boolean,
    private readonly stepNames: readonly string[],
  ) {}

  write(entry: LogEntry): void {
    if (this.closed) throw new Error('consoleBackend: cannot write after close()');
    if (entry.type === 'METADATA') {
      const unit = entry.metadata.unit;
      if (typeof unit === 'string' && unit !== '') this.units.set(entry.metric, unit);
      return;
    }
    const isSummary = Array.isArray(entry.step) && entry.step.length === 0;
    if (this.quiet && !isSummary) return;
    const parts = [...this.stepParts(entry.step)];
    for (const [name, value] of Object.entries(entry.data)) {
      const unit = this.units.get(name);
      parts.push(`${name} ${formatValue(value)}${unit ? ` ${unit}` : ''}`);
    }
    this.stream.write(`${parts.join(' | ')}\n`);
  }

  flush(): Promise<void> {
    const stream = this.stream;
    // a plain sink has taken each line when write returned; waiting for a callback it never calls would hang
    if (!isNodeStream(stream)) return Promise.resolve();
    // an empty write's callback runs once everything queued before it has been handed off
    return new Promise((resolve, reject) => {
      stream.write('', (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
  }

  private stepParts(step: LogStep): string[] {
    if (step === 'PARAMETER') return ['parameters'];
    if (typeof step === 'number') return [`step ${formatMetricNumber(step)}`];
    if (typeof step === 'string') return [step];
    if (step.length === 0) return ['summary'];
    return step.map((value, i) => {
      const shown = typeof value === 'number' ? formatMetricNumber(value) : value;
      return `${this.stepNames[i] ?? `step${i}`} ${shown}`;
    });
  }
}

function isNodeStream(sink: TextSink): sink is NodeJS.WritableStream {
  const candidate = sink as Partial<NodeJS.WritableStream>;
  return typeof candidate.on === 'function' && typeof candidate.end === 'function';
}

function formatValue(value: LogValue): string {
  if (typeof value === 'number') return formatMetricNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<LogValue>, formatValue).join(', ')}]`;
  }
  const members = Object.entries(value as { [key: string]: LogValue }).map(
    ([k, v]) => `${k}: ${formatValue(v)}`,
  );
  return `{${members.join(', ')}}`;
}
